package lsmdb.e2e.slt;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import lsmdb.e2e.StatementGuard;

/**
 * Runs the records of one sqllogictest file through JDBC on a fresh in-memory database. Each record runs on a
 * worker thread under a {@link StatementGuard}: a record that burns more than its CPU budget (JSqlParser's exponential
 * backtracking, issue 10) is stopped and fails, and the file goes on; one that hangs without using CPU costs the
 * rest of its file, not the whole run.
 */
final class SltRunner {

    /** The name {@code skipif}/{@code onlyif} lines use for this database. */
    static final String DATABASE_NAME = "lsmdb";

    /** How the reason of a record stopped by its CPU budget begins. */
    static final String STOPPED_FOR_CPU = "stopped after";

    private static final AtomicLong DATABASES = new AtomicLong();

    private final SkipList skips;
    private final long cpuMillis;
    private final long timeoutMillis;
    private final int maxRecords;
    private final long fileCpuMillis;

    /**
     * @param cpuMillis     CPU time one record may use before it is stopped and failed (load-independent, so
     *                      pass/fail does not depend on how busy the machine is)
     * @param timeoutMillis wall time after which a record counts as hung and its file is abandoned
     */
    SltRunner(SkipList skips, long cpuMillis, long timeoutMillis) {
        this(skips, cpuMillis, timeoutMillis, 0, 0);
    }

    /**
     * @param maxRecords    stop each file after this many statement/query records (0: no limit)
     * @param fileCpuMillis stop each file once its records have used this much CPU (0: no limit); the records not
     *                      run are not counted, so this bounds CI time without making any record fail
     */
    SltRunner(SkipList skips, long cpuMillis, long timeoutMillis, int maxRecords, long fileCpuMillis) {
        this.skips = skips;
        this.cpuMillis = cpuMillis;
        this.timeoutMillis = timeoutMillis;
        this.maxRecords = maxRecords;
        this.fileCpuMillis = fileCpuMillis;
    }

    FileResult run(String name, List<SltRecord> records) throws SQLException {
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        String url = "jdbc:lsm:mem:slt-" + DATABASES.incrementAndGet() + "-" + System.nanoTime();
        StatementGuard guard = new StatementGuard(cpuMillis, timeoutMillis);
        ExecutorService worker = Executors.newSingleThreadExecutor(guard.threadFactory("slt-" + name));
        Connection connection = DriverManager.getConnection(url);
        boolean abandoned = false;
        try {
            RecordChecker checker = new RecordChecker(connection);
            int hashThreshold = 0;
            for (int i = 0; i < records.size(); i++) {
                SltRecord record = records.get(i);
                String unmet = unmetCondition(record);
                switch (record.kind()) {
                    case HALT -> {
                        if (unmet == null) {
                            i = records.size();
                        }
                        continue;
                    }
                    case HASH_THRESHOLD -> {
                        if (unmet == null) {
                            hashThreshold = record.hashThreshold();
                        }
                        continue;
                    }
                    default -> {
                    }
                }
                if (maxRecords > 0 && outcomes.size() >= maxRecords
                        || fileCpuMillis > 0 && guard.workerCpuMillis() > fileCpuMillis) {
                    break; // the rest of the file is not run (and not counted)
                }
                String skipReason = unmet != null ? unmet : skips.reason(name, record);
                if (skipReason != null) {
                    outcomes.add(Outcome.skip(record.line(), skipReason));
                    continue;
                }
                int threshold = hashThreshold;
                long recordStart = System.nanoTime();
                Future<Outcome> running = worker.submit(() -> checker.check(record, threshold));
                StatementGuard.Result<Outcome> guarded = guard.await(running);
                if (guarded.verdict() == StatementGuard.Verdict.HUNG) {
                    outcomes.add(Outcome.fail(record.line(), "hung for " + timeoutMillis + " ms: "
                            + RecordChecker.shortSql(record.sql())));
                    for (int j = i + 1; j < records.size(); j++) {
                        if (records.get(j).countable()) {
                            outcomes.add(Outcome.fail(records.get(j).line(),
                                    "not run: the file was abandoned after a hang at line " + record.line()));
                        }
                    }
                    abandoned = true;
                    break;
                }
                Outcome outcome = switch (guarded.verdict()) {
                    case DONE -> guarded.error() == null ? guarded.value()
                            : Outcome.fail(record.line(), "runner error " + guarded.error());
                    default -> Outcome.fail(record.line(), STOPPED_FOR_CPU + " " + cpuMillis + " ms of CPU: "
                            + RecordChecker.shortSql(record.sql()));
                };
                outcomes.add(outcome.timed((System.nanoTime() - recordStart) / 1_000_000));
            }
        } finally {
            worker.shutdownNow();
            if (!abandoned) {
                connection.close(); // the last connection drops the in-memory database
            }
        }
        return new FileResult(name, List.copyOf(outcomes), (System.nanoTime() - start) / 1_000_000);
    }

    /** Why the record's skipif/onlyif lines exclude this database, or null when it applies. */
    private static String unmetCondition(SltRecord record) {
        for (String condition : record.conditions()) {
            String[] words = condition.split(" ", 2);
            String db = words.length > 1 ? words[1] : "";
            if (words[0].equals("skipif") && db.equals(DATABASE_NAME)) {
                return condition;
            }
            if (words[0].equals("onlyif") && !db.equals(DATABASE_NAME)) {
                return condition;
            }
        }
        return null;
    }
}
