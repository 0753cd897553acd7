package org.dynamocsms.bench;

import java.io.PrintStream;
import java.util.List;

/** How a benchmark ends: what went wrong, if anything, printed after the figures. */
final class Problems {

    private static final int SHOWN = 10;

    private Problems() {
    }

    /** Prints the first problems; true if there were none. */
    static boolean report(List<String> problems, PrintStream out) {
        if (problems.isEmpty()) {
            return true;
        }
        out.printf("%d problems, the first ones:%n", problems.size());
        problems.stream().limit(SHOWN).forEach(p -> out.println("  " + p));
        return false;
    }
}
