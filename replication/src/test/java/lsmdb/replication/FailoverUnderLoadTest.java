package lsmdb.replication;

import static lsmdb.replication.TestCluster.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import lsmdb.sql.Result;
import lsmdb.sql.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverUnderLoadTest {

    @TempDir
    Path dir;

    /** Inserts until {@code target} rows are acknowledged, moving to whichever node leads when one fails. */
    private static void insertUntil(TestCluster c, AtomicInteger ids, Set<Integer> acknowledged, int target) {
        while (acknowledged.size() < target) {
            ReplicatedNode n;
            try {
                n = c.leader();
            } catch (AssertionError noLeader) {
                continue;
            }
            int id = ids.incrementAndGet();
            try (Session s = n.database().openSession()) {
                run(s, "INSERT INTO t VALUES (" + id + ")");
                acknowledged.add(id); // returned: committed by a majority
            } catch (SQLException | RuntimeException e) {
                // refused (40R01), closed under us, or outcome unknown: not acknowledged, so not promised
            }
        }
    }

    private static Set<Integer> ids(ReplicatedNode n) throws SQLException {
        Set<Integer> out = ConcurrentHashMap.newKeySet();
        try (Session s = n.database().openSession()) {
            Result r = s.execute(s.prepare("SELECT id FROM t"), new Object[0]);
            try (var rows = r.rows()) {
                while (rows.next()) {
                    out.add(((Number) rows.get(0)).intValue());
                }
            }
        }
        return out;
    }

    @Test
    void everyAcknowledgedCommitSurvivesTheLeaderDyingMidStream() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            c.write("CREATE TABLE t (id INT PRIMARY KEY)");
            AtomicInteger ids = new AtomicInteger();
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            ExecutorService writers = Executors.newFixedThreadPool(3);
            try {
                Future<?>[] running = new Future<?>[3];
                for (int w = 0; w < running.length; w++) {
                    running[w] = writers.submit(() -> insertUntil(c, ids, acknowledged, 120));
                }
                TestCluster.await("some acknowledged writes", () -> acknowledged.size() >= 30);
                c.stop(c.indexOf(c.leader())); // dies with commits in flight
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                writers.shutdownNow();
            }
            c.assertSameData();
            for (ReplicatedNode n : c.running()) {
                Set<Integer> present = ids(n);
                for (int id : acknowledged) {
                    assertTrue(present.contains(id), "acknowledged row " + id + " missing on " + n.id());
                }
            }
            assertEquals(2, c.running().size());
        }
    }
}
