package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The guard the SQL harnesses rely on: a runaway statement is stopped at its CPU budget, a quick one is not. */
class StatementGuardTest {

    @Test
    void stopsARunawayTaskAtItsCpuBudgetAndTheWorkerRunsTheNextOne() throws Exception {
        StatementGuard guard = new StatementGuard(300, 60_000);
        ExecutorService worker = Executors.newSingleThreadExecutor(guard.threadFactory("guarded"));
        try {
            long start = System.nanoTime();
            StatementGuard.Result<Double> runaway = guard.await(worker.submit(() -> {
                double x = 0;
                for (long i = 0; ; i++) {
                    x += Math.sqrt(i);
                    if (x < 0) {
                        return x;
                    }
                }
            }));
            assertEquals(StatementGuard.Verdict.OVER_CPU, runaway.verdict());
            System.out.println("runaway task stopped after " + (System.nanoTime() - start) / 1_000_000 + " ms");
            StatementGuard.Result<Integer> quick = guard.await(worker.submit(() -> 42));
            assertEquals(StatementGuard.Verdict.DONE, quick.verdict());
            assertEquals(42, quick.value());
        } finally {
            worker.shutdownNow();
        }
    }
}
