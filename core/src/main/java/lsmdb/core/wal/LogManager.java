package lsmdb.core.wal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import lsmdb.core.format.DbFiles;
import lsmdb.core.io.FileSystem;
import lsmdb.core.util.GuardedBy;

/**
 * The database's write-ahead logs: the current one, the one before it (kept unsynced until a synced write or its
 * memtable's flush needs it no more), and a spare made ahead of time so that a memtable switch takes a log that is
 * already sized and durable.
 *
 * <p>Every method runs under the database's mutex, which {@link #prepareSpare} releases during its I/O.
 */
public final class LogManager {

    private final FileSystem fs;
    private final Path dir;
    private final ReentrantLock mutex;
    private final LongSupplier newFileNumber;
    private final Consumer<String> warn;
    private final long preallocatedSize;
    /** Whether new logs are written through a memory mapping ({@link FileSystem#createMapped}). */
    private final boolean mapLogs;
    /** How much of a mapped log is mapped at a time. */
    public static final int MAPPED_REGION = 1 << 20;

    @GuardedBy("mutex")
    private LogWriter log;
    @GuardedBy("mutex")
    private long logNumber;
    /**
     * The log of the immutable memtable, left unsynced by the switch: only a synced write needs it durable first
     * (so that survivors of a power loss stay a prefix), and once its memtable is flushed nobody does.
     */
    @GuardedBy("mutex")
    private LogWriter previousLog;
    @GuardedBy("mutex")
    private long previousLogNumber;
    /** Whether the current log's directory entry has been synced (needed before a synced write relies on it). */
    @GuardedBy("mutex")
    private boolean logNameDurable;
    /** The next log, already sized and durable, made by the flush thread ahead of the switch that takes it. */
    @GuardedBy("mutex")
    private LogWriter spareLog;
    @GuardedBy("mutex")
    private long spareLogNumber;
    /** Set once preallocation failed (a full disk, say): logs are then created empty, as before. */
    @GuardedBy("mutex")
    private boolean preallocationFailed;

    public LogManager(FileSystem fs, Path dir, ReentrantLock mutex, LongSupplier newFileNumber, Consumer<String> warn,
                      long writeBufferSize, boolean mapLogs) {
        this.fs = fs;
        this.dir = dir;
        this.mutex = mutex;
        this.newFileNumber = newFileNumber;
        this.warn = warn;
        this.preallocatedSize = preallocatedSize(writeBufferSize);
        this.mapLogs = mapLogs;
    }

    /**
     * Logs are preallocated in steps (grown a step ahead of the writer at its syncs): a quarter memtable, from
     * 64 KiB to 1 MiB, and never more than a memtable's worth and a quarter. A small database stays small (two
     * logs of a step each) while most fsyncs still overwrite allocated space.
     */
    public static long preallocatedSize(long writeBufferSize) {
        long wbs = writeBufferSize;
        return Math.min(wbs + (wbs >> 2), Math.max(64 << 10, Math.min(1 << 20, wbs >> 2)));
    }

    /** Takes the log recovery opened (its name already durable). */
    @GuardedBy("mutex")
    public void start(LogWriter recovered, long number) {
        log = recovered;
        logNumber = number;
        logNameDurable = true;
    }

    /** The log writes append to, or null for a read-only database. */
    @GuardedBy("mutex")
    public LogWriter current() {
        return log;
    }

    /** Hands every record written to the open logs (current and previous) to the operating system. */
    @GuardedBy("mutex")
    public void flushOpenLogs() throws IOException {
        if (previousLog != null) {
            previousLog.flush();
        }
        if (log != null) {
            log.flush();
        }
    }

    @GuardedBy("mutex")
    public long currentNumber() {
        return logNumber;
    }

    /** Whether a log is open (false for a read-only database). */
    @GuardedBy("mutex")
    public boolean isOpen() {
        return log != null;
    }

