package lsmdb.replication;

import static lsmdb.replication.TestCluster.run;
import static lsmdb.replication.TestCluster.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import lsmdb.sql.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConflictTest {

    @TempDir
    Path dir;

    @Test
    void conflictingTransactionsGetTheSameDecisionOnEveryNode() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            ReplicatedNode leader = c.leader();
            try (Session s = leader.database().openSession()) {
                run(s, "CREATE TABLE acct (id INT PRIMARY KEY, bal INT)");
                for (int i = 0; i < 5; i++) {
                    run(s, "INSERT INTO acct VALUES (" + i + ", 100)");
                }
            }

            // Two transactions from the same snapshot write one row: the first to commit wins, the other is 40001.
            try (Session a = leader.database().openSession(); Session b = leader.database().openSession()) {
                a.setAutoCommit(false);
                b.setAutoCommit(false);
                run(a, "UPDATE acct SET bal = bal + 10 WHERE id = 0");
                run(b, "UPDATE acct SET bal = bal + 20 WHERE id = 0");
                a.commit();
                SQLException lost = assertThrows(SQLException.class, b::commit);
                assertEquals("40001", lost.getSQLState());
            }
            c.assertSameData();
            for (ReplicatedNode n : c.running()) {
                try (Session s = n.database().openSession()) {
                    assertEquals(110, ((Number) scalar(s, "SELECT bal FROM acct WHERE id = 0")).intValue(),
                            "balance on " + n.id());
                }
            }

            // Many concurrent transfers: whatever each one's fate, every node holds the same rows and the total.
            AtomicInteger committed = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int seed = t;
                    done.add(pool.submit(() -> {
                        Random r = new Random(seed);
                        try (Session s = leader.database().openSession()) {
                            s.setAutoCommit(false);
                            for (int i = 0; i < 25; i++) {
                                int from = r.nextInt(5);
                                int to = (from + 1 + r.nextInt(4)) % 5;
                                try {
                                    run(s, "UPDATE acct SET bal = bal - 1 WHERE id = " + from);
                                    run(s, "UPDATE acct SET bal = bal + 1 WHERE id = " + to);
                                    s.commit();
                                    committed.incrementAndGet();
                                } catch (SQLException e) {
                                    if (!"40001".equals(e.getSQLState())) {
                                        throw e;
                                    }
                                    s.rollback();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            c.assertSameData();
            for (ReplicatedNode n : c.running()) {
                try (Session s = n.database().openSession()) {
                    assertEquals(510, ((Number) scalar(s, "SELECT SUM(bal) FROM acct")).intValue(), "total on " + n.id());
                }
            }
            assertEquals(true, committed.get() > 0, "no transfer committed");
        }
    }

    @Test
    void aTransactionOpenWhileItsNodesSqlMemoryIsReplacedIsRolledBack() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            c.write("CREATE TABLE t (v INT)"); // no primary key: hidden row ids from in-memory counters
            ReplicatedNode leader = c.leader();
            try (Session s = leader.database().openSession()) {
                s.setAutoCommit(false);
                run(s, "INSERT INTO t VALUES (1)");
                // What a leader change does: the SQL memory (catalog, row-id counters) is reloaded from the engine.
                ((ReplicatedSqlDatabase) leader.database()).leaderChanged(leader.raftPeerId());
                SQLException e = assertThrows(SQLException.class, s::commit);
                assertEquals("40001", e.getSQLState());
                run(s, "INSERT INTO t VALUES (2)"); // the next transaction runs on the new generation
                s.commit();
                assertEquals(1L, ((Number) scalar(s, "SELECT COUNT(*) FROM t")).longValue());
                assertEquals(2, ((Number) scalar(s, "SELECT v FROM t")).intValue());
            }
            c.assertSameData();
        }
    }
}
