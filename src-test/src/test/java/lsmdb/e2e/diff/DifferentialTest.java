package lsmdb.e2e.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * lsmdb against HSQLDB and against itself (TLP, un-optimised form) on random tables and queries. CI runs a short
 * seeded run; {@code -Ddiff.seconds=600 -Ddiff.cases=1000000 -Ddiff.seed=N} runs a long one (see README), and
 * {@code -Ddiff.seeds=N,M} re-runs the cases of those seeds.
 */
class DifferentialTest {

    @Test
    void lsmdbAgreesWithHsqldbAndWithItself() throws Exception {
        long seed = Long.getLong("diff.seed", 20261128L);
        int cases = Integer.getInteger("diff.cases", 400);
        long seconds = Long.getLong("diff.seconds", 30);
        Set<Feature> features = Feature.fromProperty(System.getProperty("diff.features"));
        long start = System.nanoTime();
        DifferentialRun run = new DifferentialRun(features, 40);
        String seeds = System.getProperty("diff.seeds"); // -Ddiff.seeds=31001,31008 re-runs the cases a report names
        DifferentialRun.Stats stats = seeds != null ? run.runSeeds(seeds.split(","))
                : run.run(seed, cases, start + seconds * 1_000_000_000L);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("differential run, seed " + seed + ", features " + features + ", " + millis + " ms: "
                + stats);
        stats.mismatches.stream().limit(20).forEach(m -> System.out.println("MISMATCH " + m));
        assertTrue(stats.mismatches.isEmpty(), () -> stats.mismatches.size() + " mismatches, first: "
                + stats.mismatches.get(0));
    }
}
