package org.dynamocsms.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name=value} arguments of a benchmark, plus the two every benchmark takes: the base URL (only
 * {@code http://127.0.0.1}, so a benchmark cannot be pointed at someone else's server) and the API key
 * ({@code --api-key} or env {@code CSMS_API_KEY}).
 */
final class BenchOptions {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> env;

    private BenchOptions(Map<String, String> env) {
        this.env = env;
    }

    /** Parses {@code args}; any option outside {@code known} (besides base-url and api-key) is an error. */
    static BenchOptions parse(String[] args, Map<String, String> env, Set<String> known) {
        BenchOptions options = new BenchOptions(env);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            String name = arg.substring(2, eq);
            if (!known.contains(name) && !name.equals("base-url") && !name.equals("api-key")) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            options.values.put(name, arg.substring(eq + 1));
        }
        return options;
    }

    URI baseUrl() {
        URI baseUrl = URI.create(values.getOrDefault("base-url", "http://127.0.0.1:8080").replaceAll("/+$", ""));
        if (!"http".equals(baseUrl.getScheme()) || !"127.0.0.1".equals(baseUrl.getHost())) {
            throw new IllegalArgumentException("base URL must be http://127.0.0.1[:port], not " + baseUrl);
        }
        return baseUrl;
    }

    String apiKey() {
        String apiKey = values.getOrDefault("api-key", env.get("CSMS_API_KEY"));
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("an API key is required: --api-key=... or env CSMS_API_KEY");
        }
        return apiKey;
    }

    String string(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    Integer integer(String name, Integer otherwise) {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
        }
    }
}
