package lsmdb.cli.stress;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The randomized workload of {@code lsmdb stress}: several threads, each on its own connection, writing a small key
 * space through SQL while a tiny write buffer keeps flushes and compactions going. As in RocksDB's db_stress, a
 * thread locks the rows it writes (always in the same order), so the expected value of every row is known exactly
 * and every write is journalled in {@link ExpectedState}. Transactions read before they lock, so real write
 * conflicts (40001) happen and are retried. Reads check what they can: a locked row holds its expected value, every
 * snapshot holds the accounts' constant sum, scans are ordered, a repeated read in a transaction is repeatable.
 */
final class Workload {

    /** What to run. {@code durationMillis} bounds the run; the crash loop kills it before that. */
    record Config(Path dir, long seed, int threads, int keys, int accounts, boolean sync, long durationMillis) {
        Path dbDir() {
            return dir.resolve("db");
        }

        Path journal() {
            return dir.resolve("expected-state");
        }

        String url() {
            return "jdbc:lsm:" + dbDir().toAbsolutePath() + "?sync=" + sync + "&writeBufferSize=64KB";
        }
    }

    /** Counters of a run, and the violations found while it ran and when it was verified. */
    static final class Result {
        final AtomicLong commits = new AtomicLong();
        final AtomicLong conflicts = new AtomicLong();
        final AtomicLong staleDeletes = new AtomicLong();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong scans = new AtomicLong();
        final AtomicLong ddl = new AtomicLong();
        final AtomicLong refusals = new AtomicLong();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        Journal.Verification before;
        Journal.Verification after;
        long millis;

        boolean ok() {
            return violations.isEmpty() && (before == null || before.ok()) && (after == null || after.ok());
        }

        @Override
        public String toString() {
            return String.format("%d commits, %d conflicts (40001) and %d stale deletes retried, %d checked reads, "
                    + "%d snapshot scans, %d scratch DDL/loads, %d refused statements checked in %.1f s; %d violations",
                    commits.get(), conflicts.get(), staleDeletes.get(), reads.get(), scans.get(), ddl.get(), refusals.get(),
                    millis / 1000.0, violations.size());
        }
    }

    private final Config cfg;
    private final PrintWriter out;
    private final Result result = new Result();
    private final AtomicLong txnIds = new AtomicLong(System.currentTimeMillis() * 1000);
    private final String[] kv;
    private final long[] acct;
    private String scratch;
    private final ReentrantLock[] kvLocks;
    private final ReentrantLock[] acctLocks;
    private final ReentrantLock scratchLock = new ReentrantLock();
    private volatile boolean stop;
    private ExpectedState expected;

    Workload(Config cfg, PrintWriter out) {
        this.cfg = cfg;
        this.out = out;
        kv = new String[cfg.keys()];
        acct = new long[cfg.accounts()];
        kvLocks = locks(cfg.keys());
        acctLocks = locks(cfg.accounts());
    }

