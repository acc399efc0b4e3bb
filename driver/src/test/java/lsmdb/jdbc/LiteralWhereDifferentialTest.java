package lsmdb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SELECT, UPDATE and DELETE run as text or prepared with literals compared to columns ({@code WHERE c op lit AND ...},
 * {@code c IN (lit, ...)}), and SELECTs with literal LIMIT/OFFSET/FETCH counts, run a plan shared with their
 * parameterized form when each parameter's type is its literal's own (parse.LiteralParameters). Differential: random
 * comparisons of literals of every kind (integers past each type's range, decimals, exponents, strings that look like
 * numbers, dates) against columns of every type (some indexed), and counts of every kind (signed, decimal, past
 * BIGINT), each statement run so on one database and, behind a comment that no shape matches, bound with its literals
 * on another: same rows, same counts and contents after changes, or the same SQLState.
 */
class LiteralWhereDifferentialTest {

    private static final String[] TYPES = {"SMALLINT", "INT", "BIGINT", "DECIMAL(10,2)", "DOUBLE", "VARCHAR(8)",
        "CHAR(5)", "BOOLEAN", "DATE", "TIMESTAMP"};
    private static final String[] LITERALS = {"0", "1", "-1", "3", "7", "40000", "2147483648", "9223372036854775808",
        "-9223372036854775809", "007", "1.5", "-0.0", "2.50", "3.", "1e1", "-1.5e-3", "'3'", "'a'", "'b'", "' 7 '",
        "'1.5'", "'true'", "'2024-01-02'", "'2024-01-02 03:04:05'", "'zz'"};
    private static final String[] OPS = {"=", "<>", "!=", "<", "<=", ">", ">="};
    /** LIMIT/OFFSET counts: mostly integers, which share the plan, and some a BIGINT parameter is not or refuses. */
    private static final String[] COUNTS = {"0", "1", "2", "3", "5", "17", "100", "007", "9223372036854775807",
        "9223372036854775808", "-1", "-0", "+2", "1.5", "2.0", "1e1", "'2'", "NULL", "ALL"};

    @Test
    void comparedLiteralsRunAsTextSelectAndChangeWhatTheirLiteralsWould() throws Exception {
        Random r = new Random(20261203);
        int statements = 0;
        int refused = 0;
        for (int round = 0; round < 10; round++) {
            try (Connection text = DriverManager.getConnection("jdbc:lsm:mem:wheretext" + System.nanoTime());
                 Connection bound = DriverManager.getConnection("jdbc:lsm:mem:wherebound" + System.nanoTime())) {
                List<String> cols = new ArrayList<>();
                StringBuilder ddl = new StringBuilder("CREATE TABLE t (id INT PRIMARY KEY");
                for (int c = 0; c < 3; c++) {
                    String type = TYPES[r.nextInt(TYPES.length)];
                    cols.add("c" + c);
                    ddl.append(", c").append(c).append(' ').append(type);
                }
                ddl.append(')');
                for (Connection c : new Connection[] {text, bound}) {
                    try (Statement s = c.createStatement()) {
                        s.execute(ddl.toString());
                        s.execute("CREATE INDEX t_c0 ON t(c0)");
                    }
                    fill(c, cols, new Random(round));
                }
                for (int k = 0; k < 120; k++) {
                    String sql = statement(r, cols);
                    boolean query = sql.startsWith("SELECT");
                    String a = outcome(text, sql, query, r.nextBoolean());
                    String b = outcome(bound, LiteralInsertDifferentialTest.AS_WRITTEN + sql, query, false);
                    assertEquals(b, a, sql);
                    statements++;
                    refused += a.startsWith("SQLState") ? 1 : 0;
                }
                assertEquals(outcome(bound, "SELECT * FROM t ORDER BY id", true, false),
                        outcome(text, "SELECT * FROM t ORDER BY id", true, false), ddl.toString());
            }
        }
        System.out.println("LiteralWhereDifferentialTest: " + statements + " statements, " + refused
                + " refused alike");
        assertTrue(refused < statements / 2, "most comparisons should run: " + refused + " of " + statements);
    }

