package lsmdb.jdbc.spi;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import lsmdb.sql.DatabaseOptions;
import lsmdb.sql.SqlDatabase;

/**
 * Opens this JVM's member of a replicated database for a URL with {@code cluster=} (and {@code node=}). The plain
 * driver does not replicate: it finds an implementation through {@link java.util.ServiceLoader} (the
 * {@code lsmdb-replication} module provides one), so it carries no consensus library itself.
 */
public interface ClusterOpener {

    /**
     * @param directory the node's own directory (its engine and its Raft log live below it)
     * @param options the engine options the URL gave
     * @param cluster the URL's cluster options, names lower-cased: {@code cluster}, {@code node}
     * @throws SQLException 08001 naming what is wrong with the options, or why the node could not start
     */
    SqlDatabase open(Path directory, DatabaseOptions options, Map<String, String> cluster) throws SQLException;
}