    private static ReentrantLock[] locks(int n) {
        ReentrantLock[] l = new ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            l[i] = new ReentrantLock();
        }
        return l;
    }

    /**
     * Opens (creating if needed), verifies the database against the journal a previous run left, starts a new
     * journal from what is there, prints {@code open}, runs the threads, and verifies again.
     */
    Result run() throws Exception {
        long start = System.currentTimeMillis();
        Files.createDirectories(cfg.dir());
        try (Connection c = DriverManager.getConnection(cfg.url())) {
            if (!Schema.exists(c)) {
                Schema.create(c, cfg.accounts());
            } else if (Files.exists(cfg.journal())) {
                result.before = Journal.read(cfg.journal()).verify(Schema.read(c));
                if (!result.before.ok()) {
                    return result;
                }
            }
            Map<String, String> base = Schema.read(c);
            load(base);
            try (ExpectedState es = ExpectedState.create(cfg.journal(), base)) {
                expected = es;
                out.println("open");
                out.flush();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < cfg.threads(); t++) {
                    Worker w = new Worker(t, new Random(cfg.seed() * 1_000_003L + t));
                    Thread th = new Thread(w, "stress-" + t);
                    threads.add(th);
                    th.start();
                }
                for (Thread th : threads) {
                    th.join();
                }
            }
            result.after = Journal.read(cfg.journal()).verify(Schema.read(c));
        }
        result.millis = System.currentTimeMillis() - start;
        return result;
    }

    private void load(Map<String, String> base) {
        for (int k = 0; k < kv.length; k++) {
            String v = base.get(Schema.kvSlot(k));
            kv[k] = v == null || v.equals(ExpectedState.ABSENT) ? null : v;
        }
        for (int i = 0; i < acct.length; i++) {
            acct[i] = Long.parseLong(base.get(Schema.acctSlot(i)));
        }
        scratch = base.getOrDefault("scratch", ExpectedState.ABSENT);
    }

    private void violation(String what) {
        result.violations.add(what);
        out.println("VIOLATION seed=" + cfg.seed() + ": " + what);
        out.flush();
        stop = true;
    }

    private static boolean isConflict(SQLException e) {
        return "40001".equals(e.getSQLState());
    }

    /** One thread of the workload, with its own connection and random stream. */
    private final class Worker implements Runnable {
        private final int id;
        private final Random rnd;
        private Connection c;

        Worker(int id, Random rnd) {
            this.id = id;
            this.rnd = rnd;
        }

        @Override
        public void run() {
            long deadline = System.currentTimeMillis() + cfg.durationMillis();
            try (Connection conn = DriverManager.getConnection(cfg.url())) {
                c = conn;
                while (!stop && System.currentTimeMillis() < deadline) {
                    int p = rnd.nextInt(100);
                    if (p < 30) {
                        singleWrite();
                    } else if (p < 50) {
                        multiWrite();
                    } else if (p < 65) {
                        transfer();
                    } else if (p < 75) {
                        pointRead();
                    } else if (p < 87) {
                        snapshotScan();
                    } else if (p < 92) {
                        scratchOp();
                    } else {
                        refusedWrite();
                    }
                }
            } catch (Exception e) {
                violation("thread " + id + " failed: " + e);
            }
        }

        /** Journals the intent of transaction {@code txn} (fsynced) before its statements run. */
        private long begin(long txn, Map<String, String> writes) throws Exception {
            expected.intent(txn, writes);
            return txn;
        }

        private void singleWrite() throws Exception {
            int k = rnd.nextInt(kv.length);
            kvLocks[k].lock();
            try {
                String cur = kv[k];
                long txn = txnIds.incrementAndGet();
                int op = rnd.nextInt(10);
                boolean delete = cur != null && op >= 7;
                String v = delete ? null : Schema.kvValue(k, txn, rnd.nextInt(120));
                String sql = delete ? "DELETE FROM kv WHERE k = ?"
                        : cur == null ? (op < 7 ? "INSERT INTO kv VALUES (?, ?)" : "UPSERT INTO kv VALUES (?, ?)")
                        : (op < 4 ? "UPDATE kv SET v = ? WHERE k = ?" : "UPSERT INTO kv VALUES (?, ?)");
                begin(txn, Map.of(Schema.kvSlot(k), delete ? ExpectedState.ABSENT : v));
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    if (delete) {
                        ps.setLong(1, k);
                    } else if (sql.startsWith("UPDATE")) {
                        ps.setString(1, v);
                        ps.setLong(2, k);
                    } else {
                        ps.setLong(1, k);
                        ps.setString(2, v);
                    }
                    int n = ps.executeUpdate();
                    if (!sql.startsWith("UPSERT") && n != 1) {
                        violation(sql + " on kv/" + k + " changed " + n + " rows, expected 1");
                    }
                } catch (SQLException e) {
                    if (!isConflict(e)) {
                        throw e;
                    }
                    expected.aborted(txn);
                    result.conflicts.incrementAndGet();
                    return;
                }
                expected.committed(txn);
                kv[k] = v;
                result.commits.incrementAndGet();
            } finally {
                kvLocks[k].unlock();
            }
        }

        private void multiWrite() throws Exception {
            TreeSet<Integer> keys = new TreeSet<>();
            int n = 2 + rnd.nextInt(5);
            while (keys.size() < n) {
                keys.add(rnd.nextInt(kv.length));
            }
            for (int attempt = 0; attempt < 50 && !stop; attempt++) {
                if (tryMultiWrite(keys)) {
                    return;
                }
            }
        }

        /** One attempt; false after a write conflict. */
        private boolean tryMultiWrite(TreeSet<Integer> keys) throws Exception {
            c.setAutoCommit(false);
            List<ReentrantLock> held = new ArrayList<>();
            long txn = -1;
            try {
                if (rnd.nextBoolean()) {
                    // Reading first takes the snapshot before the locks: a row another thread commits meanwhile
                    // makes this commit a write conflict, as it must.
                    readKv(keys.first());
                }
                for (int k : keys) {
                    kvLocks[k].lock();
                    held.add(kvLocks[k]);
                }
                Map<String, String> writes = new LinkedHashMap<>();
                long id = txnIds.incrementAndGet();
                for (int k : keys) {
                    writes.put(Schema.kvSlot(k), rnd.nextInt(4) == 0 ? ExpectedState.ABSENT
                            : Schema.kvValue(k, id, rnd.nextInt(120)));
                }
                txn = begin(id, writes);
                try (PreparedStatement up = c.prepareStatement("UPSERT INTO kv VALUES (?, ?)");
                        PreparedStatement del = c.prepareStatement("DELETE FROM kv WHERE k = ?")) {
                    for (int k : keys) {
                        String v = writes.get(Schema.kvSlot(k));
                        if (v.equals(ExpectedState.ABSENT)) {
                            del.setLong(1, k);
                            // A delete is no blind write: on a snapshot older than the row it finds nothing,
                            // writes nothing and so conflicts with nothing. Like an application checking its
                            // row count, give up the attempt when the count says the snapshot is stale.
                            if (del.executeUpdate() != (kv[k] == null ? 0 : 1)) {
                                c.rollback();
                                expected.aborted(txn);
                                result.staleDeletes.incrementAndGet();
                                return false;
                            }
                        } else {
                            up.setLong(1, k);
                            up.setString(2, v);
                            up.executeUpdate();
                        }
                    }
                }
                int first = keys.first();
                String own = readKv(first);
                String mine = writes.get(Schema.kvSlot(first));
                if (!(own == null ? ExpectedState.ABSENT : own).equals(mine)) {
                    violation("transaction " + txn + " does not read its own write of kv/" + first + ": " + own);
                }
                c.commit();
                expected.committed(txn);
                for (int k : keys) {
                    String v = writes.get(Schema.kvSlot(k));
                    kv[k] = v.equals(ExpectedState.ABSENT) ? null : v;
                }
                result.commits.incrementAndGet();
                return true;
            } catch (SQLException e) {
                if (!isConflict(e)) {
                    throw e;
                }
                c.rollback();
                if (txn >= 0) {
                    expected.aborted(txn);
                }
                result.conflicts.incrementAndGet();
                return false;
            } finally {
                held.forEach(ReentrantLock::unlock);
                c.setAutoCommit(true);
            }
        }

        private String readKv(int k) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
                ps.setLong(1, k);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }

        private long readBalance(int a) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT bal FROM acct WHERE id = ?")) {
                ps.setInt(1, a);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        violation("account " + a + " is missing");
                        return 0;
                    }
                    return rs.getLong(1);
                }
            }
        }

        private void transfer() throws Exception {
            int a = rnd.nextInt(acct.length);
            int b = rnd.nextInt(acct.length - 1);
            b = b >= a ? b + 1 : b;
            for (int attempt = 0; attempt < 50 && !stop; attempt++) {
                if (tryTransfer(a, b, 1 + rnd.nextInt(50))) {
                    return;
                }
            }
        }

        private boolean tryTransfer(int a, int b, long amount) throws Exception {
            c.setAutoCommit(false);
            ReentrantLock first = acctLocks[Math.min(a, b)];
            ReentrantLock second = acctLocks[Math.max(a, b)];
            boolean locked = false;
            long txn = -1;
            try {
                long balA = readBalance(a);
                long balB = readBalance(b);
                first.lock();
                second.lock();
                locked = true;
                // Under the locks the model holds the committed balances; a stale snapshot must not commit.
                boolean stale = balA != acct[a] || balB != acct[b];
                Map<String, String> writes = new LinkedHashMap<>();
                writes.put(Schema.acctSlot(a), Long.toString(balA - amount));
                writes.put(Schema.acctSlot(b), Long.toString(balB + amount));
                txn = begin(txnIds.incrementAndGet(), writes);
                try (PreparedStatement ps = c.prepareStatement("UPDATE acct SET bal = ? WHERE id = ?")) {
                    ps.setLong(1, balA - amount);
                    ps.setInt(2, a);
                    int n1 = ps.executeUpdate();
                    ps.setLong(1, balB + amount);
                    ps.setInt(2, b);
                    int n2 = ps.executeUpdate();
                    if (n1 != 1 || n2 != 1) {
                        violation("transfer " + txn + " updated " + n1 + " and " + n2 + " rows, expected 1 and 1");
                    }
                }
                c.commit();
                expected.committed(txn);
                if (stale) {
                    violation("transfer " + txn + " committed on a stale snapshot (lost update): read " + balA + ", "
                            + balB + " but " + acct[a] + ", " + acct[b] + " were committed");
                }
                acct[a] = balA - amount;
                acct[b] = balB + amount;
                result.commits.incrementAndGet();
                return true;
            } catch (SQLException e) {
                if (!isConflict(e)) {
                    throw e;
                }
                c.rollback();
                if (txn >= 0) {
                    expected.aborted(txn);
                }
                result.conflicts.incrementAndGet();
                return false;
            } finally {
                if (locked) {
                    second.unlock();
                    first.unlock();
                }
                c.setAutoCommit(true);
            }
        }

        private void pointRead() throws Exception {
            int k = rnd.nextInt(kv.length);
            kvLocks[k].lock();
            try {
                String got = readKv(k);
                if (!java.util.Objects.equals(got, kv[k])) {
                    violation("kv/" + k + " reads " + got + " but " + kv[k] + " was acknowledged");
                }
                result.reads.incrementAndGet();
            } finally {
                kvLocks[k].unlock();
            }
        }

        private void snapshotScan() throws Exception {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                List<Long> balances = balances(s);
                int lo = rnd.nextInt(kv.length);
                int hi = lo + 1 + rnd.nextInt(200);
                long prev = -1;
                try (ResultSet rs = s.executeQuery("SELECT k, v FROM kv WHERE k >= " + lo + " AND k < " + hi
                        + " ORDER BY k")) {
                    while (rs.next()) {
                        long k = rs.getLong(1);
                        if (k <= prev || k < lo || k >= hi || !rs.getString(2).startsWith("k" + k + "-t")) {
                            violation("scan of [" + lo + ", " + hi + ") returned kv/" + k + " = " + rs.getString(2)
                                    + " after kv/" + prev);
                        }
                        prev = k;
                    }
                }
                long count;
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
                    rs.next();
                    count = rs.getLong(1);
                }
                long rows = 0;
                try (ResultSet rs = s.executeQuery("SELECT k FROM kv")) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                if (rows != count) {
                    violation("in one snapshot COUNT(*) FROM kv is " + count + " but a scan returns " + rows);
                }
                if (!balances.equals(balances(s))) {
                    violation("a repeated read of acct in one transaction differs");
                }
                c.commit();
                result.scans.incrementAndGet();
            } finally {
                c.setAutoCommit(true);
            }
        }

        private List<Long> balances(Statement s) throws SQLException {
            List<Long> balances = new ArrayList<>();
            long sum = 0;
            try (ResultSet rs = s.executeQuery("SELECT id, bal FROM acct ORDER BY id")) {
                while (rs.next()) {
                    balances.add(rs.getLong(2));
                    sum += rs.getLong(2);
                }
            }
            if (balances.size() != acct.length || sum != Schema.INITIAL_BALANCE * acct.length) {
                violation("a snapshot holds " + balances.size() + " accounts summing to " + sum + ", expected "
                        + acct.length + " summing to " + Schema.INITIAL_BALANCE * acct.length);
            }
            return balances;
        }

        /** Creates, loads, checks or drops the scratch table (a drop is a range delete in the engine). */
        private void scratchOp() throws Exception {
            scratchLock.lock();
            try {
                String cur = scratch;
                String next;
                long txn = txnIds.incrementAndGet();
                if (cur.equals(ExpectedState.ABSENT)) {
                    next = "0";
                    begin(txn, Map.of("scratch", next));
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE scratch (id INT PRIMARY KEY, v VARCHAR(100) NOT NULL)");
                    }
                } else if (cur.equals("0")) {
                    int rows = 20 + rnd.nextInt(300);
                    next = txn + ":" + rows;
                    begin(txn, Map.of("scratch", next));
                    c.setAutoCommit(false);
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO scratch VALUES (?, ?)")) {
                        for (int i = 0; i < rows; i++) {
                            ps.setInt(1, i);
                            ps.setString(2, Schema.scratchRow(txn, i));
                            ps.executeUpdate();
                        }
                        c.commit();
                    } finally {
                        c.setAutoCommit(true);
                    }
                } else if (rnd.nextInt(3) == 0) {
                    String got = Schema.readScratch(c);
                    if (!got.equals(cur)) {
                        violation("scratch reads " + got + " but " + cur + " was acknowledged");
                    }
                    result.reads.incrementAndGet();
                    return;
                } else {
                    next = ExpectedState.ABSENT;
                    begin(txn, Map.of("scratch", next));
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP TABLE scratch");
                    }
                }
                expected.committed(txn);
                scratch = next;
                result.ddl.incrementAndGet();
            } finally {
                scratchLock.unlock();
            }
        }

        /** Statements that must fail or change nothing: a duplicate insert, an update or delete of a missing row. */
        private void refusedWrite() throws Exception {
            int k = rnd.nextInt(kv.length);
            kvLocks[k].lock();
            try (Statement s = c.createStatement()) {
                if (kv[k] != null) {
                    try {
                        s.executeUpdate("INSERT INTO kv VALUES (" + k + ", 'dup')");
                        violation("a duplicate INSERT of kv/" + k + " succeeded");
                    } catch (SQLException e) {
                        if (!"23505".equals(e.getSQLState())) {
                            violation("a duplicate INSERT of kv/" + k + " failed with " + e.getSQLState() + ": "
                                    + e.getMessage());
                        }
                    }
                } else {
                    String sql = rnd.nextBoolean() ? "UPDATE kv SET v = 'ghost' WHERE k = " + k
                            : "DELETE FROM kv WHERE k = " + k;
                    int n = s.executeUpdate(sql);
                    if (n != 0) {
                        violation(sql + " (of a missing row) changed " + n + " rows");
                    }
                }
                result.refusals.incrementAndGet();
            } finally {
                kvLocks[k].unlock();
            }
        }
    }
}