    /** Rows of small values, so that the literals match some of them. */
    private static void fill(Connection c, List<String> cols, Random r) throws SQLException {
        String[] pool = {"0", "1", "3", "7", "-1", "a", "b", "3", "2024-01-02", "2024-01-02 03:04:05", "true", null};
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
            for (int id = 0; id < 40; id++) {
                ps.setInt(1, id);
                for (int j = 0; j < cols.size(); j++) {
                    ps.setObject(j + 2, pool[r.nextInt(pool.length)]);
                }
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    // a value the column's type refuses: that row is left out, in both databases alike
                }
            }
        }
    }

    private static String statement(Random r, List<String> cols) {
        StringBuilder where = new StringBuilder();
        int terms = 1 + r.nextInt(2);
        for (int j = 0; j < terms; j++) {
            String col = r.nextInt(4) == 0 ? "id" : cols.get(r.nextInt(cols.size()));
            where.append(j > 0 ? " AND " : "").append(r.nextBoolean() ? "t." : "").append(col).append(' ');
            if (r.nextInt(4) == 0) {
                where.append("IN (").append(LITERALS[r.nextInt(LITERALS.length)]);
                for (int m = r.nextInt(3); m > 0; m--) {
                    where.append(", ").append(LITERALS[r.nextInt(LITERALS.length)]);
                }
                where.append(')');
            } else {
                where.append(OPS[r.nextInt(OPS.length)]).append(' ').append(LITERALS[r.nextInt(LITERALS.length)]);
            }
        }
        return switch (r.nextInt(6)) {
            case 0 -> "UPDATE t SET " + cols.get(r.nextInt(cols.size())) + " = "
                    + LITERALS[r.nextInt(LITERALS.length)] + " WHERE " + where;
            case 1 -> "DELETE FROM t WHERE " + where;
            case 2 -> "SELECT COUNT(*) FROM t WHERE " + where + (r.nextInt(4) == 0 ? rowCounts(r) : "");
            case 3 -> "SELECT * FROM t ORDER BY id" + (r.nextBoolean() ? " DESC" : "") + rowCounts(r);
            default -> "SELECT * FROM t WHERE " + where + " ORDER BY id" + (r.nextBoolean() ? " DESC" : "")
                    + (r.nextBoolean() ? rowCounts(r) : "");
        };
    }

    /** A trailing LIMIT/OFFSET or OFFSET ... FETCH of counts (the order before it is total, so the rows are known). */
    private static String rowCounts(Random r) {
        String n = COUNTS[r.nextInt(COUNTS.length)];
        String m = COUNTS[r.nextInt(COUNTS.length)];
        return switch (r.nextInt(6)) {
            case 0 -> " LIMIT " + n;
            case 1 -> " LIMIT " + n + " OFFSET " + m;
            case 2 -> " OFFSET " + m + " ROWS FETCH FIRST " + n + " ROWS ONLY";
            case 3 -> " OFFSET " + m;
            case 4 -> " OFFSET " + m + " ROWS FETCH FIRST ROW ONLY";
            default -> " FETCH NEXT " + n + " ROW ONLY";
        };
    }

    private static String outcome(Connection c, String sql, boolean query, boolean prepared) {
        try {
            if (!query) {
                if (prepared) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        return "count " + ps.executeUpdate();
                    }
                }
                try (Statement s = c.createStatement()) {
                    return "count " + s.executeUpdate(sql);
                }
            }
            if (prepared) {
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    return rows(rs);
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rows(rs);
            }
        } catch (SQLException e) {
            return "SQLState " + e.getSQLState();
        }
    }

    private static String rows(ResultSet rs) throws SQLException {
        StringBuilder b = new StringBuilder();
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            b.append(md.getColumnTypeName(i)).append(' ');
        }
        b.append('\n');
        while (rs.next()) {
            for (int i = 1; i <= md.getColumnCount(); i++) {
                b.append(rs.getObject(i)).append('|');
            }
            b.append('\n');
        }
        return b.toString();
    }
}
