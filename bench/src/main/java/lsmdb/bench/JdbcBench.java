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
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * peer-bench's jdbc suite, run in-process through HikariCP (pool of 4) against a {@code jdbc:lsm:} URL: the same
 * table, statements, phases, counts, seeds and values, so figures compare with peer-bench's tables. URLs are
 * templates: {@code {dir}} becomes a fresh directory per database ("autocommit", "main", "durable", "durable4").
 *
 * <pre>
 * java -cp ... lsmdb.bench.JdbcBench [--rows R] [--url 'jdbc:lsm:{dir}?sync=false']
 *     [--durable-url 'jdbc:lsm:{dir}?sync=true'] [--dbroot DIR] [--phases a,b] [--warmup R]
 * </pre>
 */
public final class JdbcBench {

    static final String DDL = "CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(100))";
    static final String INSERT = "INSERT INTO kv (k, v) VALUES (?, ?)";
    static final String SELECT = "SELECT v FROM kv WHERE k = ?";
    static final String UPDATE = "UPDATE kv SET v = ? WHERE k = ?";
    static final String RANGE = "SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 100";

    private static final List<String> PHASES = List.of("insert_autocommit", "insert_batch",
            "disk_after_insert_batch", "point_select_1t", "point_select_2t", "update_mixed_4t", "range_scan",
            "durable_commit", "durable_commit_4t");

    private final int rows;
    private final Path root;
    private final String relaxedUrl;
    private final String durableUrl;
    private final List<String> phases;
    private final PrintStream out;
    private final long settleMillis;
    /** Values are 100-char slices of this (peer-bench: 64 Ki chars over [a-zA-Z0-9], seed 42). */
    private final String chars;

