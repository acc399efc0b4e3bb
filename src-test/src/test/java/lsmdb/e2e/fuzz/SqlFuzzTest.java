package lsmdb.e2e.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Fuzzes the SQL layer through JDBC: only SQLException may escape, and the database keeps answering. CI runs a short
 * seeded run; {@code -Dfuzz.statements=100000 -Dfuzz.seconds=3600 -Dfuzz.knownDefects=true} is the long one (README).
 */
class SqlFuzzTest {

    @Test
    void onlySqlExceptionsEscapeAndTheDatabaseStaysUsable() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261128L);
        long statements = Long.getLong("fuzz.statements", 20_000);
        long seconds = Long.getLong("fuzz.seconds", 20);
        boolean knownDefects = Boolean.getBoolean("fuzz.knownDefects");
        long start = System.nanoTime();
        FuzzRun.Stats stats = new FuzzRun(Long.getLong("fuzz.cpuMillis", 2_000),
                Long.getLong("fuzz.timeoutMillis", 60_000), 100)
                .run(new StatementFuzzer(seed, knownDefects), statements, start + seconds * 1_000_000_000L, seed);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("fuzz run, seed " + seed + ", known-defect shapes " + knownDefects + ", " + millis
                + " ms: " + stats);
        stats.escapes.stream().limit(20).forEach(e -> System.out.println("ESCAPE " + e));
        stats.timeouts.stream().limit(20).forEach(t -> System.out.println("TIMEOUT " + t));
        stats.sanityFailures.stream().limit(20).forEach(s -> System.out.println("SANITY " + s));
        assertTrue(stats.escapes.isEmpty(), () -> stats.escapes.size() + " non-SQLExceptions escaped JDBC, first: "
                + stats.escapes.get(0));
        assertTrue(stats.sanityFailures.isEmpty(), () -> "the database stopped answering: "
                + stats.sanityFailures.get(0));
        // Over-budget statements are issue 10's open parse-time defect (JSqlParser backtracking on a few parentheses):
        // reported above, failed only with -Dfuzz.strictTime=true until the parse bound lands; hung ones always fail.
        boolean strictTime = Boolean.getBoolean("fuzz.strictTime");
        assertTrue(stats.timeouts.stream().noneMatch(t -> strictTime || t.startsWith("hung")),
                () -> stats.timeouts.size() + " statements over budget or hung, first: "
                + stats.timeouts.get(0));
    }
}
