package org.dynamocsms.ocpp.fuzz;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

/**
 * Text every reader can hold, from every Unicode class a client may legitimately send: ASCII, Latin, Cyrillic,
 * right-to-left scripts, CJK, combining marks, emoji (surrogate pairs), private use, format characters (ZWJ,
 * RLO, BOM) and odd white space.
 */
final class UnicodeText {

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

    private UnicodeText() {
    }

    /** Text of at most {@code maxLength} UTF-16 units (so of code points too), whole pairs only. */
    static RandomGenerator<String> upTo(int maxLength) {
        return TOKENS.list().ofMaxSize(Math.min(maxLength, 40)).map(tokens -> {
            String text = String.join("", tokens);
            if (text.length() <= maxLength) {
                return text;
            }
            int end = maxLength;
            return text.substring(0, Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end);
        }).generatorWithEmbeddedEdgeCases(1000);
    }
}
