package lsmdb.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

/**
 * The JDBC benchmark: peer-bench's jdbc suite phases through HikariCP (pool of 4, defaults otherwise) against
 * {@code jdbc:lsm:} databases, reporting ops/s. R = --rows (default 1,000,000); counts scale with it.
 *
 * <pre>
 * java -cp ... lsmdb.bench.JdbcBench [--rows R] [--dir DIR] [--phases a,b]
 * </pre>
 */
public final class JdbcBench {

    private static final String INSERT = "INSERT INTO kv (k, v) VALUES (?, ?)";
    private static final String SELECT = "SELECT v FROM kv WHERE k = ?";
    private static final String UPDATE = "UPDATE kv SET v = ? WHERE k = ?";
    private static final String RANGE = "SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 100";
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final int rows;
    private final Path root;
    private final List<String> phases;
    private final PrintStream out;
    private final String text;

    JdbcBench(int rows, Path root, List<String> phases, PrintStream out) {
        this.rows = rows;
        this.root = root;
        this.phases = phases;
        this.out = out;
        SplittableRandom r = new SplittableRandom(11);
        char[] c = new char[64 * 1024];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        text = new String(c);
    }

    private String value(SplittableRandom r) {
        int at = r.nextInt(text.length() - 100);
        return text.substring(at, at + 100);
    }

    private HikariDataSource pool(String name, boolean sync) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:lsm:" + root.resolve(name) + "?sync=" + sync);
        cfg.setMaximumPoolSize(4);
        return new HikariDataSource(cfg);
    }

    private void report(String phase, long ops, long nanos) {
        if (phases == null || phases.contains(phase)) {
            out.printf(Locale.ROOT, "%-20s %10d ops %8.2f s %12.0f ops/s%n", phase, ops, nanos / 1e9, ops / (nanos / 1e9));
        }
    }

    private static long[] shuffled(int n, long seed) {
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static void create(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(100))");
        }
    }

    /** Runs {@code threads} workers from a common barrier; returns the wall time of the slowest. */
    private interface Worker {
        void run(int thread, Connection c) throws Exception;
    }

    private static long parallel(HikariDataSource ds, int threads, Worker w) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(threads + 1);
        List<Thread> ts = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                try (Connection c = ds.getConnection()) {
                    barrier.await();
                    w.run(thread, c);
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            th.start();
            ts.add(th);
        }
        barrier.await();
        long t0 = System.nanoTime();
        for (Thread th : ts) {
            th.join();
        }
        long elapsed = System.nanoTime() - t0;
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return elapsed;
    }

    void run() throws Exception {
        delete(root);
        Files.createDirectories(root);
        int small = Math.max(1, rows / 10);
        try (HikariDataSource ds = pool("autocommit", false)) {
            create(ds);
            long[] keys = shuffled(small, 1);
            SplittableRandom r = new SplittableRandom(2);
            long t = parallel(ds, 1, (th, c) -> {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    for (long k : keys) {
                        ps.setLong(1, k);
                        ps.setString(2, value(r));
                        ps.executeUpdate();
                    }
                }
            });
            report("insert_autocommit", small, t);
        }
        try (HikariDataSource ds = pool("main", false)) {
            create(ds);
            long[] keys = shuffled(rows, 3);
            SplittableRandom r = new SplittableRandom(4);
            long t = parallel(ds, 1, (th, c) -> {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    for (int i = 0; i < keys.length; i++) {
                        ps.setLong(1, keys[i]);
                        ps.setString(2, value(r));
                        ps.addBatch();
                        if (i % 1000 == 999 || i == keys.length - 1) {
                            ps.executeBatch();
                            c.commit();
                        }
                    }
                }
                c.setAutoCommit(true);
            });
            report("insert_batch", rows, t);
            Thread.sleep(2000);
            if (phases == null || phases.contains("disk_after_insert_batch")) {
                out.printf(Locale.ROOT, "%-20s %10.1f MB%n", "disk_after_insert_batch", size(root.resolve("main")) / 1e6);
            }
            int selects = Math.max(1, rows / 2);
            report("point_select_1t", selects, parallel(ds, 1, (th, c) -> select(c, selects, 5)));
            report("point_select_2t", selects, parallel(ds, 2, (th, c) -> select(c, selects / 2, 6 + th)));
            int mixed = Math.max(4, rows / 5);
            report("update_mixed_4t", mixed, parallel(ds, 4, (th, c) -> {
                SplittableRandom mr = new SplittableRandom(10 + th);
                try (PreparedStatement sel = c.prepareStatement(SELECT); PreparedStatement upd = c.prepareStatement(UPDATE)) {
                    for (int i = 0; i < mixed / 4; i++) {
                        long k = mr.nextInt(rows);
                        if (mr.nextBoolean()) {
                            sel.setLong(1, k);
                            try (ResultSet rs = sel.executeQuery()) {
                                rs.next();
                            }
                        } else {
                            upd.setString(1, value(mr));
                            upd.setLong(2, k);
                            upd.executeUpdate();
                        }
                    }
                }
            }));
            int scans = Math.max(1, rows / 50);
            report("range_scan", scans, parallel(ds, 1, (th, c) -> {
                SplittableRandom sr = new SplittableRandom(20);
                try (PreparedStatement ps = c.prepareStatement(RANGE)) {
                    for (int i = 0; i < scans; i++) {
                        ps.setLong(1, sr.nextInt(Math.max(1, rows - 100)));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rs.getString(2);
                            }
                        }
                    }
                }
            }));
        }
        int durable = Math.max(1, rows / 500);
        try (HikariDataSource ds = pool("durable", true)) {
            create(ds);
            report("durable_commit", durable, parallel(ds, 1, (th, c) -> insertRange(c, 0, durable)));
        }
        try (HikariDataSource ds = pool("durable4", true)) {
            create(ds);
            report("durable_commit_4t", 4L * durable, parallel(ds, 4, (th, c) -> insertRange(c, th * durable, durable)));
        }
        delete(root);
    }

    private void select(Connection c, int n, long seed) throws SQLException {
        SplittableRandom r = new SplittableRandom(seed);
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            for (int i = 0; i < n; i++) {
                ps.setLong(1, r.nextInt(rows));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("a key the benchmark inserted is missing");
                    }
                }
            }
        }
    }

    private void insertRange(Connection c, long first, int n) throws SQLException {
        SplittableRandom r = new SplittableRandom(first + 30);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (long k = first; k < first + n; k++) {
                ps.setLong(1, k);
                ps.setString(2, value(r));
                ps.executeUpdate();
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static List<String> all() {
        return List.of("insert_autocommit", "insert_batch", "disk_after_insert_batch", "point_select_1t",
                "point_select_2t", "update_mixed_4t", "range_scan", "durable_commit", "durable_commit_4t");
    }

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        Path dir = Files.createTempDirectory("lsmdb-jdbc-bench");
        List<String> phases = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--phases" -> phases = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --rows N, --dir DIR, --phases a,b)");
            }
        }
        new JdbcBench(Math.max(1000, rows / 20), dir, List.of(), new PrintStream(PrintStream.nullOutputStream())).run();
        System.out.println("lsmdb JDBC benchmark through HikariCP, rows=" + rows);
        new JdbcBench(rows, dir, phases, System.out).run();
    }
}
