package lsmdb.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file system for tests that fails on demand and simulates power loss (LevelDB's fault-injection Env).
 *
 * <p>What survives {@link #dropUnsyncedData()}: of each file written through this layer, the bytes up to its
 * last {@code sync()}; a file created since the last {@code syncDirectory} of its directory disappears (its name was
 * never made durable). Files that existed before are kept whole. A rename carries the file's state to the new name.
 *
 * <p>Failures: {@link #failWritesAfter(long)} makes every mutation (append, create, rename, delete) after the first
 * {@code n} throw; {@link #failSyncsAfter(long)} does the same for file and directory syncs; {@link #setDiskFull}
 * makes appends fail as a full disk does. {@link #reset()} clears the failures, not the durability state.
 */
public final class FaultInjectingFileSystem implements FileSystem {

    private final FileSystem base;
    private final Map<Path, FileState> states = new ConcurrentHashMap<>();
    private final AtomicLong mutations = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private volatile long mutationLimit = Long.MAX_VALUE;
    private volatile long syncLimit = Long.MAX_VALUE;
    private volatile boolean diskFull;

    /** What is durable of one file written through this layer. */
    private static final class FileState {
        volatile long synced;
        volatile boolean nameDurable;
    }

    public FaultInjectingFileSystem(FileSystem base) {
        this.base = base;
    }

    public void failWritesAfter(long n) {
        mutations.set(0);
        mutationLimit = n;
    }

    public void failSyncsAfter(long n) {
        syncs.set(0);
        syncLimit = n;
    }

    public void setDiskFull(boolean full) {
        diskFull = full;
    }

    public void reset() {
        mutationLimit = Long.MAX_VALUE;
        syncLimit = Long.MAX_VALUE;
        diskFull = false;
    }

    public long mutationCount() {
        return mutations.get();
    }

    public long syncCount() {
        return syncs.get();
    }

    /** Simulates a power loss: every file falls back to what was made durable. */
    public synchronized void dropUnsyncedData() {
        for (Map.Entry<Path, FileState> e : states.entrySet()) {
            Path p = e.getKey();
            FileState s = e.getValue();
            try {
                if (!s.nameDurable) {
                    base.delete(p);
                } else if (base.exists(p) && base.size(p) > s.synced) {
                    truncate(p, s.synced);
                }
            } catch (IOException ex) {
                throw new IllegalStateException("cannot simulate power loss on " + p, ex);
            }
        }
        states.clear();
    }

    private void truncate(Path p, long length) throws IOException {
        if (base instanceof MemFileSystem mem) {
            mem.truncate(p, length);
            return;
        }
        byte[] keep = new byte[(int) length];
        try (ReadableFile r = base.openForRead(p)) {
            r.readFully(0, keep, 0, keep.length);
        }
        try (WritableFile w = base.create(p)) {
            w.append(keep);
            w.sync();
        }
    }

    private void mutation(String what, Path p) throws IOException {
        if (mutations.incrementAndGet() > mutationLimit) {
            throw new IOException("injected failure: " + what + " " + p);
        }
    }

    private void countSync(String what, Path p) throws IOException {
        if (syncs.incrementAndGet() > syncLimit) {
            throw new IOException("injected failure: " + what + " " + p);
        }
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        mutation("create", path);
        Path k = key(path);
        FileState state = new FileState();
        WritableFile f = base.create(path);
        states.put(k, state);
        return new WritableFile() {
            @Override
            public void append(byte[] data, int offset, int length) throws IOException {
                if (diskFull) {
                    throw new IOException("No space left on device: " + path);
                }
                mutation("append to", path);
                f.append(data, offset, length);
            }

            @Override
            public void flush() throws IOException {
                f.flush();
            }

            @Override
            public void sync() throws IOException {
                countSync("sync of", path);
                f.sync();
                state.synced = f.size();
            }

            @Override
            public long size() {
                return f.size();
            }

            @Override
            public void close() throws IOException {
                f.close();
            }
        };
    }

    @Override
    public ReadableFile openForRead(Path path) throws IOException {
        return base.openForRead(path);
    }

    @Override
    public boolean exists(Path path) {
        return base.exists(path);
    }

    @Override
    public long size(Path path) throws IOException {
        return base.size(path);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return base.list(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        mutation("delete", path);
        base.delete(path);
        states.remove(key(path));
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        mutation("rename", from);
        base.rename(from, to);
        FileState s = states.remove(key(from));
        if (s != null) {
            states.put(key(to), s);
        } else {
            states.remove(key(to));
        }
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        base.createDirectories(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        countSync("sync of directory", dir);
        base.syncDirectory(dir);
        Path d = key(dir);
        for (Map.Entry<Path, FileState> e : states.entrySet()) {
            if (d.equals(e.getKey().getParent())) {
                e.getValue().nameDurable = true;
            }
        }
    }

    @Override
    public FileLock lock(Path lockFile) throws IOException {
        return base.lock(lockFile);
    }
}
