package org.dynamocsms.ocpp.fuzz;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.generic.GenericRecord;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;

/**
 * Judges the gateway's answers to generated frames by the contract, counts them by kind and outcome, and keeps one
 * example of each kind of failure:
 * <ul>
 *   <li>every frame but a charger's CALLRESULT/CALLERROR gets exactly one answer, carrying the CALL's id;</li>
 *   <li>an answer is a CALLRESULT or a CALLERROR with a code of the OCPP-J 1.6 list (section 4.2.3);</li>
 *   <li>a valid CALL gets a CALLRESULT, an invalid one a CALLERROR;</li>
 *   <li>a CALLRESULT comes with exactly its records (one, or none for Authorize and DataTransfer), a CALLERROR
 *       with none;</li>
 *   <li>a record holds only what every reader can hold: no NUL or lone surrogate, finite numbers, years 1-9999;</li>
 *   <li>no exception escapes, and the connection stays open.</li>
 * </ul>
 */
public final class OcppFuzzReport {

    /** OCPP-J 1.6, section 4.2.3. */
    static final Set<String> ERROR_CODES = Set.of("NotImplemented", "NotSupported", "InternalError", "ProtocolError",
            "SecurityError", "FormationViolation", "PropertyConstraintViolation", "OccurenceConstraintViolation",
            "TypeConstraintViolation", "GenericError");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXAMPLE_CHARS = 300;

    private final String title;
    private final Map<String, int[]> outcomes = new TreeMap<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private final Map<String, String> examples = new TreeMap<>();
    private int frames;
    private int records;

    public OcppFuzzReport(String title) {
        this.title = title;
    }

    /**
     * Judges the answers to {@code fuzzed} and the records written meanwhile; {@code thrown} is what escaped the
     * gateway, {@code closed} whether it closed the connection.
     */
    public void judge(OcppFrames.Fuzzed fuzzed, List<String> answers, List<ChargerTelemetry> written, Throwable thrown,
                      boolean closed) {
        frames++;
        records += written.size();
        String outcome = answers.isEmpty() ? "none" : answers.get(0).startsWith("[3") ? "CALLRESULT" : "CALLERROR";
        outcomes.computeIfAbsent(fuzzed.kind(), kind -> new int[3])[switch (outcome) {
            case "CALLRESULT" -> 0;
            case "CALLERROR" -> 1;
            default -> 2;
        }]++;
        List<String> problems = new ArrayList<>();
        if (thrown != null) {
            problems.add("crash: " + thrown.getClass().getSimpleName());
        }
        if (closed) {
            problems.add("connection closed");
        }
        int expectedAnswers = fuzzed.expect() == OcppFrames.Expect.NONE ? 0 : 1;
        if (answers.size() != expectedAnswers) {
            problems.add(answers.size() + " answers instead of " + expectedAnswers);
        }
        if (!answers.isEmpty()) {
            problems.addAll(answerProblems(fuzzed, answers.get(0), written));
        } else if (!written.isEmpty()) {
            problems.add("records written without an answer");
        }
        for (ChargerTelemetry record : written) {
            String unholdable = unholdable(record, "");
            if (unholdable != null) {
                problems.add("record holds " + unholdable);
            }
        }
        for (String problem : problems) {
            String key = fuzzed.kind() + " -> " + problem;
            failures.merge(key, 1, Integer::sum);
            examples.putIfAbsent(key, abbreviate(fuzzed.frame()) + "  answered: "
                    + (answers.isEmpty() ? "nothing" : abbreviate(answers.get(0))));
        }
    }

