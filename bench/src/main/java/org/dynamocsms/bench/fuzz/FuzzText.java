package org.dynamocsms.bench.fuzz;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

/**
 * The text both fuzz suites (REST requests and OCPP frames) send: text every reader can hold, from every Unicode
 * class a client may legitimately send; text no reader can hold; storable but odd text; and JSON written as an
 * attacker would write it (lone surrogates as escapes, sometimes every non-ASCII character escaped).
 */
public final class FuzzText {

    /** Text no reader can hold: NUL and unpaired surrogates. */
    public static final List<String> UNSTORABLE = List.of("\u0000", "\ud800", "\udbff", "\udc00", "\udfff",
            "\ude00\ud83d");
    /** Storable but odd text (controls, noncharacters): the contracts leave its acceptance open. */
    public static final List<String> ODD = List.of("\u0001", "\u0007", "\u001b", "\u001f", "\u007f", "\u0085",
            "\u009f", "\ufffe", "\uffff", "\ufdd0", "\ufdef", "\udbff\udfff", "\ud83f\udffe");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PLAIN = JSON.writer();
    private static final ObjectWriter ESCAPED = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    /** ASCII, Latin, Cyrillic, right-to-left scripts, CJK, combining marks, emoji, private use, format characters. */
    private static final Arbitrary<String> TOKENS = Arbitraries.oneOf(List.of(
            Arbitraries.strings().alpha().numeric().withChars(" -_.:/#").ofMinLength(1).ofMaxLength(8),
            Arbitraries.chars().range('\u00c0', '\u024f').map(String::valueOf),
            Arbitraries.chars().range('\u0400', '\u04ff').map(String::valueOf),
            Arbitraries.chars().range('\u05d0', '\u05ea').map(String::valueOf),
            Arbitraries.chars().range('\u0627', '\u064a').map(String::valueOf),
            Arbitraries.chars().range('\u4e00', '\u9fa5').map(String::valueOf),
            Arbitraries.chars().range('\u0300', '\u036f').map(mark -> "e" + mark),
            Arbitraries.integers().between(0x1F300, 0x1FAFF).map(Character::toString),
            Arbitraries.integers().between(0x10000, 0x10FFFD).filter(c -> (c & 0xFFFE) != 0xFFFE)
                    .map(Character::toString),
            Arbitraries.chars().range('\ue000', '\uf8ff').map(String::valueOf),
            Arbitraries.of("\u200d", "\u202e", "\u200f", "\ufeff", "\u00a0", "\u3000", "\u2028", "\t", "\n", " ",
                    "\"", "\\", "'", "<script>", "%00", "%s", "${x}", "' OR 1=1 --")));

    private FuzzText() {
    }

    /** Storable text of at most {@code maxLength} UTF-16 units (so of code points too), whole pairs only. */
    public static RandomGenerator<String> upTo(int maxLength) {
        return TOKENS.list().ofMaxSize(Math.min(maxLength, 40)).map(tokens -> {
            String text = String.join("", tokens);
            if (text.length() <= maxLength) {
                return text;
            }
            int end = maxLength;
            return text.substring(0, Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end);
        }).generatorWithEmbeddedEdgeCases(1000);
    }

    /** {@code node} as JSON, one time in four with every non-ASCII character escaped. */
    public static String json(JsonNode node, Random random) {
        return write(random.nextInt(4) == 0 ? ESCAPED : PLAIN, node);
    }

    /** {@code text} as a JSON string. */
    public static String quoted(String text) {
        return write(PLAIN, text);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return escapeLoneSurrogates(writer.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lone surrogate cannot be sent as UTF-8: it travels as a JSON escape, as an attacker would write it. */
    private static String escapeLoneSurrogates(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                out.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
