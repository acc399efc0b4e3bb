package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver through {@link DriverManager}, as an application or tool uses it. */
class JdbcTest {

    @TempDir
    Path tmp;

    private String url(String options) {
        return "jdbc:lsm:" + tmp.resolve("db") + (options.isEmpty() ? "" : "?" + options);
    }

    /**
     * A range over a BIGINT key hands its key out as a long (read from the key, no object per row) with the result
     * set's usual rules: wasNull cleared, a bad index or a read off the rows refused, getObject still a Long.
     */
    @Test
    void aBigintKeyRangeReadsItsKeyAsALongUnderTheResultSetsRules() throws Exception {
        try (Connection c = DriverManager.getConnection(url(""))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(10))");
                s.execute("INSERT INTO kv VALUES (-5, NULL), (7, 'seven')");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT v, k FROM kv WHERE k >= ? ORDER BY k LIMIT 5")) {
                ps.setLong(1, -10);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThrows(SQLException.class, () -> rs.getLong(2), "before the first row");
                    assertTrue(rs.next());
                    assertNull(rs.getString(1));
                    assertTrue(rs.wasNull());
                    assertEquals(-5L, rs.getLong(2));
                    assertFalse(rs.wasNull());
                    assertEquals(-5, rs.getInt(2));
                    assertThrows(SQLException.class, () -> rs.getLong(3), "no third column");
                    assertTrue(rs.next());
                    assertEquals(7L, rs.getLong(2));
                    assertEquals(7L, rs.getObject(2));
                    assertEquals("seven", rs.getString(1));
                    assertFalse(rs.next());
                    assertThrows(SQLException.class, () -> rs.getLong(2), "after the last row");
                }
            }
        }
    }

    private static SQLException fails(String state, Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement s = c.createStatement()) {
                if (s.execute(sql)) {
                    try (ResultSet rs = s.getResultSet()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
            }
        }, sql);
        assertEquals(state, e.getSQLState(), sql + " -> " + e.getMessage());
        return e;
    }

    @Test
    void driverIsFoundAndTypesRoundTrip() throws Exception {
        try (Connection c = DriverManager.getConnection(url(""), "sa", "secret")) {
            assertTrue(c.getAutoCommit());
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, c.getTransactionIsolation());
            try (Statement s = c.createStatement()) {
                assertFalse(s.execute("CREATE TABLE t (id INT PRIMARY KEY, b BIGINT, d DOUBLE, f BOOLEAN, "
                        + "s VARCHAR(20), x VARBINARY, ts TIMESTAMP, dt DATE, m DECIMAL(10,2))"));
                assertEquals(0, s.getUpdateCount());
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setLong(2, 1L << 40);
                ps.setDouble(3, 2.5);
                ps.setBoolean(4, true);
                ps.setString(5, "héllo");
                ps.setBytes(6, new byte[] {1, 2, (byte) 255});
                ps.setTimestamp(7, Timestamp.valueOf("2026-11-25 10:00:00.123"));
                ps.setDate(8, Date.valueOf("2026-11-25"));
                ps.setBigDecimal(9, new BigDecimal("12.34"));
                assertEquals(1, ps.executeUpdate());
                ps.setInt(1, 2);
                for (int i = 2; i <= 9; i++) {
                    ps.setNull(i, Types.NULL);
                }
                assertEquals(1, ps.executeUpdate());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM t WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(Integer.valueOf(1), rs.getObject(1));
                    assertEquals(Long.valueOf(1L << 40), rs.getObject("B"));
                    assertEquals(Double.valueOf(2.5), rs.getObject("d"));
                    assertEquals(Boolean.TRUE, rs.getObject(4));
                    assertEquals("héllo", rs.getString("S"));
                    assertArrayEquals(new byte[] {1, 2, (byte) 255}, rs.getBytes(6));
                    assertEquals(Timestamp.valueOf("2026-11-25 10:00:00.123"), rs.getTimestamp(7));
                    assertEquals(Date.valueOf("2026-11-25"), rs.getObject(8));
                    assertEquals(new BigDecimal("12.34"), rs.getBigDecimal(9));
                    assertEquals(12, rs.getInt(9));
                    ResultSetMetaData md = rs.getMetaData();
                    assertEquals(9, md.getColumnCount());
                    int[] expected = {Types.INTEGER, Types.BIGINT, Types.DOUBLE, Types.BOOLEAN, Types.VARCHAR,
                        Types.VARBINARY, Types.TIMESTAMP, Types.DATE, Types.DECIMAL};
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], md.getColumnType(i + 1), md.getColumnName(i + 1));
                    }
                    assertEquals("java.math.BigDecimal", md.getColumnClassName(9));
                    assertFalse(rs.next());
                }
                ps.setInt(1, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(0L, rs.getLong(2));
                    assertTrue(rs.wasNull());
                    assertNull(rs.getString(5));
                    assertTrue(rs.wasNull());
                }
            }
        }
    }

    @Test
    void errorsHaveTheSpecSqlStatesThroughJdbc() throws Exception {
        try (Connection c = DriverManager.getConnection(url(""))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(5) NOT NULL)");
                s.execute("INSERT INTO kv VALUES (1, 'a')");
            }
            assertInstanceOf(SQLSyntaxErrorException.class, fails("42000", c, "SELEC 1"));
            fails("42000", c, "SELECT * FROM kv, kv");
            fails("42S02", c, "SELECT * FROM missing");
            fails("42S01", c, "CREATE TABLE kv (k INT PRIMARY KEY)");
            fails("42S22", c, "SELECT nope FROM kv");
            assertInstanceOf(SQLIntegrityConstraintViolationException.class, fails("23505", c, "INSERT INTO kv VALUES (1, 'b')"));
            fails("23502", c, "INSERT INTO kv (k) VALUES (2)");
            fails("22018", c, "INSERT INTO kv VALUES ('x', 'b')");
            fails("22003", c, "INSERT INTO kv VALUES (99999999999999999999, 'b')");
            fails("22001", c, "INSERT INTO kv VALUES (3, 'toolong')");
            fails("22012", c, "SELECT k / 0 FROM kv");
            try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
                assertEquals("07001", assertThrows(SQLException.class, ps::executeQuery).getSQLState());
                assertEquals("22023", assertThrows(SQLException.class, () -> ps.setLong(2, 1)).getSQLState());
                ps.setLong(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.close();
                    assertEquals("HY010", assertThrows(SQLException.class, rs::next).getSQLState());
                }
                ps.close();
                assertEquals("HY010", assertThrows(SQLException.class, ps::executeQuery).getSQLState());
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "the connection still works after every error");
            }
        }
        Connection closed = DriverManager.getConnection(url(""));
        closed.close();
        assertEquals("08003", assertThrows(SQLException.class, closed::createStatement).getSQLState());
        SQLException bad = assertThrows(SQLException.class, () -> DriverManager.getConnection(url("bogus=1")));
        assertEquals("08001", bad.getSQLState());
        assertTrue(bad.getMessage().contains("bogus"), bad.getMessage());
        SQLException badValue = assertThrows(SQLException.class, () -> DriverManager.getConnection(url("sync=maybe")));
        assertEquals("08001", badValue.getSQLState());
        SQLException missing = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:lsm:" + tmp.resolve("absent") + "?create=false"));
        assertEquals("08001", missing.getSQLState());
        assertTrue(missing.getMessage().contains("absent"), missing.getMessage());
    }

    /** compression= in the URL: each session may pick another codec; every row stays readable. */
    @Test
    void compressionOptionWritesTablesEveryCodecReads() throws Exception {
        String[] codecs = {"zstd", "LZ4", "none"};
        for (int s = 0; s < codecs.length; s++) {
            try (Connection c = DriverManager.getConnection(url("compression=" + codecs[s] + "&writeBufferSize=64KB"))) {
                if (s == 0) {
                    c.createStatement().execute("CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR(200))");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
                    for (int i = s * 3000; i < (s + 1) * 3000; i++) {
                        ps.setInt(1, i);
                        ps.setString(2, "row " + i + " " + "abc".repeat(30));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM kv")) {
                    assertTrue(rs.next());
                    assertEquals((s + 1) * 3000, rs.getInt(1), codecs[s]);
                }
                try (ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kv WHERE k = 1234")) {
                    assertTrue(rs.next());
                    assertEquals("row 1234 " + "abc".repeat(30), rs.getString(1));
                }
            }
        }
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url("compression=snappy")));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("compression"), e.getMessage());
    }

    @Test
    void readOnlyUrlRefusesWrites() throws Exception {
        try (Connection c = DriverManager.getConnection(url(""))) {
            c.createStatement().execute("CREATE TABLE kv (k INT PRIMARY KEY)");
        }
        try (Connection c = DriverManager.getConnection(url("readOnly=true"))) {
            assertTrue(c.isReadOnly());
            fails("25006", c, "INSERT INTO kv VALUES (1)");
        }
    }

    @Test
    void transactionsIsolateAndConflict() throws Exception {
        try (Connection a = DriverManager.getConnection(url("")); Connection b = DriverManager.getConnection(url(""))) {
            a.createStatement().execute("CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR)");
            a.setAutoCommit(false);
            a.createStatement().execute("INSERT INTO kv VALUES (1, 'a')");
            try (ResultSet rs = b.createStatement().executeQuery("SELECT COUNT(*) FROM kv")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "uncommitted rows are invisible to others");
            }
            a.rollback();
            a.createStatement().execute("INSERT INTO kv VALUES (2, 'a')");
            a.commit();
            b.setAutoCommit(false);
            a.createStatement().execute("UPDATE kv SET v = 'from a' WHERE k = 2");
            b.createStatement().execute("UPDATE kv SET v = 'from b' WHERE k = 2");
            a.commit();
            SQLException e = assertThrows(SQLException.class, b::commit);
            assertInstanceOf(SQLTransactionRollbackException.class, e);
            assertEquals("40001", e.getSQLState());
            b.setAutoCommit(true);
            b.createStatement().execute("BEGIN");
            b.createStatement().execute("INSERT INTO kv VALUES (3, 'b')");
            assertFalse(b.getAutoCommit());
            b.createStatement().execute("COMMIT");
            assertTrue(b.getAutoCommit(), "auto-commit resumes after COMMIT");
            try (ResultSet rs = a.createStatement().executeQuery("SELECT k, v FROM kv ORDER BY k")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getInt(1) + "=" + rs.getString(2));
                }
                a.commit();
                assertEquals(List.of("2=from a"), rows.subList(0, 1));
            }
        }
    }

    @Test
    void closingAConnectionWithAnOpenTransactionRollsItBack() throws Exception {
        try (Connection c = DriverManager.getConnection(url(""))) {
            c.createStatement().execute("CREATE TABLE kv (k INT PRIMARY KEY)");
            try (Connection t = DriverManager.getConnection(url(""))) {
                t.setAutoCommit(false);
                t.createStatement().execute("INSERT INTO kv VALUES (1)");
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM kv")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the uncommitted insert was rolled back by close");
            }
        }
    }

    @Test
    void batchesScriptsAndMetadata() throws Exception {
        try (Connection c = DriverManager.getConnection(url(""))) {
            try (Statement s = c.createStatement()) {
                assertTrue(s.execute("CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR); INSERT INTO kv VALUES (1, 'x'); "
                        + "SELECT v FROM kv"));
                try (ResultSet rs = s.getResultSet()) {
                    assertTrue(rs.next());
                    assertEquals("x", rs.getString(1));
                }
                assertFalse(s.getMoreResults());
                assertEquals(-1, s.getUpdateCount());
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
                for (int i = 10; i < 20; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "v" + i);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertEquals(10, counts.length);
                ps.setInt(1, 10);
                ps.setString(2, "dup");
                ps.addBatch();
                assertThrows(BatchUpdateException.class, ps::executeBatch);
            }
            c.commit();
            c.setAutoCommit(true);
            DatabaseMetaData md = c.getMetaData();
            assertEquals("lsmdb", md.getDatabaseProductName());
            assertTrue(md.supportsBatchUpdates());
            assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ));
            assertEquals("\"", md.getIdentifierQuoteString());
            try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
                assertTrue(rs.next());
                assertEquals("KV", rs.getString("TABLE_NAME"));
                assertEquals("TABLE", rs.getString("TABLE_TYPE"));
            }
            try (ResultSet rs = md.getColumns(null, null, "KV", "%")) {
                assertTrue(rs.next());
                assertEquals("K", rs.getString("COLUMN_NAME"));
                assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
                assertEquals(1, rs.getInt("ORDINAL_POSITION"));
                assertTrue(rs.next());
                assertEquals("V", rs.getString("COLUMN_NAME"));
            }
            try (ResultSet rs = md.getPrimaryKeys(null, null, "KV")) {
                assertTrue(rs.next());
                assertEquals("K", rs.getString("COLUMN_NAME"));
            }
            try (ResultSet rs = md.getTypeInfo()) {
                assertTrue(rs.next());
            }
            try (ResultSet rs = md.getImportedKeys(null, null, "KV")) {
                assertFalse(rs.next());
                assertEquals("PKTABLE_NAME", rs.getMetaData().getColumnName(3));
            }
        }
    }

    @Test
    void dataSurvivesClosingTheLastConnectionWithFlushesAndCompactions() throws Exception {
        String u = url("writeBufferSize=64KB&sync=false");
        try (Connection c = DriverManager.getConnection(u)) {
            c.createStatement().execute("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR)");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
                for (int i = 0; i < 30_000; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, "value-" + i);
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(true);
            c.createStatement().execute("UPDATE kv SET v = 'changed' WHERE k < 100");
        }
        try (Connection c = DriverManager.getConnection(u); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
                rs.next();
                assertEquals(30_000, rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT v FROM kv WHERE k = 50")) {
                rs.next();
                assertEquals("changed", rs.getString(1));
            }
        }
    }

    @Test
    void memoryDatabasesAreSharedAndShutdownClosesEveryConnection() throws Exception {
        String u = "jdbc:lsm:mem:shared-" + System.nanoTime();
        Connection a = DriverManager.getConnection(u);
        Connection b = DriverManager.getConnection(u, new Properties());
        a.createStatement().execute("CREATE TABLE kv (k INT PRIMARY KEY)");
        a.createStatement().execute("INSERT INTO kv VALUES (1)");
        a.close();
        try (ResultSet rs = b.createStatement().executeQuery("SELECT COUNT(*) FROM kv")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
        b.close();
        try (Connection c = DriverManager.getConnection(u)) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM kv")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "a mem database outlives its connections");
            }
            Connection other = DriverManager.getConnection(u);
            for (int i = 2; i <= 50; i++) {
                c.createStatement().execute("INSERT INTO kv VALUES (" + i + ")");
            }
            ResultSet open = other.createStatement().executeQuery("SELECT k FROM kv");
            assertTrue(open.next());
            c.createStatement().execute("SHUTDOWN");
            assertEquals("08003", assertThrows(SQLException.class, open::next).getSQLState(),
                    "a result set open on another connection stops at SHUTDOWN");
            assertEquals("08003", assertThrows(SQLException.class, () -> other.createStatement()
                    .executeQuery("SELECT 1 FROM kv")).getSQLState());
            assertTrue(other.isClosed() || !other.isValid(1));
            other.close();
        }
        try (Connection c = DriverManager.getConnection(u)) {
            fails("42S02", c, "SELECT * FROM kv");
        }
    }
}
