package lsmdb.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Map;
import lsmdb.jdbc.spi.ClusterOpener;
import lsmdb.sql.DatabaseOptions;
import lsmdb.sql.SqlDatabase;

/**
 * The driver's way in: {@code jdbc:lsm:/data/db?cluster=n1@10.0.0.1:7001,n2@10.0.0.2:7001,n3@10.0.0.3:7001&node=n1}
 * starts this JVM's member n1, its engine and Raft log under {@code /data/db}; {@code &reads=linearizable} makes
 * every query wait for the Raft read index first (default {@code local}: the node's own, possibly trailing, state). The node stays up while the JVM
 * runs (or until SHUTDOWN), replicating, whether or not a connection is open.
 */
public final class ReplicationOpener implements ClusterOpener {

    @Override
    public SqlDatabase open(Path directory, DatabaseOptions options, Map<String, String> cluster) throws SQLException {
        ClusterConfig config;
        try {
            config = ClusterConfig.parse(cluster.get("cluster"), cluster.get("node"));
        } catch (IllegalArgumentException e) {
            throw new SQLNonTransientConnectionException(e.getMessage(), "08001", e);
        }
        String reads = cluster.getOrDefault("reads", "local");
        if (!reads.equalsIgnoreCase("local") && !reads.equalsIgnoreCase("linearizable")) {
            throw new SQLNonTransientConnectionException("bad value '" + reads + "' for option reads (local or "
                    + "linearizable)", "08001");
        }
        ReplicatedNode.Tuning tuning = ReplicatedNode.Tuning.defaults()
                .withLinearizableReads(reads.equalsIgnoreCase("linearizable"));
        try {
            return ReplicatedNode.start(config, directory, options.engineOptions(), tuning).database();
        } catch (IOException | RuntimeException e) {
            throw new SQLNonTransientConnectionException("cannot start cluster node " + config.self() + " in "
                    + directory + ": " + e.getMessage(), "08001", e);
        }
    }
}
