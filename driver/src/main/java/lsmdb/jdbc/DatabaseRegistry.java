package lsmdb.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.HashMap;
import java.util.Map;
import lsmdb.sql.SqlDatabase;

/**
 * The open databases of this JVM: one shared engine per directory (and per {@code mem:} name), counted by open
 * connections. A directory's engine closes with its last connection; an in-memory one lives until SHUTDOWN.
 */
final class DatabaseRegistry {

    /** One open database and how many connections use it. */
    static final class Entry {
        final String key;
        final SqlDatabase db;
        final boolean memory;
        int connections;

        Entry(String key, SqlDatabase db, boolean memory) {
            this.key = key;
            this.db = db;
            this.memory = memory;
        }
    }

    private static final Map<String, Entry> OPEN = new HashMap<>();

    private DatabaseRegistry() {
    }

    static synchronized Entry acquire(ConnectionConfig config) throws SQLException {
        String key = config.memName() != null ? "mem:" + config.memName() : config.directory().toString();
        Entry e = OPEN.get(key);
        if (e != null && e.db.isClosed()) {
            OPEN.remove(key);
            e = null;
        }
        if (e == null) {
            // A cluster member stays up without connections, as an in-memory database does: it replicates.
            e = new Entry(key, open(config), config.memName() != null || !config.cluster().isEmpty());
            OPEN.put(key, e);
        }
        e.connections++;
        return e;
    }

    private static SqlDatabase open(ConnectionConfig config) throws SQLException {
        if (!config.cluster().isEmpty()) {
            return openClusterMember(config);
        }
        return config.memName() != null ? SqlDatabase.openInMemory(config.memName(), config.options())
                : SqlDatabase.open(config.directory(), config.options());
    }

    private static SqlDatabase openClusterMember(ConnectionConfig config) throws SQLException {
        for (lsmdb.jdbc.spi.ClusterOpener opener : java.util.ServiceLoader.load(lsmdb.jdbc.spi.ClusterOpener.class,
                DatabaseRegistry.class.getClassLoader())) {
            return opener.open(config.directory(), config.options(), config.cluster());
        }
        throw new SQLNonTransientConnectionException("cluster= in " + config.url() + " needs the lsmdb-replication "
                + "module on the class path (the plain driver does not replicate)", "08001");
    }

    /** A connection let go of its database; the last one closes a directory's engine. */
    static void release(Entry e) throws SQLException {
        boolean close;
        synchronized (DatabaseRegistry.class) {
            e.connections--;
            close = e.connections <= 0 && !e.memory;
            if (close && OPEN.get(e.key) == e) {
                OPEN.remove(e.key);
            }
        }
        if (close) {
            e.db.close();
        }
    }

    /** After SHUTDOWN: forget the database so the next connection opens it afresh. */
    static synchronized void forget(Entry e) {
        if (OPEN.get(e.key) == e) {
            OPEN.remove(e.key);
        }
    }
}