    JdbcBench(int rows, Path root, String relaxedUrl, String durableUrl, List<String> phases, PrintStream out,
              long settleMillis) {
        this.rows = rows;
        this.root = root;
        this.relaxedUrl = relaxedUrl;
        this.durableUrl = durableUrl;
        this.phases = phases;
        this.out = out;
        this.settleMillis = settleMillis;
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SplittableRandom r = new SplittableRandom(42);
        StringBuilder sb = new StringBuilder(1 << 16);
        for (int i = 0; i < (1 << 16); i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        chars = sb.toString();
    }

    static List<String> all() {
        return PHASES;
    }

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        String url = null;
        String durable = null;
        Path dbroot = Path.of(System.getProperty("java.io.tmpdir"));
        List<String> phases = null;
        Integer warmup = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--rows" -> rows = Integer.parseInt(need(a, v));
                case "--url" -> url = need(a, v);
                case "--durable-url" -> durable = need(a, v);
                case "--dbroot", "--dir" -> dbroot = Path.of(need(a, v));
                case "--phases" -> phases = Arrays.asList(need(a, v).split(","));
                case "--warmup" -> warmup = Integer.parseInt(need(a, v));
                default -> throw new IllegalArgumentException("unknown option " + a + " (options: --rows, --url, "
                        + "--durable-url, --dbroot, --phases, --warmup)");
            }
            i++;
        }
        if (url == null) {
            url = "jdbc:lsm:{dir}?sync=false";
            durable = durable == null ? "jdbc:lsm:{dir}?sync=true" : durable;
        }
        durable = durable == null ? url : durable;
        if (phases != null) {
            for (String p : phases) {
                if (!PHASES.contains(p)) {
                    throw new IllegalArgumentException("unknown phase " + p + " (phases: " + PHASES + ")");
                }
            }
        }
        int warm = warmup == null ? rows / 20 : warmup;
        Files.createDirectories(dbroot);
        Path dir = Files.createTempDirectory(dbroot, "lsmdb-jdbcbench-");
        try {
            if (warm > 0) {
                long t0 = System.nanoTime();
                new JdbcBench(warm, dir.resolve("warmup"), url, durable, phases,
                        new PrintStream(PrintStream.nullOutputStream()), 0).run();
                System.out.printf(Locale.ROOT, "warm-up run (rows=%d) took %.1f s, not reported%n", warm,
                        (System.nanoTime() - t0) / 1e9);
            }
            System.out.println("rows=" + rows + "  url=" + url + "  durable-url=" + durable);
            new JdbcBench(rows, dir.resolve("run"), url, durable, phases, System.out, 2000).run();
        } finally {
            deleteTree(dir);
        }
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    void run() throws Exception {
        Files.createDirectories(root);
        out.printf(Locale.ROOT, "%-24s %10s %9s %12s %10s  %s%n", "phase", "ops", "seconds", "ops/s", "us/op",
                "note");
        int nAuto = Math.max(1, rows / 10);
        int nSelect = Math.max(2, rows / 2);
        int nMixed = Math.max(4, rows / 5);
        int nScan = Math.max(1, rows / 50);
        int nDurable = Math.max(1, rows / 500);

        if (wanted("insert_autocommit")) {
            try (Db db = new Db("autocommit", relaxedUrl)) {
                int[] keys = permutation(nAuto, 11);
                phase(db, "insert_autocommit", nAuto, 1, (c, t, r, st) -> {
                    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                        for (int k : keys) {
                            insert(ps, k, r);
                        }
                    }
                });
            }
        }

        try (Db db = new Db("main", relaxedUrl)) {
            int[] keys = permutation(rows, 12);
            phase(db, "insert_batch", rows, 1, (c, t, r, st) -> {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    for (int i = 0; i < rows; i++) {
                        ps.setLong(1, keys[i]);
                        ps.setString(2, value(r));
                        ps.addBatch();
                        if ((i + 1) % 1000 == 0 || i == rows - 1) {
                            ps.executeBatch();
                            c.commit();
                        }
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            });
            Thread.sleep(settleMillis); // as peer-bench: background writers of other engines reach the files
            if (wanted("disk_after_insert_batch")) {
                long bytes = dirSize(db.dir);
                out.printf(Locale.ROOT, "%-24s %10s %9s %12s %10s  %.1f MiB (%d bytes), still open%n",
                        "disk_after_insert_batch", "", "", "", "", bytes / 1048576.0, bytes);
            }

            for (int threads : new int[] {1, 2}) {
                phase(db, "point_select_" + threads + "t", nSelect, threads, (c, t, r, st) -> {
                    try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                        for (int i = 0; i < nSelect / threads; i++) {
                            pointSelect(ps, r.nextInt(rows), st);
                        }
                    }
                });
            }

            phase(db, "update_mixed_4t", nMixed, 4, (c, t, r, st) -> {
                try (PreparedStatement sel = c.prepareStatement(SELECT);
                     PreparedStatement upd = c.prepareStatement(UPDATE)) {
                    for (int i = 0; i < nMixed / 4; i++) {
                        long k = r.nextInt(rows);
                        try {
                            if (r.nextBoolean()) {
                                pointSelect(sel, k, st);
                            } else {
                                upd.setString(1, value(r));
                                upd.setLong(2, k);
                                if (upd.executeUpdate() != 1) {
                                    st.misses.increment();
                                }
                            }
                        } catch (SQLException e) {
                            st.countOrThrow(e);
                        }
                    }
                }
            });

            phase(db, "range_scan", nScan, 1, (c, t, r, st) -> {
                long got = 0;
                try (PreparedStatement ps = c.prepareStatement(RANGE)) {
                    for (int i = 0; i < nScan; i++) {
                        ps.setLong(1, r.nextInt(Math.max(1, rows - 100)));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rs.getLong(1);
                                rs.getString(2);
                                got++;
                            }
                        }
                    }
                }
                st.misses.add(Math.max(0, Math.min(100L, rows) * nScan - got));
            });
        }

        if (wanted("durable_commit")) {
            try (Db db = new Db("durable", durableUrl)) {
                int[] keys = permutation(nDurable, 13);
                phase(db, "durable_commit", nDurable, 1, (c, t, r, st) -> {
                    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                        for (int k : keys) {
                            insert(ps, k, r);
                        }
                    }
                });
            }
        }

        // Four writers committing durably at once: what group commit (one fsync for many commits) buys.
        if (wanted("durable_commit_4t")) {
            try (Db db = new Db("durable4", durableUrl)) {
                int[] keys = permutation(4 * nDurable, 17);
                phase(db, "durable_commit_4t", 4L * nDurable, 4, (c, t, r, st) -> {
                    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                        for (int i = t; i < keys.length; i += 4) {
                            try {
                                insert(ps, keys[i], r);
                            } catch (SQLException e) {
                                st.countOrThrow(e);
                            }
                        }
                    }
                });
            }
        }
    }

    private boolean wanted(String phase) {
        return phases == null || phases.contains(phase);
    }

    private String value(SplittableRandom r) {
        int off = r.nextInt(chars.length() - 100);
        return chars.substring(off, off + 100);
    }

    private void insert(PreparedStatement ps, long k, SplittableRandom r) throws SQLException {
        ps.setLong(1, k);
        ps.setString(2, value(r));
        ps.executeUpdate();
    }

    private static void pointSelect(PreparedStatement ps, long k, Counters st) throws SQLException {
        ps.setLong(1, k);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getString(1) == null) {
                st.misses.increment();
            }
        }
    }

    /** One thread's share of a phase, on its own pooled connection. */
    private interface Work {
        void run(Connection c, int thread, SplittableRandom r, Counters st) throws Exception;
    }

    /** Misses (expected none) and single-operation SQL errors (busy, conflict) of one phase. */
    private static final class Counters {
        final LongAdder misses = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicReference<String> firstError = new AtomicReference<>();

        /** Unsupported SQL ends the phase; other errors of single operations are counted. */
        void countOrThrow(SQLException e) throws SQLException {
            if (e instanceof SQLFeatureNotSupportedException || e instanceof SQLSyntaxErrorException) {
                throw e;
            }
            errors.increment();
            firstError.compareAndSet(null, e.toString());
        }
    }

    /**
     * Every phase runs through here, loading phases too, so later phases find their data; only wanted ones are
     * reported. Threads borrow their connection before the barrier; the clock runs from the barrier to the last
     * thread's end.
     */
    private void phase(Db db, String name, long ops, int threads, Work work) throws Exception {
        System.gc();
        Counters st = new Counters();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int idx = i;
            Thread t = new Thread(() -> {
                Connection borrowed = null;
                try {
                    borrowed = db.pool.getConnection();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                try (Connection c = borrowed) {
                    start.await(); // every worker arrives, so the start never hangs
                    if (c != null) {
                        work.run(c, idx, new SplittableRandom(name.hashCode() * 31L + idx), st);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "jdbcbench-" + name + "-" + i);
            t.start();
            workers.add(t);
        }
        start.await();
        long t0 = System.nanoTime();
        for (Thread t : workers) {
            t.join();
        }
        long nanos = System.nanoTime() - t0;
        if (!wanted(name)) {
            return;
        }
        Throwable f = failure.get();
        if (f != null) {
            String kind = f instanceof SQLFeatureNotSupportedException || f instanceof SQLSyntaxErrorException
                    ? "unsupported" : "error";
            out.printf(Locale.ROOT, "%-24s %10s %9s %12s %10s  %s: %s%n", name, "", "", kind, "", kind, f);
            return;
        }
        String note = st.misses.sum() > 0 ? "misses=" + st.misses.sum() : "";
        if (st.errors.sum() > 0) {
            note += (note.isEmpty() ? "" : " ") + "errors=" + st.errors.sum() + " (first: " + st.firstError.get()
                    + ")";
        }
        double seconds = nanos / 1e9;
        out.printf(Locale.ROOT, "%-24s %10d %9.3f %12.0f %10.2f  %s%n", name, ops, seconds, ops / seconds,
                nanos / 1000.0 / ops, note);
    }

    /** One database in a fresh directory behind a HikariCP pool of 4; closing it deletes the directory. */
    private final class Db implements AutoCloseable {
        final Path dir;
        final HikariDataSource pool;

        Db(String name, String urlTemplate) throws IOException, SQLException {
            dir = root.resolve(name);
            Files.createDirectories(dir);
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(urlTemplate.replace("{dir}", dir.toString()));
            c.setMaximumPoolSize(4);
            c.setConnectionTimeout(120_000);
            c.setPoolName("jdbcbench-" + name);
            pool = new HikariDataSource(c);
            try (Connection con = pool.getConnection(); Statement s = con.createStatement()) {
                s.execute(DDL);
            } catch (SQLException | RuntimeException e) {
                pool.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            pool.close();
            deleteTree(dir);
        }
    }

    /** A shuffled permutation of 0..n-1 (Fisher-Yates with a fixed seed, as peer-bench). */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long dirSize(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
