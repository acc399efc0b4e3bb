package lsmdb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * maxQueryMemory (SPEC §2, §5): a connection's sorts, groupings and hash joins that would hold more rows than its
 * budget spill to disk and answer as within the budget, and the connection goes on; another
 * connection to the same database keeps the default.
 */
class QueryMemoryTest {

    private static final int ROWS = 5000;

    @Test
    void sortsGroupingsAndHashJoinsPastTheBudgetSpill() throws Exception {
        String url = "jdbc:lsm:mem:querymemory" + System.nanoTime();
        try (Connection roomy = DriverManager.getConnection(url);
             Connection tight = DriverManager.getConnection(url + "?maxQueryMemory=64KB")) {
            try (Statement s = roomy.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, g INT, v VARCHAR(100))");
                s.execute("CREATE TABLE u (id INT PRIMARY KEY, g INT)");
            }
            roomy.setAutoCommit(false);
            try (PreparedStatement t = roomy.prepareStatement("INSERT INTO t VALUES (?, ?, ?)");
                 PreparedStatement u = roomy.prepareStatement("INSERT INTO u VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    t.setInt(1, i);
                    t.setInt(2, i);
                    t.setString(3, "value " + (i * 7919 % ROWS) + " of a row long enough to weigh something");
                    t.addBatch();
                    u.setInt(1, i);
                    u.setInt(2, ROWS - 1 - i);
                    u.addBatch();
                }
                t.executeBatch();
                u.executeBatch();
            }
            roomy.commit();
            String sort = "SELECT id, v FROM t ORDER BY v"; // a sort of every row: no index orders v
            assertEquals(ordered(roomy, sort), ordered(tight, sort), "the sort spilled gives the rows it held would");
            // hash aggregation of 5,000 groups (g is no key) spills too; its groups then come in another order
            String grouping = "SELECT g, MAX(v) FROM t GROUP BY g ORDER BY g";
            assertEquals(ordered(roomy, grouping), ordered(tight, grouping), "the grouping spilled");
            String join = "SELECT t.id, u.id FROM t JOIN u ON t.g = u.g"; // a hash join: g is no key or index
            java.util.List<String> joined = ordered(tight, join);
            java.util.Collections.sort(joined); // no ORDER BY: a spilled join's rows come in another order
            java.util.List<String> held = ordered(roomy, join);
            java.util.Collections.sort(held);
            assertEquals(held, joined, "the hash join spilled gives the rows it held would");
            assertEquals(10, rows(tight, "SELECT id FROM t WHERE id < 10"), "the connection goes on");
        }
    }

    @Test
    void changedRowsHandedBackPastTheBudgetFailWith53200AndChangeNothing() throws Exception {
        String url = "jdbc:lsm:mem:querymemoryreturning" + System.nanoTime();
        try (Connection roomy = DriverManager.getConnection(url);
             Connection tight = DriverManager.getConnection(url + "?maxQueryMemory=64KB");
             Statement r = roomy.createStatement(); Statement t = tight.createStatement()) {
            r.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
            try (PreparedStatement ps = roomy.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "a value of some length, kept per row");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            for (String sql : new String[] {"UPDATE t SET v = 'b' RETURNING id, v", "DELETE FROM t RETURNING v"}) {
                SQLException e = assertThrows(SQLException.class, () -> t.executeQuery(sql), sql);
                assertEquals("53200", e.getSQLState(), sql + ": " + e.getMessage());
                assertTrue(e.getMessage().contains("RETURNING"), e.getMessage());
            }
            assertEquals(0, rows(tight, "SELECT id FROM t WHERE v = 'b'"), "the failed UPDATE changed nothing");
            assertEquals(ROWS, rows(tight, "SELECT id FROM t"), "the failed DELETE deleted nothing");
            assertEquals(ROWS, rows(roomy, "UPDATE t SET v = 'b' RETURNING id"), "the default budget holds them");
        }
    }

    /**
     * Correlated subqueries run per outer row each give their operator's memory back (a grouping, DISTINCT, UNION,
     * a hash join, IN's values): the statement needs one run's budget. The short top-N of 3 KB rows beside them
     * cannot spill, and fails with 53200 as soon as earlier runs stay counted (as the hash join's did).
     */
    @Test
    void operatorsPerOuterRowNeedTheBudgetOfOneRun() throws Exception {
        String url = "jdbc:lsm:mem:querymemoryperrow" + System.nanoTime();
        try (Connection roomy = DriverManager.getConnection(url);
             Connection tight = DriverManager.getConnection(url + "?maxQueryMemory=16KB")) {
            try (Statement s = roomy.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, g INT, s VARCHAR(40))");
                s.execute("CREATE TABLE w (id INT PRIMARY KEY, pad VARCHAR(2000))");
            }
            try (PreparedStatement t = roomy.prepareStatement("INSERT INTO t VALUES (?, ?, ?)");
                 PreparedStatement w = roomy.prepareStatement("INSERT INTO w VALUES (?, ?)")) {
                for (int i = 0; i < 1000; i++) {
                    t.setInt(1, i);
                    t.setInt(2, i % 7);
                    t.setString(3, "word " + (i * 7919 % 1000));
                    t.addBatch();
                }
                t.executeBatch();
                for (int i = 0; i < 10; i++) {
                    w.setInt(1, i);
                    w.setString(2, "x".repeat(1500) + i);
                    w.addBatch();
                }
                w.executeBatch();
            }
            String range = " FROM t b WHERE b.id BETWEEN a.id AND a.id + 20";
            String sql = "SELECT a.id, "
                    + "(SELECT COUNT(*)" + range + " GROUP BY b.g ORDER BY 1 DESC, MIN(b.s) LIMIT 1), "
                    + "(SELECT DISTINCT b.g" + range + " ORDER BY 1 DESC LIMIT 1), "
                    + "(SELECT b.g" + range + " UNION SELECT b.g + 3" + range + " ORDER BY 1 DESC LIMIT 1), "
                    + "(SELECT COUNT(*) FROM t b JOIN t c ON b.g = c.g WHERE b.id BETWEEN a.id AND a.id + 20 "
                    + "AND c.id BETWEEN a.id AND a.id + 20), "
                    + "CASE WHEN a.g + 1 IN (SELECT b.g" + range + ") THEN 1 ELSE 0 END, "
                    + "(SELECT w.id FROM w WHERE w.id BETWEEN a.g AND a.g + 3 ORDER BY w.pad DESC LIMIT 1) "
                    + "FROM t a WHERE a.id < 200";
            java.util.List<String> expected = columns(roomy, sql, 7);
            assertEquals(200, expected.size());
            assertEquals(expected, columns(tight, sql, 7));
        }
    }

    private static java.util.List<String> columns(Connection c, String sql, int n) throws SQLException {
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append(' ');
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }

    @Test
    void aBadBudgetIsRefusedNamingTheOption() {
        for (String bad : new String[] {"lots", "512", "2048GB", "2TB", "1PB"}) { // not a size, under 1KB, over 1TB
            SQLException e = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection("jdbc:lsm:mem:querymemorybad?maxQueryMemory=" + bad));
            assertEquals("08001", e.getSQLState(), bad);
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("maxquerymemory"), e.getMessage());
        }
    }

    @Test
    void theLimitsTheMessageNamesAreAccepted() throws SQLException {
        for (String edge : new String[] {"1KB", "1TB", "1024GB", "1t"}) {
            try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:querymemoryedge?maxQueryMemory=" + edge);
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next(), edge);
            }
        }
    }

    private static java.util.List<String> ordered(Connection c, String sql) throws SQLException {
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        assertEquals(ROWS, rows.size(), sql);
        return rows;
    }

    private static int rows(Connection c, String sql) throws SQLException {
        int n = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }
}
