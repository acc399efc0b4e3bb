package lsmdb.e2e.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the sqllogictest format: records separated by blank lines, {@code #} comments, condition lines
 * ({@code skipif}/{@code onlyif}) before a record. Our extension: {@code statement error <SQLSTATE>}.
 */
final class SltParser {

    private final List<String> lines;
    private int next;

    private SltParser(List<String> lines) {
        this.lines = lines;
    }

    static List<SltRecord> parse(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static List<SltRecord> parse(List<String> lines) {
        return new SltParser(lines).records();
    }

    private List<SltRecord> records() {
        List<SltRecord> out = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        while (next < lines.size()) {
            String line = stripTrailing(lines.get(next));
            int lineNo = ++next;
            if (line.isBlank()) {
                conditions.clear();
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            String[] words = withoutComment(line).trim().split("\\s+");
            switch (words[0]) {
                case "skipif", "onlyif" -> conditions.add(words[0] + " " + (words.length > 1 ? words[1] : ""));
                case "statement" -> {
                    boolean error = words.length > 1 && words[1].equals("error");
                    String state = error && words.length > 2 ? words[2] : null;
                    out.add(SltRecord.statement(lineNo, List.copyOf(conditions), readSql(), error, state));
                    conditions.clear();
                }
                case "query" -> {
                    String types = words.length > 1 ? words[1] : "";
                    SortMode sort = words.length > 2 ? SortMode.parse(words[2]) : SortMode.NOSORT;
                    String label = words.length > 3 ? words[3] : null;
                    String sql = readSql();
                    List<String> expected = readExpected();
                    out.add(SltRecord.query(lineNo, List.copyOf(conditions), sql, types, sort, label, expected));
                    conditions.clear();
                }
                case "hash-threshold" -> {
                    out.add(SltRecord.control(SltRecord.Kind.HASH_THRESHOLD, lineNo, List.copyOf(conditions),
                            Integer.parseInt(words[1])));
                    conditions.clear();
                }
                case "halt" -> {
                    out.add(SltRecord.control(SltRecord.Kind.HALT, lineNo, List.copyOf(conditions), 0));
                    conditions.clear();
                }
                default -> skipRecord(); // a directive this runner does not know: ignore the whole record
            }
        }
        return out;
    }

    /** SQL lines up to a blank line or {@code ----}, joined by newlines; the {@code ----} line stays unread. */
    private String readSql() {
        StringBuilder sql = new StringBuilder();
        while (next < lines.size()) {
            String line = stripTrailing(lines.get(next));
            if (line.isBlank() || line.equals("----")) {
                break;
            }
            next++;
            if (sql.length() > 0) {
                sql.append('\n');
            }
            sql.append(line);
        }
        return sql.toString();
    }

    private List<String> readExpected() {
        List<String> expected = new ArrayList<>();
        if (next < lines.size() && stripTrailing(lines.get(next)).equals("----")) {
            next++;
            while (next < lines.size()) {
                String line = stripTrailing(lines.get(next));
                if (line.isEmpty()) {
                    break;
                }
                next++;
                expected.add(line);
            }
        }
        return expected;
    }

    private void skipRecord() {
        while (next < lines.size() && !lines.get(next).isBlank()) {
            next++;
        }
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static String stripTrailing(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
