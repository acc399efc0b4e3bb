package lsmdb.replication;

import static lsmdb.replication.TestCluster.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {

    @TempDir
    Path dir;

    @Test
    void aFollowerAwayLongerThanTheRetainedLogCatchesUpByInstallingACheckpoint() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.SHORT_LOG)) {
            c.write("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(80))", "INSERT INTO t VALUES (0, 'before')");
            c.awaitConverged();
            ReplicatedNode away = c.follower();
            int f = c.indexOf(away);
            long appliedWhenStopped = away.appliedIndex();
            c.stop(f);

            List<String> rows = new ArrayList<>();
            for (int i = 1; i <= 120; i++) {
                rows.add("INSERT INTO t VALUES (" + i + ", 'a row long enough to fill log segments " + i + "')");
            }
            c.write(rows.toArray(String[]::new));
            // DDL the returning node learns from the checkpoint
            c.write("CREATE TABLE later (k INT PRIMARY KEY)", "INSERT INTO later VALUES (7)");
            TestCluster.await("the leader to purge its log past the stopped follower",
                    () -> {
                        try {
                            return c.leader().division().getRaftLog().getStartIndex() > appliedWhenStopped + 1;
                        } catch (java.io.IOException e) {
                            return false;
                        }
                    });

            ReplicatedNode back = c.start(f);
            c.assertSameData();
            try (Session s = back.database().openSession()) {
                assertEquals(121L, ((Number) scalar(s, "SELECT COUNT(*) FROM t")).longValue());
                assertEquals(7, ((Number) scalar(s, "SELECT k FROM later")).intValue());
            }
            assertTrue(back.appliedIndex() > appliedWhenStopped);

            // It takes part again: a restart from its own engine and checkpoint needs nothing from the others' past.
            c.write("INSERT INTO t VALUES (1000, 'after')");
            c.assertSameData();
        }
    }

    @Test
    void theWholeClusterRestartsFromItsCheckpointsAndLogsWithNothingAppliedTwice() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.SHORT_LOG)) {
            c.write("CREATE TABLE t (id INT PRIMARY KEY, n INT)", "INSERT INTO t VALUES (0, 0)");
            List<String> updates = new ArrayList<>();
            for (int i = 1; i <= 90; i++) {
                // Not idempotent: an entry applied twice after the restart would show in the sum.
                updates.add("UPDATE t SET n = n + 1 WHERE id = 0");
            }
            c.write(updates.toArray(String[]::new));
            c.awaitConverged();
            for (int i = 0; i < 3; i++) {
                c.stop(i);
            }
            for (int i = 0; i < 3; i++) {
                c.start(i);
            }
            c.write("UPDATE t SET n = n + 1 WHERE id = 0");
            c.assertSameData();
            for (ReplicatedNode n : c.running()) {
                try (Session s = n.database().openSession()) {
                    assertEquals(91, ((Number) scalar(s, "SELECT n FROM t WHERE id = 0")).intValue(), "on " + n.id());
                }
            }
        }
    }
}
