package lsmdb.e2e.slt;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs one statement or query record on a connection and decides whether the database did what it expects. */
final class RecordChecker {

    private static final Pattern HASHED = Pattern.compile("(\\d+) values hashing to ([0-9a-f]{32})");
    private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private final Connection connection;
    /** label → hash of the first query result carrying it; later queries with the label must agree. */
    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, Integer> labelLines = new HashMap<>();

    RecordChecker(Connection connection) {
        this.connection = connection;
    }

    Outcome check(SltRecord record, int hashThreshold) {
        try {
            return record.kind() == SltRecord.Kind.QUERY ? checkQuery(record, hashThreshold) : checkStatement(record);
        } catch (RuntimeException | Error e) {
            // SPEC §5: nothing but SQLException may leave JDBC; a leak fails the record whatever it expected.
            return Outcome.fail(record.line(), "leaked " + e + " from " + shortSql(record.sql()));
        }
    }

    private Outcome checkStatement(SltRecord record) {
        try (Statement s = connection.createStatement()) {
            if (s.execute(record.sql())) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        // drain: a statement record only cares that it ran
                    }
                }
            }
        } catch (SQLException e) {
            if (!record.expectError()) {
                return Outcome.fail(record.line(), describe(e) + " from " + shortSql(record.sql()));
            }
            String wanted = record.expectedSqlState();
            if (wanted != null && !wanted.equals(e.getSQLState())) {
                return Outcome.fail(record.line(), "expected SQLState " + wanted + " but got " + describe(e)
                        + " from " + shortSql(record.sql()));
            }
            return Outcome.pass(record.line());
        }
        return record.expectError()
                ? Outcome.fail(record.line(), "expected an error but it succeeded: " + shortSql(record.sql()))
                : Outcome.pass(record.line());
    }

    private Outcome checkQuery(SltRecord record, int hashThreshold) {
        String types = record.types();
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            if (!s.execute(record.sql())) {
                return Outcome.fail(record.line(), "no result set from " + shortSql(record.sql()));
            }
            try (ResultSet rs = s.getResultSet()) {
                int columns = rs.getMetaData().getColumnCount();
                if (columns != types.length()) {
                    return Outcome.fail(record.line(), "expected " + types.length() + " columns, got " + columns
                            + " from " + shortSql(record.sql()));
                }
                while (rs.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int c = 0; c < columns; c++) {
                        row.add(ValueFormatter.format(rs.getObject(c + 1), types.charAt(c)));
                    }
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            return Outcome.fail(record.line(), describe(e) + " from " + shortSql(record.sql()));
        }
        List<String> values = sortedValues(rows, record.sort());
        String hash = Md5.ofValues(values);
        String mismatch = compare(record, rows, values, hash, hashThreshold);
        if (mismatch != null) {
            return Outcome.fail(record.line(), mismatch + " from " + shortSql(record.sql()));
        }
        if (record.label() != null) {
            String earlier = labels.putIfAbsent(record.label(), hash);
            labelLines.putIfAbsent(record.label(), record.line());
            if (earlier != null && !earlier.equals(hash)) {
                return Outcome.fail(record.line(), "result differs from " + record.label() + " at line "
                        + labelLines.get(record.label()) + ": " + shortSql(record.sql()));
            }
        }
        return Outcome.pass(record.line());
    }

    private static List<String> sortedValues(List<List<String>> rows, SortMode sort) {
        List<List<String>> ordered = new ArrayList<>(rows);
        if (sort == SortMode.ROWSORT) {
            ordered.sort(ROW_ORDER);
        }
        List<String> values = new ArrayList<>();
        ordered.forEach(values::addAll);
        if (sort == SortMode.VALUESORT) {
            values.sort(Comparator.naturalOrder());
        }
        return values;
    }

    /** Null when the result matches; otherwise what differs. */
    private static String compare(SltRecord record, List<List<String>> rows, List<String> values, String hash,
            int hashThreshold) {
        List<String> expected = record.expected();
        if (expected.size() == 1) {
            Matcher m = HASHED.matcher(expected.get(0));
            if (m.matches()) {
                int count = Integer.parseInt(m.group(1));
                if (count != values.size() || !m.group(2).equals(hash)) {
                    return "expected " + expected.get(0) + ", got " + values.size() + " values hashing to " + hash
                            + firstValues(values);
                }
                return null;
            }
        }
        if (expected.equals(values)) {
            return null;
        }
        if (record.types().length() > 1 && expected.size() == rows.size() && linesMatch(record, rows, expected)) {
            return null; // the row-per-line form our own logic files use
        }
        return "expected " + abbreviate(expected) + ", got " + abbreviate(values)
                + (hashThreshold > 0 && values.size() > hashThreshold ? " (" + values.size() + " values hashing to "
                        + hash + ")" : "");
    }

    private static boolean linesMatch(SltRecord record, List<List<String>> rows, List<String> expected) {
        List<String> actualLines = new ArrayList<>();
        for (List<String> row : rows) {
            actualLines.add(String.join(" ", row));
        }
        List<String> wanted = new ArrayList<>(expected);
        if (record.sort() != SortMode.NOSORT) {
            actualLines.sort(Comparator.naturalOrder());
            wanted.sort(Comparator.naturalOrder());
        }
        return actualLines.equals(wanted);
    }

    private static String firstValues(List<String> values) {
        return values.isEmpty() ? "" : " " + abbreviate(values);
    }

    private static String abbreviate(List<String> values) {
        return values.size() <= 8 ? values.toString()
                : values.subList(0, 8) + "... (" + values.size() + " values)";
    }

    private static String describe(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return e.getSQLState() + " " + (message.length() > 120 ? message.substring(0, 120) + "..." : message);
    }

    static String shortSql(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 100 ? oneLine.substring(0, 100) + "..." : oneLine;
    }
}
