package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** SPEC §4: Statement.cancel() from another thread and setQueryTimeout stop a long statement with 57014. */
class CancelTest {

    private static final String ENDLESS = "SELECT COUNT(*) FROM t a, t b, t c WHERE a.v + b.v + c.v >= 0";

    private static Connection open(String name) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:lsm:mem:" + name);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            for (int i = 0; i < 2000; i++) {
                ps.setInt(1, i);
                ps.setInt(2, i % 7);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return c;
    }

    @Test
    void cancelStopsARunningJoinAndTheConnectionGoesOn() throws Exception {
        try (Connection c = open("cancel1"); Statement s = c.createStatement()) {
            AtomicLong cancelledAt = new AtomicLong();
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    cancelledAt.set(System.nanoTime());
                    s.cancel();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            canceller.start();
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs = s.executeQuery(ENDLESS)) {
                    rs.next();
                }
            });
            long stoppedAfterMillis = (System.nanoTime() - cancelledAt.get()) / 1_000_000;
            canceller.join();
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(stoppedAfterMillis < 2_000, "stopped " + stoppedAfterMillis + " ms after cancel");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertEquals(2000, rs.getLong(1));
            }
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void queryTimeoutIsAnSqlTimeoutException() throws Exception {
        try (Connection c = open("cancel2"); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs = s.executeQuery(ENDLESS)) {
                    rs.next();
                }
            });
            assertInstanceOf(SQLTimeoutException.class, e);
            assertEquals("57014", e.getSQLState());
            s.setQueryTimeout(0);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t WHERE k < 10")) {
                rs.next();
                assertEquals(10, rs.getLong(1));
            }
            s.execute("SHUTDOWN");
        }
    }
}
