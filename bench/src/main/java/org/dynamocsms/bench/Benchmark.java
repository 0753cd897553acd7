package org.dynamocsms.bench;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** One benchmark: runs once, prints its figures, and closes its clients afterwards. */
interface Benchmark extends AutoCloseable {

    /** Runs every phase and prints the figures; true when everything answered as expected. */
    boolean run() throws Exception;

    /**
     * What every benchmark's {@code main} does: parses the options (a mistake prints it and the usage, exit 2),
     * runs the benchmark, closes it, and exits 0 if it went as expected, else 1.
     */
    static <C> void launch(String[] args, BiFunction<String[], Map<String, String>, C> parse, String usage,
                           Function<C, Benchmark> benchmark) throws Exception {
        C config;
        try {
            config = parse.apply(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage);
            System.exit(2);
            return;
        }
        boolean ok;
        try (Benchmark bench = benchmark.apply(config)) {
            ok = bench.run();
        }
        System.exit(ok ? 0 : 1);
    }
}
