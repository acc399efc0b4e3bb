package lsmdb.replication;

import static lsmdb.replication.TestCluster.run;
import static lsmdb.replication.TestCluster.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.SQLException;
import lsmdb.sql.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTest {

    @TempDir
    Path dir;

    /** Inserts rows on the leader; each returns only once acknowledged (committed by a majority). */
    private static void insertRows(TestCluster c, int from, int to) throws SQLException {
        String[] rows = new String[to - from];
        for (int i = from; i < to; i++) {
            rows[i - from] = "INSERT INTO t VALUES (" + i + ", 'row" + i + "')";
        }
        c.write(rows);
    }

    private static long count(ReplicatedNode on) throws SQLException {
        try (Session s = on.database().openSession()) {
            return ((Number) scalar(s, "SELECT COUNT(*) FROM t")).longValue();
        }
    }

    @Test
    void writesOnTheLeaderAreReadOnEveryNodeAndFollowersRefuseWritesNamingTheLeader() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            ReplicatedNode leader = c.leader();
            try (Session s = leader.database().openSession()) {
                run(s, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            }
            insertRows(c, 0, 20);
            c.awaitConverged();
            for (ReplicatedNode n : c.running()) {
                assertEquals(20, count(n), "rows on " + n.id());
            }
            c.assertSameData();

            ReplicatedNode follower = c.follower();
            try (Session s = follower.database().openSession()) {
                NotLeaderException e = assertThrows(NotLeaderException.class,
                        () -> run(s, "INSERT INTO t VALUES (100, 'x')"));
                assertEquals("40R01", e.getSQLState());
                assertEquals(leader.id(), e.leaderId());
                assertEquals(leader.config().selfPeer().address(), e.leaderAddress());
                // The follower's session still reads after the refusal.
                assertEquals(20L, ((Number) scalar(s, "SELECT COUNT(*) FROM t")).longValue());
            }
            assertEquals(20, count(leader));
        }
    }

    @Test
    void whenTheLeaderDiesANewOneIsElectedWithEveryAcknowledgedCommitAndTheOldOneCatchesUpOnReturn()
            throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            c.write("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            insertRows(c, 0, 30); // each acknowledged
            ReplicatedNode leader = c.leader();
            int old = c.indexOf(leader);
            String oldId = leader.id();
            c.stop(old);

            ReplicatedNode next = c.leader();
            assertNotEquals(oldId, next.id());
            for (ReplicatedNode n : c.running()) {
                TestCluster.await("node " + n.id() + " to apply the acknowledged rows", () -> {
                    try {
                        return count(n) == 30;
                    } catch (SQLException e) {
                        return false;
                    }
                });
            }
            insertRows(c, 30, 45); // writes continue on the new leader (its catalog and counters reloaded)
            c.write("CREATE TABLE u (k INT PRIMARY KEY)", "INSERT INTO u VALUES (1)");

            c.start(old); // back with its old log: catches up from the log
            c.assertSameData();
            ReplicatedNode back = c.node(old);
            assertEquals(45, count(back));
            try (Session s = back.database().openSession()) {
                assertEquals(1L, ((Number) scalar(s, "SELECT COUNT(*) FROM u")).longValue());
            }
        }
    }

    /**
     * The log holds no commit-index entries (see ReplicatedNode): after every member stopped, each learns what was
     * committed only from the new leader. Nothing acknowledged may be missing, and the group must take writes again.
     */
    @Test
    void theWholeGroupRestartedKeepsEveryAcknowledgedCommitAndTakesWritesAgain() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            c.write("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            insertRows(c, 0, 50);
            for (int i = 0; i < 3; i++) {
                c.stop(i); // the leader among them, right after its last acknowledgement
            }
            for (int i = 0; i < 3; i++) {
                c.start(i);
            }
            insertRows(c, 50, 60);
            c.assertSameData();
            for (int i = 0; i < 3; i++) {
                assertEquals(60, count(c.node(i)), "rows on member n" + (i + 1));
            }
        }
    }

    @Test
    void aStoppedFollowerCatchesUpFromTheLogWhenRestarted() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            c.write("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))", "CREATE TABLE gone (k INT PRIMARY KEY)",
                    "INSERT INTO gone VALUES (1)");
            insertRows(c, 0, 10);
            c.awaitConverged();
            int f = c.indexOf(c.follower());
            c.stop(f);
            insertRows(c, 10, 40);
            c.write("UPDATE t SET v = 'changed' WHERE id < 5", "DELETE FROM t WHERE id >= 35",
                    "CREATE INDEX t_v ON t (v)", "DROP TABLE gone");
            c.start(f);
            c.assertSameData();
            ReplicatedNode back = c.node(f);
            assertEquals(35, count(back));
            try (Session s = back.database().openSession()) {
                // DDL arrived as entries: the index (its catalog key and entries) and the dropped table.
                assertEquals(5L, ((Number) scalar(s, "SELECT COUNT(*) FROM t WHERE v = 'changed'")).longValue());
                assertEquals(1L, ((Number) scalar(s,
                        "SELECT COUNT(*) FROM SYS.INDEXES WHERE INDEX_NAME = 'T_V'")).longValue());
                assertEquals("42S02", assertThrows(SQLException.class,
                        () -> run(s, "SELECT * FROM gone")).getSQLState());
            }
        }
    }

    @Test
    void withLinearizableReadsAFollowerSeesEveryWriteAcknowledgedBeforeItsQueryBegan() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST.withLinearizableReads(true))) {
            c.write("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            for (int i = 0; i < 15; i++) {
                c.write("INSERT INTO t VALUES (" + i + ", 'x')");
                ReplicatedNode follower = c.follower();
                try (Session s = follower.database().openSession()) {
                    // No waiting for the follower to apply: the read index makes the query wait for it.
                    assertEquals(i + 1L, ((Number) scalar(s, "SELECT COUNT(*) FROM t")).longValue(),
                            "rows on follower " + follower.id() + " after " + (i + 1) + " acknowledged inserts");
                }
            }
        }
    }
}
