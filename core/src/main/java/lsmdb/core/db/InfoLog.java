package lsmdb.core.db;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.function.Consumer;
import lsmdb.core.format.DbFiles;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.WritableFile;

/**
 * The engine's event log: opens, recoveries, dropped torn tails, flushes, compactions, stalls, errors. Each event
 * goes to {@link System.Logger} {@value #LOGGER_NAME} (so applications route it with their own logging, SPEC §8)
 * and to the human-readable {@code LOG} file of the database, whose previous session is kept as {@code LOG.old}.
 * A read-only open leaves both files alone (it must change nothing) and logs through the logger only.
 * Best effort: a failure to log never fails the database.
 */
public final class InfoLog implements Consumer<String>, AutoCloseable {

    public static final String LOGGER_NAME = "lsmdb.engine";
    private static final System.Logger LOGGER = System.getLogger(LOGGER_NAME);

    /** Names the database in logger records, where many databases share one logger. */
    private final String prefix;
    private WritableFile file;

    private InfoLog(String prefix) {
        this.prefix = prefix;
        file = null;
    }

    /** A log to the logger only: a read-only open must not rotate or write another process's LOG. */
    public static InfoLog discarding() {
        return new InfoLog("[read-only] ");
    }

    public InfoLog(FileSystem fs, Path dir, boolean readOnly) {
        this.prefix = "[" + dir + "] ";
        if (readOnly) {
            return;
        }
        try {
            Path log = dir.resolve(DbFiles.INFO_LOG);
            if (fs.exists(log)) {
                fs.rename(log, dir.resolve(DbFiles.INFO_LOG_OLD));
            }
            file = fs.create(log);
        } catch (IOException e) {
            file = null;
        }
    }

    /** An ordinary event, logged at DEBUG (JUL's FINE) so that routine flushes do not fill an application's console. */
    @Override
    public void accept(String message) {
        log(Level.DEBUG, message);
    }

    /** Something went wrong but the database goes on: dropped data, a failed preallocation, a stall. */
    public void warn(String message) {
        log(Level.WARNING, message);
    }

    /** Corruption or an I/O error that fails an open or stops writes. */
    public void error(String message) {
        log(Level.ERROR, message);
    }

    private void log(Level level, String message) {
        if (LOGGER.isLoggable(level)) {
            LOGGER.log(level, prefix + message);
        }
        writeToFile(level == Level.DEBUG ? message : level.getName() + ": " + message);
    }

    private synchronized void writeToFile(String message) {
        if (file == null) {
            return;
        }
        try {
            file.append((LocalDateTime.now() + " " + message + "\n").getBytes(StandardCharsets.UTF_8));
            file.flush();
        } catch (IOException e) {
            file = null;
        }
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // nothing useful to do: the LOG is advisory
            }
            file = null;
        }
    }
}
