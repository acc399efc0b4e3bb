package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: {@code INSERT ... VALUES} with thousands of rows, as dumps, bulk loaders and ORMs' batch inserts
 * write it, is accepted (it was refused by the parse budget from about 1,000 rows) and inserts exactly its rows,
 * compared with a model; a bad row anywhere refuses the whole statement and inserts nothing.
 */
class MultiRowValuesTest {

    private static final String TABLE = "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(40), score DOUBLE "
            + "DEFAULT 7.5, ok BOOLEAN, day DATE)";

    @Test
    void thousandsOfLiteralRowsInsertExactlyTheirRows() throws Exception {
        for (int rows : new int[] {1_000, 10_000}) {
            try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:values21-literal-" + rows);
                    Statement s = c.createStatement()) {
                s.execute(TABLE);
                Random random = new Random(rows);
                TreeMap<Long, List<Object>> model = new TreeMap<>();
                StringBuilder sql = new StringBuilder("INSERT INTO t (id, name, score, ok, day) VALUES ");
                List<Long> ids = shuffledIds(rows, random);
                for (int i = 0; i < rows; i++) {
                    sql.append(i == 0 ? "" : i % 5 == 0 ? ",\n" : ", ");
                    appendRow(sql, ids.get(i), random, model);
                }
                assertTrue(sql.length() > 17_000, "long enough to have been refused: " + sql.length());
                assertEquals(rows, s.executeUpdate(sql.toString()));
                assertEquals(model, table(s));
            }
        }
    }

    @Test
    void parametersInRowsAreNumberedAsWritten() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:values21-params");
                Statement s = c.createStatement()) {
            s.execute(TABLE);
            int rows = 2_000;
            StringBuilder sql = new StringBuilder("INSERT INTO t (id, name, score) VALUES ");
            for (int i = 0; i < rows; i++) {
                // alternating shapes: a parameter first, in the middle, or alone
                sql.append(i == 0 ? "" : ", ").append(switch (i % 3) {
                    case 0 -> "(?, 'lit" + i + "', ?)";
                    case 1 -> "(" + i + ", ?, ?)";
                    default -> "(?, NULL, -" + i + ".5)";
                });
            }
            TreeMap<Long, List<Object>> model = new TreeMap<>();
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int at = 1;
                for (int i = 0; i < rows; i++) {
                    switch (i % 3) {
                        case 0 -> {
                            p.setLong(at++, i);
                            p.setDouble(at++, i * 0.25);
                            model.put((long) i, Arrays.asList((long) i, "lit" + i, i * 0.25, null, null));
                        }
                        case 1 -> {
                            p.setString(at++, "p" + i);
                            p.setNull(at++, java.sql.Types.DOUBLE);
                            model.put((long) i, Arrays.asList((long) i, "p" + i, null, null, null));
                        }
                        default -> {
                            p.setLong(at++, i);
                            model.put((long) i, Arrays.asList((long) i, null, -(i + 0.5), null, null));
                        }
                    }
                }
                assertEquals(at - 1, p.getParameterMetaData().getParameterCount());
                assertEquals(rows, p.executeUpdate());
            }
            assertEquals(model, table(s));
        }
    }

    @Test
    void rowsWithExpressionsAmongLiteralRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:values21-mixed");
                Statement s = c.createStatement()) {
            s.execute(TABLE);
            String[] names = {"'a' || 'b'", "upper('x')", "NULL", "'plain'"};
            String[] expected = {"ab", "X", null, "plain"};
            StringBuilder sql = new StringBuilder("INSERT INTO t (id, name, score) VALUES ");
            TreeMap<Long, List<Object>> model = new TreeMap<>();
            for (int i = 0; i < 1_500; i++) {
                int kind = i % 50 == 7 ? i % 3 : 3;
                String score = i % 50 == 9 ? "1 + 2" : i % 50 == 11 ? "-(4)" : "-1";
                Double value = i % 50 == 9 ? 3.0 : i % 50 == 11 ? -4.0 : -1.0;
                sql.append(i == 0 ? "" : ", ").append('(').append(i).append(", ").append(names[kind]).append(", ")
                        .append(score).append(')');
                model.put((long) i, Arrays.asList((long) i, expected[kind], value, null, null));
            }
            assertEquals(1_500, s.executeUpdate(sql.toString()));
            assertEquals(model, table(s));
        }
    }

    @Test
    void aBadRowAnywhereRefusesTheWholeStatement() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:values21-atomic");
                Statement s = c.createStatement()) {
            s.execute(TABLE);
            s.execute("INSERT INTO t (id, name) VALUES (-1, 'before')");
            TreeMap<Long, List<Object>> before = table(s);
            int rows = 10_000;
            String good = rowsText(0, rows);
            // one row with three values for two columns, near the end
            String tooFew = good.replace("(9000, 'n9000')", "(9000, 'n9000', 1.5)");
            assertFalse(tooFew.equals(good));
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("INSERT INTO t (id, name) VALUES " + tooFew));
            assertEquals("42000", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("row 9001 of 10000"), e.getMessage());
            String tooMany = good.replace("(9001, 'n9001')", "(9001)");
            e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO t (id, name) VALUES " + tooMany));
            assertEquals("42000", e.getSQLState(), e.getMessage());
            String badType = good.replace("(9002, 'n9002')", "('nine', 'n9002')");
            e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO t (id, name) VALUES " + badType));
            assertEquals("22018", e.getSQLState(), e.getMessage());
            String duplicate = good.replace("(9003, 'n9003')", "(17, 'again')");
            e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("INSERT INTO t (id, name) VALUES " + duplicate));
            assertEquals("23505", e.getSQLState(), e.getMessage());
            assertEquals(before, table(s));
            assertEquals(rows, s.executeUpdate("INSERT INTO t (id, name) VALUES " + good));
            assertEquals(rows + 1, table(s).size());
        }
    }

    @Test
    void onConflictAndReturningOverLongRowLists() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:values21-conflict");
                Statement s = c.createStatement()) {
            s.execute(TABLE);
            assertEquals(2_000, s.executeUpdate("INSERT INTO t (id, name) VALUES " + rowsText(0, 2_000)));
            // ids 1,000..2,999: the first half exist
            assertEquals(1_000, s.executeUpdate("INSERT INTO t (id, name) VALUES "
                    + rowsText(1_000, 2_000).replace("'n", "'m") + " ON CONFLICT DO NOTHING"));
            Map<Long, List<Object>> rows = table(s);
            assertEquals(3_000, rows.size());
            assertEquals("n1500", rows.get(1_500L).get(1));
            assertEquals("m2500", rows.get(2_500L).get(1));
            s.executeUpdate("INSERT INTO t (id, name) VALUES " + rowsText(2_500, 1_000).replace("'n", "'u")
                    + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, score = 1");
            rows = table(s);
            assertEquals(3_500, rows.size());
            assertEquals(Arrays.asList(2_999L, "u2999", 1.0, null, null), rows.get(2_999L));
            assertEquals(Arrays.asList(3_499L, "u3499", 7.5, null, null), rows.get(3_499L));
            assertEquals(Arrays.asList(2_499L, "m2499", 7.5, null, null), rows.get(2_499L));
            try (ResultSet rs = s.executeQuery("INSERT INTO t (id, name) VALUES " + rowsText(10_000, 1_500)
                    + " RETURNING id, name")) {
                long sum = 0;
                int n = 0;
                while (rs.next()) {
                    sum += rs.getLong(1);
                    assertEquals("n" + rs.getLong(1), rs.getString(2));
                    n++;
                }
                assertEquals(1_500, n);
                assertEquals(1_500L * 10_000 + 1_499L * 1_500 / 2, sum);
            }
        }
    }

    /** {@code (first, 'nfirst'), ...}: {@code count} rows with ids from {@code first}. */
    private static String rowsText(int first, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            sb.append(i == first ? "" : ", ").append('(').append(i).append(", 'n").append(i).append("')");
        }
        return sb.toString();
    }

    private static List<Long> shuffledIds(int rows, Random random) {
        List<Long> ids = new ArrayList<>();
        for (long i = 0; i < rows; i++) {
            ids.add(i * 3 + 1);
        }
        java.util.Collections.shuffle(ids, random);
        return ids;
    }

    /** One row of mixed literal kinds, written to {@code sql} and its values to {@code model}. */
    private static void appendRow(StringBuilder sql, long id, Random random, TreeMap<Long, List<Object>> model) {
        String name;
        String nameText;
        switch (random.nextInt(4)) {
            case 0 -> {
                name = null;
                nameText = "NULL";
            }
            case 1 -> {
                name = "it's " + id;
                nameText = "'it''s " + id + "'";
            }
            case 2 -> {
                name = "";
                nameText = "''";
            }
            default -> {
                name = "n" + id;
                nameText = "'n" + id + "'";
            }
        }
        Double score;
        String scoreText;
        switch (random.nextInt(5)) {
            case 0 -> {
                score = 7.5;
                scoreText = "DEFAULT";
            }
            case 1 -> {
                score = -(double) id;
                scoreText = "-" + id;
            }
            case 2 -> {
                score = id / 4.0;
                scoreText = String.valueOf(id / 4.0);
            }
            case 3 -> {
                score = 1e3;
                scoreText = "1e3";
            }
            default -> {
                score = null;
                scoreText = "null";
            }
        }
        Boolean ok = random.nextInt(3) == 0 ? null : random.nextBoolean();
        String day = random.nextBoolean() ? null : "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
        sql.append('(').append(id).append(", ").append(nameText).append(", ").append(scoreText).append(", ")
                .append(ok == null ? "NULL" : ok ? "TRUE" : "false").append(", ")
                .append(day == null ? "NULL" : "DATE '" + day + "'").append(')');
        model.put(id, Arrays.asList(id, name, score, ok, day == null ? null : java.sql.Date.valueOf(day)));
    }

    private static TreeMap<Long, List<Object>> table(Statement s) throws SQLException {
        TreeMap<Long, List<Object>> out = new TreeMap<>();
        try (ResultSet rs = s.executeQuery("SELECT id, name, score, ok, day FROM t")) {
            while (rs.next()) {
                Object score = rs.getObject(3);
                out.put(rs.getLong(1), Arrays.asList(rs.getLong(1), rs.getString(2),
                        score == null ? null : ((Number) score).doubleValue(), rs.getObject(4), rs.getObject(5)));
            }
        }
        return out;
    }
}
