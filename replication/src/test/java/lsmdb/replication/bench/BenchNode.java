package lsmdb.replication.bench;

import java.io.IOException;
import lsmdb.replication.ControlServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A database (a cluster member or a plain one: whatever its {@code jdbc:lsm:} URL says) in a JVM of its own, with
 * load generators that run inside it, so that figures measure the database and not a harness round trip:
 *
 * <pre>
 * SQL text                       → OK U count | OK R v,v;v,v | ERR sqlstate message
 * INSERTS threads millis idBase  → OK ops errors p50us p99us   (single-row INSERT, auto-commit, per thread a connection)
 * READS threads millis keys      → OK ops errors p50us p99us   (point SELECT by primary key)
 * LOAD n                         → OK n   (ids 0..n-1, in transactions of 1,000 rows: the keys READS draws from)
 * </pre>
 *
 * Arguments: url controlPort. Exits when its standard input closes.
 */
public final class BenchNode {

    private BenchNode() {
    }

    public static void main(String[] args) {
        ControlServer.runOrHalt(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        String url = args[0];
        int controlPort = Integer.parseInt(args[1]);
        ControlServer.haltWhenParentGoes();
        try (Connection first = DriverManager.getConnection(url)) { // opens (and for a member, starts) the database
            ControlServer.serve(controlPort, "READY " + url, () -> DriverManager.getConnection(url),
                    (c, line) -> " " + answer(url, c, line));
        }
    }

    private static String answer(String url, Connection c, String line) throws Exception {
        String[] f = line.split(" ", 2);
        switch (f[0]) {
            case "SQL" -> {
                try (Statement s = c.createStatement()) {
                    if (!s.execute(f[1])) {
                        return "U " + s.getUpdateCount();
                    }
                    StringBuilder b = new StringBuilder("R ");
                    try (ResultSet rs = s.getResultSet()) {
                        int n = rs.getMetaData().getColumnCount();
                        boolean firstRow = true;
                        while (rs.next()) {
                            b.append(firstRow ? "" : ";");
                            firstRow = false;
                            for (int i = 1; i <= n; i++) {
                                b.append(i > 1 ? "," : "").append(rs.getObject(i));
                            }
                        }
                    }
                    return b.toString();
                }
            }
            case "INSERTS" -> {
                String[] a = f[1].split(" ");
                AtomicLong ids = new AtomicLong(Long.parseLong(a[2]));
                return load(url, Integer.parseInt(a[0]), Long.parseLong(a[1]), "INSERT INTO b VALUES (?, ?)",
                        ps -> {
                            long id = ids.getAndIncrement();
                            ps.setLong(1, id);
                            ps.setString(2, "value " + id);
                            ps.executeUpdate();
                        });
            }
            case "READS" -> {
                String[] a = f[1].split(" ");
                long keys = Long.parseLong(a[2]);
                return load(url, Integer.parseInt(a[0]), Long.parseLong(a[1]), "SELECT v FROM b WHERE id = ?",
                        ps -> {
                            ps.setLong(1, ThreadLocalRandom.current().nextLong(keys));
                            try (ResultSet rs = ps.executeQuery()) {
                                if (!rs.next()) {
                                    throw new SQLException("key missing", "02000");
                                }
                            }
                        });
            }
            case "LOAD" -> {
                long n = Long.parseLong(f[1]);
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO b VALUES (?, ?)")) {
                    for (long id = 0; id < n; id++) {
                        ps.setLong(1, id);
                        ps.setString(2, "value " + id);
                        ps.executeUpdate();
                        if (id % 1000 == 999 || id == n - 1) {
                            c.commit();
                        }
                    }
                } finally {
                    c.setAutoCommit(true);
                }
                return Long.toString(n);
            }
            default -> throw new SQLException("unknown command " + f[0], "42000");
        }
    }

    interface Op {
        void run(PreparedStatement ps) throws SQLException;
    }

    /** Runs {@code op} on {@code threads} connections for {@code millis}; ops, errors and latency percentiles. */
    private static String load(String url, int threads, long millis, String sql, Op op) throws Exception {
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000L;
        SQLException[] firstError = new SQLException[1];
        for (int t = 0; t < threads; t++) {
            long[] lat = new long[1_000_000];
            latencies.add(lat);
            int slot = t;
            Thread th = new Thread(() -> {
                int n = 0;
                try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(sql)) {
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        try {
                            op.run(ps);
                            long done = System.nanoTime();
                            if (n < lat.length) {
                                lat[n++] = done - now;
                            }
                            ops.incrementAndGet();
                        } catch (SQLException e) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = e;
                                }
                            }
                        }
                    }
                } catch (SQLException e) {
                    errors.incrementAndGet();
                }
                latencies.set(slot, Arrays.copyOf(lat, n));
            });
            running.add(th);
            th.start();
        }
        for (Thread th : running) {
            th.join();
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long p50 = all.length == 0 ? 0 : all[all.length / 2] / 1000;
        long p99 = all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1000;
        String err = firstError[0] == null ? "" : " first-error=" + firstError[0].getSQLState() + ":"
                + String.valueOf(firstError[0].getMessage()).replace(' ', '_');
        return ops.get() + " " + errors.get() + " " + p50 + " " + p99 + err;
    }
}
