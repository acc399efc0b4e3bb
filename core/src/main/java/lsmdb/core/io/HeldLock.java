package lsmdb.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A database directory's {@code LOCK} file held with an OS file lock, which also keeps out the rest of this JVM. */
final class HeldLock implements FileLock {
    /** OS file locks are per process, so opens within this JVM are excluded here. */
    private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final java.nio.channels.FileLock osLock;
    private final Path key;
    private boolean closed;

    private HeldLock(FileChannel channel, java.nio.channels.FileLock osLock, Path key) {
        this.channel = channel;
        this.osLock = osLock;
        this.key = key;
    }

    /** Locks {@code lockFile} for this process: refused while this JVM or another process holds it. */
    static FileLock acquire(Path lockFile) throws IOException {
        // an interrupted caller's channel would close at tryLock: the flag waits until the lock is taken
        boolean interrupted = Thread.interrupted();
        try {
            return acquireUninterrupted(lockFile);
        } finally {
            ReopeningChannel.restore(interrupted);
        }
    }

    private static FileLock acquireUninterrupted(Path lockFile) throws IOException {
        Path dir = lockFile.toAbsolutePath().normalize().getParent();
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        Path key;
        try {
            key = lockFile.toRealPath();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (!LOCKED_IN_THIS_JVM.add(key)) {
            channel.close();
            throw inUse(dir);
        }
        java.nio.channels.FileLock osLock;
        try {
            osLock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            osLock = null;
        } catch (IOException | RuntimeException e) {
            LOCKED_IN_THIS_JVM.remove(key);
            channel.close();
            throw e;
        }
        if (osLock == null) {
            LOCKED_IN_THIS_JVM.remove(key);
            channel.close();
            throw inUse(dir);
        }
        return new HeldLock(channel, osLock, key);
    }

    private static IOException inUse(Path dir) {
        return new IOException("database directory " + dir
                + " is in use by another process or already open in this JVM");
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = Thread.interrupted(); // as in acquire: released, not failed, by an interrupted closer
        try {
            osLock.release();
        } finally {
            ReopeningChannel.restore(interrupted);
            channel.close();
            LOCKED_IN_THIS_JVM.remove(key);
        }
    }
}
