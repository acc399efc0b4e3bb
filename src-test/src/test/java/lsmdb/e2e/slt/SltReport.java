package lsmdb.e2e.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

/** The per-file figures of a run as a table, with the first failure reasons of each file. */
final class SltReport {

    private static final int REASONS_PER_FILE = 3;
    private static final int SLOWEST = 10;

    private SltReport() {
    }

    /**
     * @param newlyPassing per result, how many records passed that the baseline does not list (or -1 for no
     *                     baseline)
     */
    static String render(String title, List<FileResult> results, ToLongFunction<FileResult> newlyPassing) {
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format("%-45s %8s %8s %8s %8s %8s %8s%n", "file", "records", "passed", "failed", "skipped",
                "new-pass", "ms"));
        long[] totals = new long[6];
        for (FileResult r : results) {
            long[] row = {r.outcomes().size(), r.count(Outcome.Status.PASS), r.count(Outcome.Status.FAIL),
                r.count(Outcome.Status.SKIP), newlyPassing.applyAsLong(r), r.millis()};
            out.append(String.format("%-45s %8d %8d %8d %8d %8d %8d%n", r.name(), row[0], row[1], row[2], row[3],
                    row[4], row[5]));
            for (int i = 0; i < row.length; i++) {
                totals[i] += row[i];
            }
        }
        out.append(String.format("%-45s %8d %8d %8d %8d %8d %8d%n", "TOTAL", totals[0], totals[1], totals[2],
                totals[3], totals[4], totals[5]));
        out.append("\nslowest records (ms):\n");
        results.stream()
                .flatMap(r -> r.outcomes().stream().map(o -> new Object[] {r.name(), o}))
                .sorted((a, b) -> Long.compare(((Outcome) b[1]).millis(), ((Outcome) a[1]).millis()))
                .limit(SLOWEST)
                .forEach(a -> out.append(String.format("  %8d  %s:%d %s%n", ((Outcome) a[1]).millis(), a[0],
                        ((Outcome) a[1]).line(), ((Outcome) a[1]).status())));
        for (FileResult r : results) {
            List<Outcome> failures = r.failures();
            if (failures.isEmpty()) {
                continue;
            }
            out.append('\n').append(r.name()).append(": first failures\n");
            failures.stream().limit(REASONS_PER_FILE)
                    .forEach(f -> out.append("  line ").append(f.line()).append(": ").append(f.reason()).append('\n'));
        }
        return out.toString();
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
