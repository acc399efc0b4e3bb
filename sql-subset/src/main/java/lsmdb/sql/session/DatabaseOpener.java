package lsmdb.sql.session;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import lsmdb.core.CorruptionException;
import lsmdb.core.LsmDb;
import lsmdb.core.io.MemFileSystem;
import lsmdb.sql.DatabaseOptions;

/** Opens the engine under a SQL database, turning its failures into connection errors (SPEC §5). */
public final class DatabaseOpener {

    private DatabaseOpener() {
    }

    /** The database in {@code directory}: 08001 when there is none (or it cannot be opened), XX001 when corrupt. */
    public static Database open(Path directory, DatabaseOptions options) throws SQLException {
        LsmDb engine;
        try {
            engine = LsmDb.open(directory, options.engineOptions());
        } catch (NoSuchFileException e) {
            throw new SQLNonTransientConnectionException("no database at " + directory
                    + (options.createIfMissing() ? "" : " (create=false)"), "08001", e);
        } catch (IOException e) {
            throw cannotOpen(directory.toString(), e);
        }
        return wrap(engine);
    }

    /** A new, empty in-memory database named {@code name} (the name only appears in messages); never synced. */
    public static Database openInMemory(String name, DatabaseOptions options) throws SQLException {
        LsmDb engine;
        try {
            engine = LsmDb.open(Path.of("/lsmdb-mem", name),
                    options.engineOptions().withFileSystem(new MemFileSystem()).withSync(false));
        } catch (IOException e) {
            throw cannotOpen("mem:" + name, e);
        }
        return wrap(engine);
    }

    private static SQLException cannotOpen(String where, IOException e) {
        String state = e instanceof CorruptionException ? "XX001" : "08001";
        return new SQLNonTransientConnectionException("cannot open database " + where + ": " + e.getMessage(),
                state, e);
    }

    private static Database wrap(LsmDb engine) throws SQLException {
        try {
            return Database.open(engine);
        } catch (SQLException e) {
            try {
                engine.close();
            } catch (IOException ignored) {
                // the open already failed; its error is the one to report
            }
            throw e;
        }
    }
}