    private static List<String> answerProblems(OcppFrames.Fuzzed fuzzed, String answer, List<ChargerTelemetry> written) {
        List<String> problems = new ArrayList<>();
        JsonNode frame;
        try {
            frame = JSON.readTree(answer);
        } catch (Exception e) {
            return List.of("answer is not JSON");
        }
        int type = frame.path(0).asInt();
        boolean result = type == 3 && frame.size() == 3 && frame.get(2).isObject();
        boolean error = type == 4 && frame.size() == 5 && ERROR_CODES.contains(frame.get(2).asText())
                && frame.get(3).isTextual() && frame.get(4).isObject();
        if (!result && !error) {
            return List.of("answer is neither a CALLRESULT nor a CALLERROR of the OCPP-J list");
        }
        String id = frame.get(1).asText();
        if (fuzzed.id() != null ? !fuzzed.id().equals(id)
                : !(id.equals("-1") || fuzzed.frame().contains("\"" + id + "\""))) {
            problems.add("answer carries another message id");
        }
        if (result && fuzzed.expect() == OcppFrames.Expect.ERROR) {
            problems.add("accepted (CALLRESULT) instead of a CALLERROR");
        }
        if (error && fuzzed.expect() == OcppFrames.Expect.RESULT) {
            problems.add("refused a valid CALL: " + frame.get(2).asText());
        }
        int expectedRecords = result && OcppFrames.RECORDING.contains(fuzzed.action()) ? 1 : 0;
        if (written.size() != expectedRecords) {
            problems.add((error ? "refused CALL" : "CALLRESULT") + " wrote " + written.size() + " records");
        }
        return problems;
    }

    /**
     * Judges the end of a connection by a frame over the gateway's size limit: OCPP-J (RFC 6455) closes it with
     * 1009 (message too big), sent as a close frame.
     */
    public void judgeOversized(OcppFrames.Fuzzed fuzzed, Integer closeCode) {
        frames++;
        String kind = fuzzed.kind() + " (over the frame size limit)";
        outcomes.computeIfAbsent(kind, k -> new int[3])[2]++;
        if (closeCode == null || closeCode != 1009) {
            String key = kind + " -> closed with " + closeCode + " instead of 1009";
            failures.merge(key, 1, Integer::sum);
            examples.putIfAbsent(key, abbreviate(fuzzed.frame()));
        }
    }

    /** What in {@code value} a reader cannot hold, or null. */
    private static String unholdable(Object value, String path) {
        if (value instanceof CharSequence text) {
            String s = text.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == 0) {
                    return "NUL in " + path;
                }
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return "a lone surrogate in " + path;
                }
            }
        } else if (value instanceof Double number && !Double.isFinite(number)
                || value instanceof Float single && !Float.isFinite(single)) {
            return "a non-finite number in " + path;
        } else if (value instanceof Instant at) {
            int year = at.atZone(ZoneOffset.UTC).getYear();
            if (year < 1 || year > 9999) {
                return "year " + year + " in " + path;
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                String found = unholdable(item, path + "[]");
                if (found != null) {
                    return found;
                }
            }
        } else if (value instanceof GenericRecord record) {
            for (var field : record.getSchema().getFields()) {
                String found = unholdable(record.get(field.pos()), path + "." + field.name());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public int frames() {
        return frames;
    }

    /** Failures by kind, each with one example; empty when the gateway kept the contract. */
    public Map<String, Integer> failures() {
        return failures;
    }

    /** The figures and the failures, each kind with one example frame. */
    public String summary() {
        StringBuilder out = new StringBuilder("\n==== " + title + ": " + frames + " frames, " + records
                + " records written\n");
        out.append(String.format("%-70s %10s %10s %6s%n", "kind", "CALLRESULT", "CALLERROR", "none"));
        outcomes.forEach((kind, counts) -> out.append(String.format("%-70s %10d %10d %6d%n", kind, counts[0],
                counts[1], counts[2])));
        out.append("failures: ").append(failures.values().stream().mapToInt(Integer::intValue).sum())
                .append(failures.isEmpty() ? "\n" : " (kind -> problem: count; one example)\n");
        failures.forEach((key, count) -> out.append("  ").append(key).append(": ").append(count).append("\n    e.g. ")
                .append(examples.get(key)).append("\n"));
        return out.toString();
    }

    private static String abbreviate(String text) {
        String shown = text.length() > EXAMPLE_CHARS
                ? text.substring(0, EXAMPLE_CHARS) + "…(" + text.length() + " chars)" : text;
        StringBuilder out = new StringBuilder();
        // controls and surrogates as escapes: a log cannot show a NUL or a lone surrogate
        shown.chars().forEach(c -> out.append(c < 0x20 || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
