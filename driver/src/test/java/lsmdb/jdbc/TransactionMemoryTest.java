package lsmdb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * maxTransactionMemory (SPEC §2, §5): a statement whose writes would take a transaction's uncommitted writes past the
 * budget fails with 53200 instead of exhausting the heap (an UPDATE of 2M rows in a 256 MB heap threw
 * OutOfMemoryError through JDBC), is undone, and leaves the connection, its open transaction and the database usable.
 */
class TransactionMemoryTest {

    private static final int ROWS = 20_000;
    private static final String VALUE = "a value long enough that twenty thousand rows of it outweigh a megabyte";

    private static String url() {
        return "jdbc:lsm:mem:txmemory" + System.nanoTime();
    }

    private static void load(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, g INT, v VARCHAR(100))");
            s.execute("CREATE INDEX t_g ON t(g)");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                ps.setInt(1, i);
                ps.setInt(2, i % 10);
                ps.setString(3, VALUE);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
        c.setAutoCommit(true);
    }

    private static long sum(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void autoCommitStatementsPastTheBudgetFailWith53200AndChangeNothing() throws Exception {
        String url = url();
        try (Connection roomy = DriverManager.getConnection(url);
             Connection tight = DriverManager.getConnection(url + "?maxTransactionMemory=1MB")) {
            load(roomy);
            long gSum = sum(roomy, "SELECT SUM(g) FROM t");
            try (Statement s = tight.createStatement()) {
                for (String sql : new String[] {"UPDATE t SET g = g + 1", "UPDATE t SET v = 'x' || v",
                        "DELETE FROM t", "INSERT INTO t SELECT id + " + ROWS + ", g, v FROM t",
                        "UPDATE t SET id = id + " + ROWS}) {
                    SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
                    assertEquals("53200", e.getSQLState(), sql + ": " + e.getMessage());
                    assertTrue(e.getMessage().contains("maxTransactionMemory"), e.getMessage());
                }
                assertEquals(ROWS, sum(tight, "SELECT COUNT(*) FROM t"), "nothing was written");
                assertEquals(gSum, sum(tight, "SELECT SUM(g) FROM t"));
                assertEquals(ROWS / 10, sum(tight, "SELECT COUNT(*) FROM t WHERE g = 3"), "the index is intact");
                // the connection goes on: a statement within the budget commits
                assertEquals(100, s.executeUpdate("UPDATE t SET g = g + 1 WHERE id < 100"));
            }
            assertEquals(gSum + 100, sum(roomy, "SELECT SUM(g) FROM t"));
            try (Statement s = roomy.createStatement()) { // the default budget holds the whole update
                assertEquals(ROWS, s.executeUpdate("UPDATE t SET g = g + 1"));
            }
            assertEquals(gSum + 100 + ROWS, sum(roomy, "SELECT SUM(g) FROM t"));
        }
    }

    @Test
    void aTransactionKeepsItsEarlierWritesWhenAStatementPassesTheBudget() throws Exception {
        String url = url();
        try (Connection roomy = DriverManager.getConnection(url);
             Connection tight = DriverManager.getConnection(url + "?maxTransactionMemory=1MB")) {
            load(roomy);
            tight.setAutoCommit(false);
            try (Statement s = tight.createStatement()) {
                int done = 0;
                SQLException failure = null;
                // slices of 1,000 rows each fit; together they pass the budget part-way through the table
                for (int from = 0; from < ROWS && failure == null; from += 1000) {
                    try {
                        done += s.executeUpdate("UPDATE t SET v = 'changed' WHERE id >= " + from + " AND id < "
                                + (from + 1000));
                    } catch (SQLException e) {
                        failure = e;
                    }
                }
                assertTrue(failure != null, "20,000 rows of updates fit in 1 MB");
                assertEquals("53200", failure.getSQLState());
                assertTrue(done >= 1000 && done < ROWS, "updated " + done);
                assertEquals(done, sum(tight, "SELECT COUNT(*) FROM t WHERE v = 'changed'"),
                        "the statements before the failing one stay in the transaction, the failing one is undone");
                tight.commit();
                assertEquals(done, sum(roomy, "SELECT COUNT(*) FROM t WHERE v = 'changed'"));

                // rolled back to a savepoint, the transaction holds less and may write again
                s.executeUpdate("UPDATE t SET v = 'first' WHERE id < 3000");
                Savepoint sp = tight.setSavepoint();
                SQLException past = assertThrows(SQLException.class, () -> {
                    for (int from = 3000; from < ROWS; from += 1000) {
                        s.executeUpdate("UPDATE t SET v = 'second' WHERE id >= " + from + " AND id < "
                                + (from + 1000));
                    }
                });
                assertEquals("53200", past.getSQLState());
                tight.rollback(sp);
                assertEquals(1000, s.executeUpdate("UPDATE t SET v = 'third' WHERE id >= 3000 AND id < 4000"),
                        "after the rollback to the savepoint the transaction has room again");
                tight.commit();
                assertEquals(3000, sum(roomy, "SELECT COUNT(*) FROM t WHERE v = 'first'"));
                assertEquals(0, sum(roomy, "SELECT COUNT(*) FROM t WHERE v = 'second'"));
                assertEquals(1000, sum(roomy, "SELECT COUNT(*) FROM t WHERE v = 'third'"));
                tight.rollback();
                assertFalse(tight.isClosed());
            }
        }
    }

    @Test
    void aBadValueIsRefused() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url() + "?maxTransactionMemory=lots"));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("maxTransactionMemory") || e.getMessage().contains("maxtransactionmemory"),
                e.getMessage());
    }
}
