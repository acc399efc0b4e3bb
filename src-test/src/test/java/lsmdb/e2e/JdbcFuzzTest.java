package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing through JDBC: mutated and random SQL only ever produces SQLExceptions with SPEC §5 states (never
 * another exception, never a connection-level state a pool would evict on), and the connection keeps working.
 */
class JdbcFuzzTest {

    private static final Set<String> USER_ERROR_STATES = Set.of("42000", "42S02", "42S01", "42S22", "23505",
            "23502", "22018", "22003", "22001", "22012", "07001", "22023", "HY000", "40001");

    @Test
    void fuzzedStatementsOnlyFailWithUserErrorStates() throws Exception {
        String[] seeds = {"SELECT * FROM kv WHERE k = 1", "INSERT INTO kv VALUES (7, 'x', 7)",
            "UPDATE kv SET n = n + 1 WHERE k BETWEEN 1 AND 2", "DELETE FROM kv WHERE v = 'zz'",
            "SELECT k, v FROM kv ORDER BY n DESC LIMIT 3 OFFSET 1", "UPSERT INTO kv (k, v) VALUES (8, 'u')",
            "SELECT COUNT(*) FROM kv WHERE n IS NOT NULL OR v <> 'a'", "BEGIN; INSERT INTO kv VALUES (9, 'b', 1); COMMIT",
            "SELECT * FROM kv WHERE k IN (1, 2, ?)", "CREATE TABLE IF NOT EXISTS f (a INT PRIMARY KEY)"};
        String alphabet = "SELECT*FROMWHEREkv=<>!()',;?0123456789 \"-+/|.NULLANDORNOTINBETWEEN\n\u00e9";
        Random r = new Random(2026);
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:fuzz-" + System.nanoTime())) {
            c.createStatement().execute("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(10) NOT NULL, n INT)");
            c.createStatement().execute("INSERT INTO kv VALUES (1, 'a', 1), (2, 'b', 2)");
            for (int i = 0; i < 2000; i++) {
                StringBuilder sb = new StringBuilder(seeds[r.nextInt(seeds.length)]);
                for (int m = r.nextInt(4); m > 0; m--) {
                    int pos = r.nextInt(sb.length() + 1);
                    char ch = alphabet.charAt(r.nextInt(alphabet.length()));
                    if (r.nextBoolean() || pos == sb.length()) {
                        sb.insert(pos, ch);
                    } else {
                        sb.setCharAt(pos, ch);
                    }
                }
                String sql = sb.toString();
                if (sql.toUpperCase().contains("SHUTDOWN")) {
                    continue;
                }
                try {
                    if (sql.contains("?")) {
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            int n = ps.getParameterMetaData().getParameterCount();
                            for (int p = 1; p <= n; p++) {
                                ps.setObject(p, r.nextBoolean() ? (Object) r.nextInt(10) : "p" + p);
                            }
                            drain(ps.execute() ? ps.getResultSet() : null);
                        }
                    } else {
                        try (Statement s = c.createStatement()) {
                            drain(s.execute(sql) ? s.getResultSet() : null);
                        }
                    }
                } catch (SQLException e) {
                    assertTrue(USER_ERROR_STATES.contains(e.getSQLState()), sql + " -> " + e.getSQLState() + " " + e);
                }
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
            assertTrue(c.isValid(1));
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM kv")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getMetaData().getColumnCount());
            }
        }
    }

    private static void drain(ResultSet rs) throws SQLException {
        if (rs == null) {
            return;
        }
        try (rs) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    rs.getObject(i);
                }
            }
        }
    }
}
