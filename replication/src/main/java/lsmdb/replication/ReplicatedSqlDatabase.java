package lsmdb.replication;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import lsmdb.core.LsmDb;
import lsmdb.sql.IndexInfo;
import lsmdb.sql.Session;
import lsmdb.sql.SqlDatabase;
import lsmdb.sql.TableInfo;
import lsmdb.sql.exec.SystemTables;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * A node's SQL database. The SQL layer keeps the catalog, plan cache and row-id counters in memory, current only
 * for writes made through it; on a node that did not make them (a follower applying the leader's DDL, a follower
 * becoming leader, an installed checkpoint) that memory is stale. So this database is a series of generations: each
 * change of that kind marks the current one stale, and the next use opens a fresh SQL database over the engine.
 * Sessions move to the newest generation between transactions.
 */
final class ReplicatedSqlDatabase implements SqlDatabase, LsmStateMachine.Listener {

    /** One SQL database over the engine, and its number (sessions compare numbers to notice a change). */
    record Generation(long number, SqlDatabase db) {
    }

    private final ReplicatedNode node;
    private volatile Generation current;
    private volatile boolean stale = true;
    private volatile boolean closed;

    ReplicatedSqlDatabase(ReplicatedNode node) {
        this.node = node;
    }

    ReplicatedNode node() {
        return node;
    }

    /** The current generation, opening a new one first if the last is stale. */
    Generation current() throws SQLException {
        if (closed) {
            throw new SQLNonTransientConnectionException("node " + node.id() + " is closed", "08003");
        }
        if (stale) {
            try {
                node.awaitLeaderReady(); // a new leader loads the SQL layer's memory only once it applied the log
            } catch (java.io.IOException e) {
                throw new SQLException("node " + node.id() + ": " + e.getMessage(), "58030", e);
            }
            refresh();
        }
        return current;
    }

    synchronized void refresh() throws SQLException {
        if (!stale) {
            return;
        }
        stale = false; // before loading: a change during the load marks it stale again
        Generation g = current;
        LsmDb engine = node.applier().engine();
        current = new Generation(g == null ? 1 : g.number() + 1, lsmdb.sql.session.Database.open(engine));
        if (g != null && g.db().engine() != engine) {
            SystemTables.unregisterCluster(g.db().engine());
        }
        SystemTables.registerCluster(engine, node::clusterRows);
    }

    void markStale() {
        stale = true;
    }

    void markClosed() {
        closed = true;
        Generation g = current;
        if (g != null) {
            SystemTables.unregisterCluster(g.db().engine());
        }
    }

    @Override
    public void engineReplaced(EngineApplier applier) {
        markStale();
    }

    @Override
    public void catalogChangedElsewhere() {
        markStale();
    }

    @Override
    public void leaderChanged(RaftPeerId leader) {
        // A new leader's counters and catalog must come from the engine, not from its follower days.
        markStale();
    }

    @Override
    public Session openSession() {
        return new ReplicatedSession(this);
    }

    @Override
    public LsmDb engine() {
        return node.applier().engine();
    }

    @Override
    public List<TableInfo> tables() {
        return db().tables();
    }

    @Override
    public TableInfo table(String name) {
        return db().table(name);
    }

    @Override
    public List<IndexInfo> indexes(String table) {
        return db().indexes(table);
    }

    private SqlDatabase db() {
        try {
            return current().db();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Stops this node. */
    @Override
    public void close() throws SQLException {
        try {
            node.close();
        } catch (java.io.IOException e) {
            throw new SQLException("closing node " + node.id() + ": " + e.getMessage(), "58030", e);
        }
    }
}
