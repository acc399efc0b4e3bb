package lsmdb.e2e.slt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Records skipped on purpose, each with its reason (SPEC §3.4 allows this only for what the SPEC does not promise).
 * An entry is either {@code file:line} (one record) or {@code /regex/} (every record whose SQL matches,
 * case-insensitively), then a tab and the reason.
 */
final class SkipList {

    private record Entry(String fileAndLine, Pattern sql, String reason) {
    }

    private final List<Entry> entries;

    private SkipList(List<Entry> entries) {
        this.entries = entries;
    }

    static SkipList none() {
        return new SkipList(List.of());
    }

    static SkipList fromResource(String resource) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = SkipList.class.getResourceAsStream(resource)) {
            if (in == null) {
                return none();
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String key = tab < 0 ? line.trim() : line.substring(0, tab).trim();
                String reason = tab < 0 ? "listed in " + resource : line.substring(tab + 1).trim();
                if (key.startsWith("/") && key.endsWith("/") && key.length() > 1) {
                    Pattern p = Pattern.compile(key.substring(1, key.length() - 1), Pattern.CASE_INSENSITIVE);
                    entries.add(new Entry(null, p, reason));
                } else {
                    entries.add(new Entry(key, null, reason));
                }
            }
        }
        return new SkipList(List.copyOf(entries));
    }

    /** The reason to skip this record, or null to run it. */
    String reason(String file, SltRecord record) {
        for (Entry e : entries) {
            if (e.sql() != null ? e.sql().matcher(record.sql()).find()
                    : e.fileAndLine().equals(file + ":" + record.line())) {
                return e.reason();
            }
        }
        return null;
    }
}
