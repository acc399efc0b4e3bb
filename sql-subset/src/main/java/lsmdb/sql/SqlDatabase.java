package lsmdb.sql;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import lsmdb.core.LsmDb;

/**
 * A database as SQL sees it: the engine, the catalog of tables stored in it, and the plan cache.
 * Thread-safe; shared by every connection to the same database.
 */
public interface SqlDatabase extends AutoCloseable {

    /** Wraps an open engine (loading its catalog). The SQL database owns the engine from then on. */
    static SqlDatabase open(LsmDb engine) throws SQLException {
        return lsmdb.sql.session.Database.open(engine);
    }

    /**
     * Opens the engine in {@code directory} (creating it if the options allow) and the SQL database on it: 08001
     * when there is no database there or it cannot be opened, XX001 when it is corrupt.
     */
    static SqlDatabase open(Path directory, DatabaseOptions options) throws SQLException {
        return lsmdb.sql.session.DatabaseOpener.open(directory, options);
    }

    /** A new, empty in-memory database; {@code name} appears in messages only. */
    static SqlDatabase openInMemory(String name, DatabaseOptions options) throws SQLException {
        return lsmdb.sql.session.DatabaseOpener.openInMemory(name, options);
    }

    Session openSession();

    /** The options the database's engine was opened with. */
    default DatabaseOptions options() {
        return DatabaseOptions.of(engine().options());
    }

    LsmDb engine();

    /** The tables, sorted by name. */
    List<TableInfo> tables();

    /** The table named {@code name} (case-insensitive unless it was quoted), or null. */
    TableInfo table(String name);

    /** The secondary indexes of {@code table} (as the catalog names it), by name. */
    List<IndexInfo> indexes(String table);

    /**
     * The DEFAULT of column {@code column} (0-based) of {@code table} as SQL text, or null; for
     * {@code DatabaseMetaData.getColumns}' COLUMN_DEF.
     */
    default String columnDefault(String table, int column) {
        return null;
    }

    /** The index (0-based) of {@code table}'s identity column, or -1 (for IS_AUTOINCREMENT). */
    default int identityColumn(String table) {
        return -1;
    }

    /** Every foreign key, by name. */
    default List<ForeignKeyInfo> foreignKeys() {
        return List.of();
    }

    boolean isClosed();

    /** Closes the engine. */
    @Override
    void close() throws SQLException;
}
