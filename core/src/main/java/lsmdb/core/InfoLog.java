package lsmdb.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.function.Consumer;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.WritableFile;
import lsmdb.core.version.DbFiles;

/**
 * The human-readable {@code LOG} file: opens, recoveries, dropped torn tails, flushes, compactions, errors.
 * The previous session's log is kept as {@code LOG.old}. Best effort: a failure to log never fails the database.
 */
final class InfoLog implements Consumer<String>, AutoCloseable {

    private WritableFile file;

    private InfoLog() {
        file = null;
    }

    /** A log that writes nothing: a read-only open must not rotate or write another process's LOG. */
    static InfoLog discarding() {
        return new InfoLog();
    }

    InfoLog(FileSystem fs, Path dir) {
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

    @Override
    public synchronized void accept(String message) {
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
