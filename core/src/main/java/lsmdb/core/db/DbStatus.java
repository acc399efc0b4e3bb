package lsmdb.core.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Whether the database is open, closing or closed, and the first failure that stopped its writes. Read by every
 * thread without a lock (the fields are volatile); changed under the database's mutex.
 */
public final class DbStatus {

    private final Path dir;
    private final InfoLog infoLog;
    /** Set when close begins: background threads stop, new operations are refused. */
    private volatile boolean shuttingDown;
    private volatile boolean closed;
    /** Set by the first failed write or background error; writes fail from then on. */
    private volatile IOException backgroundError;

    public DbStatus(Path dir, InfoLog infoLog) {
        this.dir = dir;
        this.infoLog = infoLog;
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    public boolean closed() {
        return closed;
    }

    public boolean failed() {
        return backgroundError != null;
    }

    public void beginShutdown() {
        shuttingDown = true;
    }

    public void markClosed() {
        closed = true;
    }

    public void checkOpen() throws IOException {
        if (closed || shuttingDown) {
            throw new IOException("database is closed: " + dir);
        }
    }

    /** For operations that return no checked exception (snapshots, iterators). */
    public void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("database is closed: " + dir);
        }
    }

    /** Refuses a write after an earlier failure, or once the database is closing. */
    public void checkWritable() throws IOException {
        IOException e = backgroundError;
        if (e != null) {
            String what = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new IOException("database " + dir + " refuses writes after an earlier failure: " + what, e);
        }
        checkOpen();
    }

    /** Throws if a background failure happened or the database closed while the caller waited. */
    public void throwIfFailed() throws IOException {
        IOException e = backgroundError;
        if (e != null) {
            throw new IOException("database " + dir + " failed in the background: " + e.getMessage(), e);
        }
        checkOpen();
    }

    /** Records the first failure; the database refuses writes from then on. REQUIRES: mutex held. */
    public IOException recordFailure(String what, Exception e) {
        IOException io = e instanceof IOException x ? x
                : e instanceof UncheckedIOException u ? u.getCause() : new IOException(e.toString(), e);
        if (backgroundError == null) {
            backgroundError = io;
            infoLog.error(what + " failed; the database refuses writes until reopened: " + e);
        }
        return io;
    }
}
