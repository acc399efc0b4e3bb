package lsmdb.e2e.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lsmdb.e2e.StatementGuard;

/**
 * Runs fuzzed statements through JDBC, one at a time under a {@link StatementGuard}, and counts what came back:
 * success, or an SQLException by SQLState. Anything else that escapes JDBC is a finding; so is a statement over its
 * CPU budget (stopped) or hung (its database is abandoned and a fresh one opened). Every
 * {@code sanityEvery} statements the database must still answer a query on a table the fuzzer never names.
 */
final class FuzzRun {

    static final class Stats {
        long statements;
        long ok;
        final Map<String, Long> bySqlState = new TreeMap<>();
        final Map<String, Long> byGenerator = new TreeMap<>();
        long over100ms;
        long sanityChecks;
        long maxMillis;
        String slowest = "";
        final List<String> escapes = new ArrayList<>();
        final List<String> timeouts = new ArrayList<>();
        final List<String> sanityFailures = new ArrayList<>();

        @Override
        public String toString() {
            return statements + " statements: ok " + ok + ", SQLException by SQLState " + bySqlState
                    + "; by generator " + byGenerator + "; over 100 ms " + over100ms + " (slowest " + maxMillis
                    + " ms: " + abbreviate(slowest) + "); timeouts " + timeouts.size() + "; non-SQLException escapes "
                    + escapes.size() + "; sanity checks " + sanityChecks + " (failed " + sanityFailures.size() + ")";
        }
    }

    private final int sanityEvery;
    private final StatementGuard guard;
    private ExecutorService worker;
    private Connection connection;
    private int databases;

    FuzzRun(long cpuMillis, long timeoutMillis, int sanityEvery) {
        this.guard = new StatementGuard(cpuMillis, timeoutMillis);
        this.sanityEvery = sanityEvery;
    }

    Stats run(StatementFuzzer fuzzer, long statements, long deadlineNanos, long seed) throws Exception {
        Stats stats = new Stats();
        Random params = new Random(seed);
        worker = Executors.newSingleThreadExecutor(guard.threadFactory("fuzz-statement"));
        openFreshDatabase();
        try {
            for (long i = 0; i < statements && System.nanoTime() < deadlineNanos; i++) {
                String[] generated = fuzzer.next();
                String sql = generated[1];
                if (sql.toUpperCase().contains("SHUTDOWN")) {
                    continue; // closes the database on purpose; not what this run measures
                }
                stats.statements++;
                stats.byGenerator.merge(generated[0], 1L, Long::sum);
                long start = System.nanoTime();
                Future<String> outcome = worker.submit(() -> executeOne(sql, params));
                StatementGuard.Result<String> guarded = guard.await(outcome);
                switch (guarded.verdict()) {
                    case DONE -> {
                        if (guarded.error() != null) {
                            stats.escapes.add(guarded.error() + " from " + abbreviate(sql));
                            resetSession();
                        } else if (guarded.value() == null) {
                            stats.ok++;
                        } else {
                            stats.bySqlState.merge(guarded.value(), 1L, Long::sum);
                        }
                    }
                    case OVER_CPU -> {
                        stats.timeouts.add("over " + guard.cpuMillis() + " ms of CPU: " + abbreviate(sql));
                        resetSession();
                        sanity(stats);
                        continue;
                    }
                    default -> {
                        stats.timeouts.add("hung: " + abbreviate(sql));
                        openFreshDatabase(); // the stuck statement keeps the old one
                        continue;
                    }
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (millis > 100) {
                    stats.over100ms++;
                }
                if (millis > stats.maxMillis) {
                    stats.maxMillis = millis;
                    stats.slowest = sql;
                }
                if (stats.statements % sanityEvery == 0) {
                    sanity(stats);
                }
            }
            sanity(stats);
        } finally {
            worker.shutdownNow();
            connection.close();
        }
        return stats;
    }

    /** Runs one statement; null when it succeeded, else the SQLState of its SQLException. */
    private String executeOne(String sql, Random params) throws SQLException {
        try {
            if (sql.indexOf('?') >= 0) {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    int n = ps.getParameterMetaData().getParameterCount();
                    for (int p = 1; p <= n; p++) {
                        ps.setObject(p, params.nextBoolean() ? (Object) params.nextInt(10) : "p" + p);
                    }
                    drain(ps.execute() ? ps.getResultSet() : null);
                }
            } else {
                try (Statement s = connection.createStatement()) {
                    drain(s.execute(sql) ? s.getResultSet() : null);
                }
            }
            return null;
        } catch (SQLException e) {
            return String.valueOf(e.getSQLState());
        } finally {
            resetSession();
        }
    }

    private void resetSession() throws SQLException {
        if (!connection.isClosed() && !connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static void drain(ResultSet rs) throws SQLException {
        if (rs != null) {
            try (rs) {
                for (int rows = 0; rows < 10_000 && rs.next(); rows++) {
                    rs.getObject(1);
                }
            }
        }
    }

    private void sanity(Stats stats) {
        stats.sanityChecks++;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM guard WHERE g >= 0")) {
            if (!rs.next() || rs.getLong(1) != 3) {
                stats.sanityFailures.add("guard table lost rows after statement " + stats.statements);
            }
        } catch (SQLException | RuntimeException e) {
            stats.sanityFailures.add("after statement " + stats.statements + ": " + e);
            try {
                openFreshDatabase();
            } catch (SQLException again) {
                throw new IllegalStateException("cannot open a fresh database", again);
            }
        }
    }

    private void openFreshDatabase() throws SQLException {
        if (connection != null) {
            // a hung statement may still hold the old one: leave it, and give the new one a fresh worker
            worker.shutdownNow();
            worker = Executors.newSingleThreadExecutor(guard.threadFactory("fuzz-statement"));
        }
        connection = DriverManager.getConnection("jdbc:lsm:mem:fuzz-" + (++databases) + "-" + System.nanoTime());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(10) NOT NULL, n INT)");
            s.execute("INSERT INTO kv VALUES (1, 'a', 1), (2, 'b', 2)");
            s.execute("CREATE TABLE guard (g INT PRIMARY KEY)");
            s.execute("INSERT INTO guard VALUES (0), (1), (2)");
        }
    }

    static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "... (" + sql.length() + " chars)" : oneLine;
    }
}
