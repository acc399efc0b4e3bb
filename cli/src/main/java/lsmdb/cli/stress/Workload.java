package lsmdb.cli.stress;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

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

    Workload(Config cfg, PrintWriter out) {
        this.cfg = cfg;
        this.out = out;
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
            Model model = new Model(cfg, base, txnIds, result, out);
            try (ExpectedState es = ExpectedState.create(cfg.journal(), base)) {
                model.expected = es;
                out.println("open");
                out.flush();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < cfg.threads(); t++) {
                    Worker w = new Worker(model, cfg, t, new Random(cfg.seed() * 1_000_003L + t));
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
}
