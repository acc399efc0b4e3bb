package lsmdb.e2e.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records expected to pass, per file, as line ranges: {@code file<TAB>12-40,52}. A range covers every record
 * whose keyword line lies in it; ranges are only written over runs of consecutive passing records, so a failing
 * record is never inside one. The list only grows: regenerate it when records newly pass.
 */
final class Baseline {

    private final Map<String, List<long[]>> rangesByFile;

    private Baseline(Map<String, List<long[]>> rangesByFile) {
        this.rangesByFile = rangesByFile;
    }

    static Baseline read(Path file) throws IOException {
        Map<String, List<long[]>> ranges = new TreeMap<>();
        if (!Files.exists(file)) {
            return new Baseline(ranges);
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            List<long[]> list = ranges.computeIfAbsent(parts[0].trim(), k -> new ArrayList<>());
            if (parts.length < 2 || parts[1].isBlank()) {
                continue;
            }
            for (String range : parts[1].trim().split(",")) {
                int dash = range.indexOf('-');
                long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
                long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
                list.add(new long[] {from, to});
            }
        }
        return new Baseline(ranges);
    }

    boolean expectsPass(String file, int line) {
        for (long[] r : rangesByFile.getOrDefault(file, List.of())) {
            if (line >= r[0] && line <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** Writes the passing records of these results as the new baseline. */
    static void write(Path file, List<FileResult> results) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# sqllogictest records expected to pass (SltConformanceTest fails if one of them fails).\n");
        out.append("# file<TAB>ranges of record lines; a range covers only consecutive passing records.\n");
        out.append("# Regenerate: see README, \"SQL conformance and differential tests\".\n");
        for (FileResult result : results) {
            out.append(result.name()).append('\t');
            List<String> ranges = new ArrayList<>();
            int from = -1;
            int to = -1;
            for (Outcome o : result.outcomes()) {
                if (o.status() == Outcome.Status.PASS) {
                    if (from < 0) {
                        from = o.line();
                    }
                    to = o.line();
                } else if (o.status() == Outcome.Status.FAIL && from >= 0) {
                    ranges.add(from == to ? Integer.toString(from) : from + "-" + to);
                    from = -1;
                }
            }
            if (from >= 0) {
                ranges.add(from == to ? Integer.toString(from) : from + "-" + to);
            }
            out.append(String.join(",", ranges)).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }
}
