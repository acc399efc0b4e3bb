package lsmdb.replication;

import static lsmdb.replication.TestCluster.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import lsmdb.sql.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One member of three left alone: it must neither commit, nor pass off its reads as current, nor hang. */
class MinorityTest {

    @TempDir
    Path dir;

    @Test
    void aLeaderLeftAloneRefusesCommitsRetryablyAndWarnsThatItsReadsMayBeStale() throws Exception {
        String cluster = FreePorts.cluster(3);
        List<Connection> conns = new ArrayList<>();
        try {
            for (String node : new String[] {"n1", "n2", "n3"}) {
                conns.add(DriverManager.getConnection("jdbc:lsm:" + dir.resolve(node) + "?cluster=" + cluster
                        + "&node=" + node + "&sync=false"));
            }
            // Write through whichever member leads (an election may move it while the JVM warms up).
            int leader = -1;
            boolean created = false;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (leader < 0) {
                assertTrue(System.nanoTime() < deadline, "no member took the writes in 30 s");
                String l = SysCluster.leaderOf(conns.get(0));
                if (l == null) {
                    Thread.sleep(50);
                    continue;
                }
                int i = Integer.parseInt(l.substring(1)) - 1;
                try (Statement s = conns.get(i).createStatement()) {
                    if (!created) {
                        s.executeUpdate("CREATE TABLE t (id INT PRIMARY KEY)");
                        created = true;
                    }
                    s.executeUpdate("INSERT INTO t VALUES (1)");
                    leader = i;
                } catch (NotLeaderException notYet) {
                    Thread.sleep(50);
                }
            }
            Connection alone = conns.get(leader);
            try (Statement s = alone.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertTrue(rs.next());
                assertNull(s.getWarnings(), "a leader in touch with its majority reads current data");
            }

            for (int i = 0; i < 3; i++) {
                if (i != leader) {
                    try (Statement s = conns.get(i).createStatement()) {
                        s.execute("SHUTDOWN"); // stops that member
                    }
                }
            }

            // Commits fail, each in bounded time: 40003 (outcome unknown) for one the leader had already put in its
            // log when it lost its majority, then 40R01 (nothing written, no leader: retry later).
            int id = 100;
            long start = System.nanoTime();
            String lastState = null;
            while (!NotLeaderException.SQLSTATE.equals(lastState)) {
                assertTrue(System.nanoTime() - start < 40_000_000_000L, "still no refusal after 40 s: " + lastState);
                long t0 = System.nanoTime();
                try (Statement s = alone.createStatement()) {
                    s.executeUpdate("INSERT INTO t VALUES (" + id++ + ")");
                    fail("a member without a majority acknowledged a commit");
                } catch (SQLException e) {
                    lastState = e.getSQLState();
                    assertTrue(Set.of(NotLeaderException.SQLSTATE, CommitOutcomeUnknownException.SQLSTATE)
                            .contains(lastState), lastState + ": " + e.getMessage());
                    assertTrue(e instanceof java.sql.SQLTransientException, "retryable class: " + e.getClass());
                }
                assertTrue(System.nanoTime() - t0 < 35_000_000_000L, "a commit attempt took over 35 s");
            }

            // Reads still answer, from this member's data, and say they may be stale. A member that followed a
            // leader elected just before that leader was stopped heard from it moments ago and is refused at once
            // (40R01): it rightly reads without a warning until an election timeout passes without a leader.
            long readDeadline = System.nanoTime() + 15_000_000_000L;
            while (true) {
                try (Statement s = alone.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                    SQLWarning w = s.getWarnings();
                    if (w != null) {
                        assertEquals("01R01", w.getSQLState());
                        assertTrue(w.getMessage().contains("may be stale"), w.getMessage());
                        assertNotNull(rs.getWarnings());
                        s.clearWarnings();
                        assertNull(s.getWarnings());
                        break;
                    }
                }
                assertTrue(System.nanoTime() < readDeadline,
                        "a read on a member cut off from its majority must warn within 15 s");
                Thread.sleep(50);
            }
        } finally {
            for (Connection c : conns) {
                try (Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException alreadyStopped) {
                    // shut down above
                }
            }
        }
    }

    @Test
    void aLinearizableReadOnAMemberLeftAloneFailsInsteadOfHanging() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST.withLinearizableReads(true))) {
            c.write("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            c.awaitConverged();
            ReplicatedNode alone = c.follower();
            for (ReplicatedNode n : c.running()) {
                if (n != alone) {
                    c.stop(c.indexOf(n));
                }
            }
            try (Session s = alone.database().openSession()) {
                long t0 = System.nanoTime();
                SQLException e = assertThrows(SQLException.class, () -> run(s, "SELECT COUNT(*) FROM t"));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals("08R02", e.getSQLState(), e.getMessage());
                assertTrue(e instanceof java.sql.SQLTransientException, e.getClass().getName());
                assertTrue(e.getMessage().contains("linearizable read"), e.getMessage());
                assertTrue(ms < 30_000, "the read gave up only after " + ms + " ms");
            }
        }
    }
}
