package lsmdb.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcClusterTest {

    @TempDir
    Path dir;

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void clusterUrlsStartMembersThatReplicateAndShowThemselvesInSysCluster() throws Exception {
        String cluster = FreePorts.cluster(3);
        List<Connection> conns = new ArrayList<>();
        try {
            for (String node : new String[] {"n1", "n2", "n3"}) {
                conns.add(DriverManager.getConnection("jdbc:lsm:" + dir.resolve(node) + "?cluster=" + cluster
                        + "&node=" + node + "&sync=false"));
            }
            String[] leader = new String[1];
            TestCluster.await("a leader in SYS.CLUSTER", () -> {
                try {
                    leader[0] = SysCluster.leaderOf(conns.get(0));
                    return leader[0] != null && conns.get(Integer.parseInt(leader[0].substring(1)) - 1)
                            .createStatement().executeQuery("SELECT ROLE FROM SYS.CLUSTER WHERE NODE = '"
                                    + leader[0] + "' AND APPLIED_INDEX IS NOT NULL").next();
                } catch (SQLException e) {
                    return false;
                }
            });
            int l = Integer.parseInt(leader[0].substring(1)) - 1;
            Connection onLeader = conns.get(l);
            try (Statement s = onLeader.createStatement()) {
                s.executeUpdate("CREATE TABLE t (id INT PRIMARY KEY)");
                for (int i = 0; i < 5; i++) {
                    s.executeUpdate("INSERT INTO t VALUES (" + i + ")");
                }
            }
            Connection onFollower = conns.get((l + 1) % 3);
            TestCluster.await("the follower to read the leader's rows", () -> {
                try {
                    return count(onFollower) == 5;
                } catch (SQLException e) {
                    return false; // the table is not there yet
                }
            });
            SQLException refused = assertThrows(SQLException.class,
                    () -> onFollower.createStatement().executeUpdate("INSERT INTO t VALUES (99)"));
            assertEquals(NotLeaderException.SQLSTATE, refused.getSQLState());
            assertTrue(refused.getMessage().contains(leader[0]), refused.getMessage());

            try (Statement s = onFollower.createStatement();
                 ResultSet rs = s.executeQuery("SELECT NODE, ROLE, TERM, COMMIT_INDEX, APPLIED_INDEX FROM SYS.CLUSTER"
                         + " ORDER BY NODE")) {
                int rows = 0;
                String self = "n" + ((l + 1) % 3 + 1);
                while (rs.next()) {
                    rows++;
                    assertTrue(rs.getLong("TERM") > 0);
                    if (rs.getString("NODE").equals(self)) {
                        assertEquals("FOLLOWER", rs.getString("ROLE"));
                        assertNotNull(rs.getObject("APPLIED_INDEX"));
                        assertTrue(rs.getLong("COMMIT_INDEX") >= rs.getLong("APPLIED_INDEX"));
                    } else {
                        assertNull(rs.getObject("APPLIED_INDEX"));
                    }
                }
                assertEquals(3, rows);
            }
        } finally {
            for (Connection c : conns) {
                try (Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN"); // a cluster member outlives its connections: stop it
                }
            }
        }
    }

    @Test
    void aClusterUrlWithoutNodeIsRefusedNamingWhatIsMissing() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:lsm:" + dir.resolve("x") + "?cluster=n1@127.0.0.1:1,n2@127.0.0.1:2,n3@127.0.0.1:3"));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("node="), e.getMessage());
    }
}