    /**
     * Starts the next log (the spare if there is one). The current log becomes the previous one, unsynced: no fsync
     * here, so writers do not wait for one at every switch; a synced write makes the old log and the new log's name
     * durable before its own record ({@link #makeDurable}); unsynced writes promise no more.
     */
    @GuardedBy("mutex")
    public void switchToNext() throws IOException {
        long number;
        LogWriter next;
        boolean nameDurable;
        if (spareLog != null) { // numbered after the current log: prepareSpare discards it otherwise
            number = spareLogNumber;
            next = spareLog;
            nameDurable = true;
            spareLog = null;
        } else {
            number = newFileNumber.getAsLong();
            // A log synced at every commit keeps its system calls (its fsyncs dominate); the others are mapped.
            Path path = DbFiles.log(dir, number);
            next = new LogWriter(mapLogs ? fs.createMapped(path, MAPPED_REGION)
                    : fs.createPreallocatedOnSync(path, preallocatedSize));
            nameDurable = false;
        }
        if (previousLog != null) {
            makeDurable(); // not expected: the previous memtable's flush releases its log
        }
        previousLog = log;
        previousLogNumber = logNumber;
        log = next;
        logNumber = number;
        logNameDurable = nameDurable;
    }

    /** Makes everything written before the current log durable, and the current log's name. */
    @GuardedBy("mutex")
    public void makeDurable() throws IOException {
        if (previousLog != null) {
            previousLog.sync();
            previousLog.close();
            previousLog = null;
        }
        if (!logNameDurable) {
            fs.syncDirectory(dir);
            logNameDurable = true;
        }
    }

    /** Closes the previous log once its memtable's records are in a synced table (the file is deleted later). */
    @GuardedBy("mutex")
    public void releasePrevious() throws IOException {
        if (previousLog != null) {
            previousLog.close();
            previousLog = null;
        }
    }

    /** Whether a spare log is worth making now (none yet, and preallocation has not failed before). */
    @GuardedBy("mutex")
    public boolean wantsSpare() {
        return spareLog == null && !preallocationFailed;
    }

    /**
     * Creates the next log ahead of time, as large as a memtable's worth of records and durable with its name, so
     * that a switch takes it at once and the log's fsyncs overwrite allocated space (cheaper than appending). The
     * mutex is released during the I/O; {@code closing} says afterwards whether the database is going away.
     */
    @GuardedBy("mutex")
    public void prepareSpare(BooleanSupplier closing) {
        long number = newFileNumber.getAsLong();
        Path path = DbFiles.log(dir, number);
        LogWriter made = null;
        mutex.unlock();
        try {
            made = new LogWriter(fs.createPreallocated(path, preallocatedSize));
        } catch (IOException | RuntimeException e) {
            warn.accept("could not preallocate " + path.getFileName() + " (" + e + "); logs are created empty from now on");
            try {
                fs.delete(path);
            } catch (IOException ignored) {
                // an empty or partial log of zeros is harmless: replay reads nothing from it
            }
        } finally {
            mutex.lock();
        }
        if (made == null) {
            preallocationFailed = true;
        } else if (closing.getAsBoolean()) {
            discard(made, path);
        } else if (number < logNumber) {
            discard(made, path); // a switch came first; a log must be numbered after the one it follows
        } else {
            spareLog = made;
            spareLogNumber = number;
        }
    }

    /** The file name of the spare log, or empty. */
    @GuardedBy("mutex")
    public String spareName() {
        return spareLog == null ? "" : DbFiles.logName(spareLogNumber);
    }

    /**
     * Bytes written to log {@code number} while this manager still writes or holds it (the current or the previous
     * log), else -1. Such a file may be longer than its data (a mapped or preallocated log has zeros past it) and is
     * cut to its data when closed, so its data size is what a copy may read.
     */
    @GuardedBy("mutex")
    public long openLogSize(long number) {
        if (log != null && number == logNumber) {
            return log.size();
        }
        return previousLog != null && number == previousLogNumber ? previousLog.size() : -1;
    }

    /** Bytes written to the current log. */
    @GuardedBy("mutex")
    public long currentSize() {
        return log == null ? 0 : log.size();
    }

    /** Drops the spare and makes every log durable, then closes the current one. */
    @GuardedBy("mutex")
    public void close() throws IOException {
        if (spareLog != null) {
            discard(spareLog, DbFiles.log(dir, spareLogNumber));
            spareLog = null;
        }
        if (log != null) {
            makeDurable();
            log.sync();
            log.close();
        }
    }

    private void discard(LogWriter spare, Path path) {
        try {
            spare.close();
            fs.delete(path);
        } catch (IOException ignored) {
            // a log of zeros left behind is harmless: replay reads nothing from it, and it is deleted after recovery
        }
    }
}
