package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HikariCP pools with several threads doing mixed inserts, selects and updates. Afterwards every acknowledged write
 * is there, and user errors never cost the pool a connection.
 */
class PoolTest {

    @TempDir
    Path tmp;

    /**
     * HikariCP evicts a connection whose error has an 08xxx or 0A000 state. Counting connections races the pool's
     * own background filling, so this checks the physical connection: with a pool of one, the same one must come
     * back after every user error.
     */
    @org.junit.jupiter.api.Test
    void userErrorsNeverCostThePoolItsConnection() throws Exception {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:lsm:" + tmp.resolve("evict") + "?sync=false");
        cfg.setMaximumPoolSize(1);
        try (HikariDataSource ds = new HikariDataSource(cfg)) {
            Connection physical;
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR(3) NOT NULL)");
                physical = c.unwrap(Connection.class);
                assertTrue(!physical.getClass().getName().contains("hikari"), physical.getClass().getName());
            }
            String[] bad = {"SELECT nope FROM kv", "SELEC 1", "SELECT * FROM missing", "INSERT INTO kv VALUES (1, NULL)",
                "INSERT INTO kv VALUES ('x', 'y')", "INSERT INTO kv VALUES (1, 'toolong')", "SELECT 1 / 0 FROM kv",
                "SELECT * FROM kv a JOIN kv b ON a.k = b.k", "INSERT INTO kv VALUES (1, 'a')"};
            for (String sql : bad) {
                try (Connection c = ds.getConnection()) {
                    c.createStatement().execute(sql);
                } catch (SQLException e) {
                    assertTrue(!e.getSQLState().startsWith("08") && !e.getSQLState().equals("0A000"),
                            sql + " -> " + e.getSQLState());
                }
                try (Connection c = ds.getConnection()) {
                    assertTrue(physical == c.unwrap(Connection.class), "evicted after: " + sql);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void concurrentMixedWorkKeepsEveryAcknowledgedWrite(int threads) throws Exception {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:lsm:" + tmp.resolve("db") + "?sync=false&writeBufferSize=128KB");
        cfg.setMaximumPoolSize(threads);
        cfg.setUsername("sa");
        cfg.setPassword("");
        ConcurrentHashMap<Long, String> acknowledged = new ConcurrentHashMap<>();
        try (HikariDataSource ds = new HikariDataSource(cfg)) {
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(100))");
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> {
                    Random r = new Random(thread);
                    for (int i = 0; i < 1500; i++) {
                        try (Connection c = ds.getConnection()) {
                            long key = thread * 1_000_000L + r.nextInt(400);
                            int op = r.nextInt(10);
                            if (op < 4) {
                                try (PreparedStatement ps = c.prepareStatement("UPSERT INTO kv VALUES (?, ?)")) {
                                    String v = "t" + thread + "-" + i;
                                    ps.setLong(1, key);
                                    ps.setString(2, v);
                                    ps.executeUpdate();
                                    acknowledged.put(key, v);
                                }
                            } else if (op < 6) {
                                try (PreparedStatement ps = c.prepareStatement("UPDATE kv SET v = ? WHERE k = ?")) {
                                    String v = "u" + thread + "-" + i;
                                    ps.setString(1, v);
                                    ps.setLong(2, key);
                                    if (ps.executeUpdate() == 1) {
                                        acknowledged.put(key, v);
                                    }
                                }
                            } else if (op < 7) {
                                try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, 'dup?')")) {
                                    ps.setLong(1, key);
                                    ps.executeUpdate();
                                    acknowledged.put(key, "dup?");
                                } catch (SQLException e) {
                                    assertEquals("23505", e.getSQLState());
                                }
                            } else {
                                try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
                                    ps.setLong(1, key);
                                    try (ResultSet rs = ps.executeQuery()) {
                                        if (rs.next()) {
                                            String expected = acknowledged.get(key);
                                            assertEquals(expected, rs.getString(1), "own last write visible");
                                        }
                                    }
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
            pool.shutdown();

        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:lsm:" + tmp.resolve("db"))) {
            for (var e : acknowledged.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
                    ps.setLong(1, e.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), "key " + e.getKey());
                        assertEquals(e.getValue(), rs.getString(1));
                    }
                }
            }
        }
    }
}
