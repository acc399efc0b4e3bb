package lsmdb.replication;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What a member's SYS.CLUSTER table says, read through JDBC. */
final class SysCluster {

    private SysCluster() {
    }

    /** The node this member takes for the leader, or null when it knows none. */
    static String leaderOf(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT NODE FROM SYS.CLUSTER WHERE ROLE = 'LEADER'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
