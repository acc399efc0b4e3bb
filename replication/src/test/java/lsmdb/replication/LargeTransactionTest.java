package lsmdb.replication;

import static lsmdb.replication.TestCluster.run;
import static lsmdb.replication.TestCluster.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import lsmdb.sql.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction is one Raft log entry. One of 17 MB failed with "Log entry size 17600051 exceeds the max buffer limit
 * of 4194304" (Ratis's default appender buffer), reported as commit outcome unknown, and the leader stepped down.
 * Now transactions up to {@link ReplicatedNode#MAX_TRANSACTION_BYTES} replicate, and a larger one fails with 54000
 * before anything reaches the log, the leader staying the leader.
 */
class LargeTransactionTest {

    @TempDir
    Path dir;

    private static long count(ReplicatedNode n) throws SQLException {
        try (Session s = n.database().openSession()) {
            return ((Number) scalar(s, "SELECT COUNT(*) FROM t")).longValue();
        }
    }

    @Test
    void largeTransactionsReplicateAndOnePastTheLimitFailsWith54000() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            c.write("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(200))");
            ReplicatedNode leader = c.leader();
            String value = "x".repeat(150);
            try (Session s = leader.database().openSession()) {
                s.setAutoCommit(false);
                for (int i = 0; i < 1000; i++) {
                    run(s, "INSERT INTO t VALUES (" + i + ", '" + value + "')");
                }
                s.commit();
                s.setAutoCommit(true);
                // doubled until a transaction writes 128,000 rows: about 22 MB in the log, past Ratis's default 4 MB
                for (int rows = 1000; rows <= 128_000; rows *= 2) {
                    assertEquals(rows, run(s, "INSERT INTO t SELECT id + " + rows + ", v FROM t"));
                }
            }
            c.assertSameData();
            for (ReplicatedNode n : c.running()) {
                assertEquals(256_000, count(n), "node " + n.id());
            }
            assertSame(leader, c.leader(), "the large transactions left the leader in place");

            try (Session s = leader.database().openSession()) {
                // 256,000 rows of about 175 bytes: past 32 MB
                SQLException e = assertThrows(SQLException.class,
                        () -> run(s, "INSERT INTO t SELECT id + 256000, v FROM t"));
                assertEquals("54000", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("smaller transactions"), e.getMessage());
                assertEquals(1, run(s, "INSERT INTO t VALUES (-1, 'after')"), "the cluster takes writes after it");
            }
            c.assertSameData();
            for (ReplicatedNode n : c.running()) {
                assertEquals(256_001, count(n), "node " + n.id());
            }
            assertSame(leader, c.leader());
        }
    }
}
