package lsmdb.replication;

import static lsmdb.replication.TestCluster.run;
import static lsmdb.replication.TestCluster.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import lsmdb.sql.Session;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot isolation across members: two transactions on different nodes write the same key. Writes run on the
 * leader only, so the two must have met different leaders; leadership is handed over with Ratis's transfer.
 */
class CrossNodeConflictTest {

    @TempDir
    Path dir;

    private static void transfer(TestCluster c, ReplicatedNode to) throws Exception {
        ReplicatedNode from = c.leader();
        if (from == to) {
            return;
        }
        RaftClientReply r = from.server().transferLeadership(new TransferLeadershipRequest(ClientId.randomId(),
                from.raftPeerId(), from.groupId(), 1, to.raftPeerId(), 20_000));
        assertTrue(r.isSuccess(), "transfer to " + to.id() + ": " + r.getException());
        TestCluster.await(to.id() + " to lead", to::isLeader);
    }

    private static int balance(ReplicatedNode n) throws SQLException {
        try (Session s = n.database().openSession()) {
            return ((Number) scalar(s, "SELECT bal FROM acct WHERE id = 1")).intValue();
        }
    }

    @Test
    void twoTransactionsOnDifferentNodesWritingOneKeyOneCommitsTheOtherGets40001() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            c.write("CREATE TABLE acct (id INT PRIMARY KEY, bal INT)", "INSERT INTO acct VALUES (1, 100)");
            c.awaitConverged();
            ReplicatedNode a = c.leader();
            ReplicatedNode b = c.follower();

            try (Session onA = a.database().openSession()) {
                onA.setAutoCommit(false);
                run(onA, "UPDATE acct SET bal = bal + 10 WHERE id = 1"); // reads 100 on a, writes buffered

                transfer(c, b);
                try (Session onB = b.database().openSession()) {
                    onB.setAutoCommit(false);
                    run(onB, "UPDATE acct SET bal = bal + 20 WHERE id = 1"); // reads 100 on b
                    onB.commit(); // the first to commit wins
                }

                // a leads again: its transaction, from before b's commit, must not overwrite it.
                transfer(c, a);
                SQLException lost = assertThrows(SQLException.class, onA::commit);
                assertEquals("40001", lost.getSQLState(), lost.getMessage());

                // Run again, it reads b's write and commits.
                run(onA, "UPDATE acct SET bal = bal + 10 WHERE id = 1");
                onA.commit();
            }
            c.assertSameData();
            for (ReplicatedNode n : c.running()) {
                assertEquals(130, balance(n), "balance on " + n.id());
            }
        }
    }

    @Test
    void aFollowersTransactionOnAKeyTheLeaderWroteIsRefusedAndOnlyTheLeadersCommits() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            c.write("CREATE TABLE acct (id INT PRIMARY KEY, bal INT)", "INSERT INTO acct VALUES (1, 100)");
            c.awaitConverged();
            ReplicatedNode leader = c.leader();
            ReplicatedNode follower = c.follower();
            try (Session onLeader = leader.database().openSession();
                 Session onFollower = follower.database().openSession()) {
                onLeader.setAutoCommit(false);
                onFollower.setAutoCommit(false);
                run(onLeader, "UPDATE acct SET bal = bal + 10 WHERE id = 1");
                // On a follower the transaction is refused (at the latest at COMMIT), before anything reaches the
                // log: 40R01 names the leader.
                NotLeaderException refused = assertThrows(NotLeaderException.class, () -> {
                    run(onFollower, "UPDATE acct SET bal = bal + 20 WHERE id = 1");
                    onFollower.commit();
                });
                assertEquals(leader.id(), refused.leaderId());
                onLeader.commit();
            }
            c.assertSameData();
            for (ReplicatedNode n : c.running()) {
                assertEquals(110, balance(n), "balance on " + n.id());
            }
        }
    }
}
