package lsmdb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections to a database already open in this JVM share its engine, opened with the first connection's options.
 * What a later connection asks of its own commits still holds: {@code sync=true} makes them durable even if the
 * engine was opened with {@code sync=false} (and {@code sync=false} spares them the fsync), and {@code readOnly=true}
 * refuses its writes even if the engine is writable.
 */
class SharedDatabaseOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aLaterConnectionsSyncHoldsForItsOwnCommits() throws Exception {
        String url = "jdbc:lsm:" + dir.resolve("db");
        try (Connection relaxed = DriverManager.getConnection(url + "?sync=false");
             Connection durable = DriverManager.getConnection(url + "?sync=true");
             Statement r = relaxed.createStatement();
             Statement d = durable.createStatement()) {
            r.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            long before = walSyncs(r);
            for (int i = 0; i < 5; i++) {
                r.executeUpdate("INSERT INTO t VALUES (" + i + ", 0)");
            }
            assertEquals(before, walSyncs(r), "a sync=false connection's commits were fsynced");
            d.executeUpdate("INSERT INTO t VALUES (100, 1)");
            assertEquals(before + 1, walSyncs(r), "the sync=true connection's autocommit insert was not fsynced");
            durable.setAutoCommit(false);
            d.executeUpdate("INSERT INTO t VALUES (101, 1)");
            d.executeUpdate("UPDATE t SET v = 2 WHERE id = 0");
            durable.commit();
            assertEquals(before + 2, walSyncs(r), "the sync=true connection's transaction was not fsynced");
            durable.setAutoCommit(true);
            d.executeUpdate("UPDATE t SET v = 3 WHERE id = 1"); // a read-modify-write statement, checked on a snapshot
            assertEquals(before + 3, walSyncs(r), "the sync=true connection's update was not fsynced");
        }
    }

    /** DDL is written through the catalog with the engine's sync: a sync=true connection's DDL still gets its fsync. */
    @Test
    void aLaterConnectionsSyncHoldsForItsDdl() throws Exception {
        String url = "jdbc:lsm:" + dir.resolve("db");
        try (Connection relaxed = DriverManager.getConnection(url + "?sync=false");
             Connection durable = DriverManager.getConnection(url + "?sync=true");
             Statement r = relaxed.createStatement();
             Statement d = durable.createStatement()) {
            r.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            long before = walSyncs(r);
            r.execute("CREATE INDEX t_v ON t (v)");
            r.execute("DROP INDEX t_v");
            assertEquals(before, walSyncs(r), "a sync=false connection's DDL was fsynced");
            String[] ddl = {"CREATE TABLE u (id INT PRIMARY KEY)", "ALTER TABLE u ADD COLUMN w INT",
                    "CREATE INDEX u_w ON u (w)", "CREATE VIEW uv AS SELECT id FROM u", "DROP VIEW uv",
                    "TRUNCATE TABLE u", "DROP TABLE u"};
            for (String sql : ddl) {
                long syncs = walSyncs(r);
                d.execute(sql);
                assertTrue(walSyncs(r) > syncs, "the sync=true connection's DDL was not fsynced: " + sql);
            }
        }
    }

    @Test
    void aLaterReadOnlyConnectionCannotWrite() throws Exception {
        String url = "jdbc:lsm:" + dir.resolve("db");
        try (Connection writer = DriverManager.getConnection(url);
             Connection reader = DriverManager.getConnection(url + "?readOnly=true");
             Statement w = writer.createStatement();
             Statement r = reader.createStatement()) {
            w.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            w.executeUpdate("INSERT INTO t VALUES (1, 1)");
            assertTrue(reader.isReadOnly());
            assertFalse(writer.isReadOnly());
            for (String sql : new String[] {"INSERT INTO t VALUES (2, 2)", "UPDATE t SET v = 5", "DELETE FROM t",
                    "CREATE TABLE u (id INT PRIMARY KEY)", "DROP TABLE t"}) {
                SQLException e = assertThrows(SQLException.class, () -> r.executeUpdate(sql), sql);
                assertEquals("25006", e.getSQLState(), sql);
            }
            reader.setAutoCommit(false);
            SQLException e = assertThrows(SQLException.class, () -> r.executeUpdate("INSERT INTO t VALUES (3, 3)"));
            assertEquals("25006", e.getSQLState());
            reader.rollback();
            try (ResultSet rs = r.executeQuery("SELECT COUNT(*), SUM(v) FROM t")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals(1, rs.getInt(2));
            }
            w.executeUpdate("INSERT INTO t VALUES (4, 4)"); // the writer goes on writing
        }
    }

    /** Options of the engine itself cannot change under other connections: a later URL naming others is warned. */
    @Test
    void aLaterConnectionIsWarnedOfEngineOptionsItCannotHave() throws Exception {
        String url = "jdbc:lsm:" + dir.resolve("db");
        try (Connection first = DriverManager.getConnection(url + "?writeBufferSize=1MB&compression=lz4")) {
            assertEquals(null, first.getWarnings(), "the opener has what it asked for");
            try (Connection same = DriverManager.getConnection(url + "?writeBufferSize=1MB&sync=false");
                 Connection plain = DriverManager.getConnection(url)) {
                assertEquals(null, same.getWarnings(), "the same options, and sync (the connection's own)");
                assertEquals(null, plain.getWarnings(), "no option named, none ignored");
            }
            try (Connection other = DriverManager.getConnection(url + "?writeBufferSize=8MB&compression=lz4"
                    + "&blockSize=8KB&maxQueryMemory=1MB")) {
                SQLWarning w = other.getWarnings();
                assertTrue(w != null, "no warning for options the open engine lacks");
                assertEquals("01000", w.getSQLState());
                assertTrue(w.getMessage().contains("writeBufferSize=8388608 (open with 1048576)"), w.getMessage());
                assertTrue(w.getMessage().contains("blockSize=8192 (open with 4096)"), w.getMessage());
                assertFalse(w.getMessage().contains("compression"), w.getMessage());
                assertFalse(w.getMessage().contains("QueryMemory"), w.getMessage());
                other.clearWarnings();
                assertEquals(null, other.getWarnings());
            }
        }
    }

    private static long walSyncs(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT VALUE FROM SYS.STATS WHERE NAME = 'lsmdb.wal-syncs'")) {
            assertTrue(rs.next(), "no lsmdb.wal-syncs in SYS.STATS");
            return (long) rs.getDouble(1);
        }
    }
}
