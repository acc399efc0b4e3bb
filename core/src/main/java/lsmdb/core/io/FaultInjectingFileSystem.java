package lsmdb.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a file system to test crash safety (after LevelDB's fault-injection env): it can fail appends,
 * syncs, deletes and renames on demand, and {@link #dropUnsyncedData()} simulates a power loss.
 *
 * <h2>What survives a power loss</h2>
 * Each file written through this wrapper is tracked as an inode. Its durable length is the length it had at
 * its last successful {@link WritableFile#sync()} (0 if never synced). Each directory has a durable
 * namespace: name → inode, replaced by the live namespace of that directory at each
 * {@link #syncDirectory}. On {@link #dropUnsyncedData()} every tracked name is set back to its durable
 * namespace entry holding the durable prefix of that inode: a file created but whose directory was never
 * synced disappears; an unsynced rename is undone; an unsynced delete is undone (the deleted inode's bytes are
 * saved at delete time for that purpose); a file's unsynced tail is cut off. Files that existed before
 * this wrapper first touched them count as fully durable. {@link #createDirectories} is durable at once.
 * Writers opened before the drop fail afterwards, as the process that held them is gone.
 *
 * <p>Failure counters count {@link WritableFile#append} and {@link WritableFile#sync} calls (directory
 * syncs are not counted). A failed append writes nothing; a failed sync makes nothing durable.
 */
public final class FaultInjectingFileSystem extends ForwardingFileSystem {

    private final Map<Path, Inode> live = new HashMap<>();
    private final Map<Path, Inode> durable = new HashMap<>();
    private final AtomicInteger appends = new AtomicInteger();
    private final AtomicInteger syncs = new AtomicInteger();
    private volatile int appendsAllowed = Integer.MAX_VALUE;
    private volatile int syncsAllowed = Integer.MAX_VALUE;
    private volatile boolean diskFull;
    /** Bytes the files written through this wrapper may hold in all; appends beyond fail as on a full disk. */
    private volatile long spaceLimit = Long.MAX_VALUE;
    private volatile boolean failDeletes;
    private volatile boolean failRenames;
    private int generation;

    public FaultInjectingFileSystem(FileSystem target) {
        super(target);
    }

    /** Tracked (and failed) like {@link #create}: a log made ahead of its data gets no faults of its own here. */
    @Override
    public WritableFile createPreallocatedOnSync(Path path, long step) throws IOException {
        return create(path);
    }

    /** Tracked (and failed) like {@link #create}, not mapped past the injected faults. */
    @Override
    public WritableFile createMapped(Path path, int region) throws IOException {
        return create(path);
    }

    /** A file's identity, surviving renames. */
    private static final class Inode {
        long syncedLength;
        /** The durable prefix, kept once no live name refers to this inode any more. */
        byte[] savedDurableBytes;
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** Registers a file that exists but was not written through this wrapper as fully durable. */
    private Inode track(Path key) throws IOException {
        Inode inode = live.get(key);
        if (inode == null && target.exists(key) && !durable.containsKey(key)) {
            inode = new Inode();
            inode.syncedLength = target.size(key);
            live.put(key, inode);
            durable.put(key, inode);
        }
        return inode;
    }

    /** Before {@code key}'s inode loses its live name, keeps its durable bytes if a durable name still needs them. */
    private void saveIfStillDurable(Path key, Inode inode) throws IOException {
        if (inode == null || inode.savedDurableBytes != null || !durable.containsValue(inode)) {
            return;
        }
        inode.savedDurableBytes = readPrefix(key, inode.syncedLength);
    }

    private byte[] readPrefix(Path key, long length) throws IOException {
        long available = target.exists(key) ? target.size(key) : 0;
        byte[] bytes = new byte[(int) Math.min(length, available)];
        if (bytes.length > 0) {
            try (ReadableFile in = target.openForRead(key)) {
                in.readFully(0, bytes, 0, bytes.length);
            }
        }
        return bytes;
    }

    @Override
    public synchronized WritableFile create(Path path) throws IOException {
        Path key = key(path);
        saveIfStillDurable(key, track(key));
        WritableFile file = target.create(path);
        Inode inode = new Inode();
        live.put(key, inode);
        return new FaultyWriter(file, path, inode, generation);
    }

    /**
     * Preallocates through the target when the space limit allows; otherwise fills what space is left with zeros
     * and fails, leaving that partial file behind, as a real disk does.
     */
    @Override
    public WritableFile createPreallocated(Path path, long size) throws IOException {
        if (spaceLimit == Long.MAX_VALUE) {
            return wrapPreallocated(path, size);
        }
        synchronized (this) {
            long free = spaceLimit - usedSpace();
            if (size <= free) {
                return wrapPreallocated(path, size);
            }
            try (WritableFile partial = create(path)) {
                byte[] zeros = new byte[(int) Math.min(Math.max(free, 0), 1 << 16)];
                for (long left = free; left > 0; left -= zeros.length) {
                    partial.append(zeros, 0, (int) Math.min(left, zeros.length));
                }
            } catch (IOException ignored) {
                // the disk filled while writing zeros: the partial file stays, as it would
            }
            throw new IOException("No space left on device (preallocating " + size + " bytes for " + path + ")");
        }
    }

    /** As the contract says: the file comes back sized (when the target preallocates) with a durable name. */
    private synchronized WritableFile wrapPreallocated(Path path, long size) throws IOException {
        Path key = key(path);
        saveIfStillDurable(key, track(key));
        WritableFile file = target.createPreallocated(path, size);
        Inode inode = new Inode();
        inode.syncedLength = target.size(path); // the zeros, synced by the target before it returns
        live.put(key, inode);
        syncDirectory(path.toAbsolutePath().getParent()); // record the durable name here too
        return new FaultyWriter(file, path, inode, generation);
    }

    /** The bytes held by files this wrapper knows of (written through it, or found and tracked). */
    public synchronized long usedSpace() throws IOException {
        long used = 0;
        for (Path p : live.keySet()) {
            if (target.exists(p)) {
                used += target.size(p);
            }
        }
        return used;
    }

    /** Limits the bytes all files written through this wrapper may hold; {@code Long.MAX_VALUE} for no limit. */
    public void setSpaceLimit(long bytes) {
        spaceLimit = bytes;
    }

    @Override
    public synchronized void delete(Path path) throws IOException {
        if (failDeletes) {
            throw new IOException("injected failure deleting " + path);
        }
        Path key = key(path);
        saveIfStillDurable(key, track(key));
        target.delete(path);
        live.remove(key);
    }

    @Override
    public synchronized void rename(Path from, Path to) throws IOException {
        if (failRenames) {
            throw new IOException("injected failure renaming " + from + " to " + to);
        }
        Path fromKey = key(from);
        Path toKey = key(to);
        Inode moving = track(fromKey);
        saveIfStillDurable(toKey, track(toKey));
        target.rename(from, to);
        live.remove(toKey);
        live.remove(fromKey);
        if (moving != null) {
            live.put(toKey, moving);
        }
    }

    @Override
    public synchronized void syncDirectory(Path dir) throws IOException {
        target.syncDirectory(dir);
        Path dirKey = key(dir);
        durable.keySet().removeIf(p -> dirKey.equals(p.getParent()) && !live.containsKey(p));
        for (Map.Entry<Path, Inode> e : live.entrySet()) {
            if (dirKey.equals(e.getKey().getParent())) {
                durable.put(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Simulates a power loss: every tracked file name reverts to what was durable (see the class comment).
     * Afterwards the wrapper behaves as a freshly mounted disk with those contents.
     */
    public synchronized void dropUnsyncedData() throws IOException {
        generation++;
        Map<Inode, byte[]> contents = new IdentityHashMap<>();
        Map<Inode, Path> liveNameOf = new IdentityHashMap<>();
        live.forEach((p, inode) -> liveNameOf.putIfAbsent(inode, p));
        for (Inode inode : durable.values()) {
            if (contents.containsKey(inode)) {
                continue;
            }
            Path name = liveNameOf.get(inode);
            contents.put(inode, name != null ? readPrefix(name, inode.syncedLength) : inode.savedDurableBytes);
        }
        for (Path p : new ArrayList<>(live.keySet())) {
            target.delete(p);
        }
        live.clear();
        Map<Inode, Inode> survivor = new IdentityHashMap<>();
        for (Map.Entry<Path, Inode> e : durable.entrySet()) {
            byte[] bytes = contents.get(e.getValue());
            try (WritableFile out = target.create(e.getKey())) {
                out.append(bytes);
                out.sync();
            }
            Inode fresh = survivor.computeIfAbsent(e.getValue(), old -> new Inode());
            fresh.syncedLength = bytes.length;
            live.put(e.getKey(), fresh);
        }
        durable.clear();
        durable.putAll(live);
    }

    /** The (n+1)-th append from now on, and every one after it, throws. */
    public void failWritesAfter(int n) {
        appends.set(0);
        appendsAllowed = n;
    }

    /** The (n+1)-th file sync from now on, and every one after it, throws. */
    public void failSyncsAfter(int n) {
        syncs.set(0);
        syncsAllowed = n;
    }

    /** While set, every append throws "No space left on device". */
    public void setDiskFull(boolean full) {
        diskFull = full;
    }

    public void setFailDeletes(boolean fail) {
        failDeletes = fail;
    }

    public void setFailRenames(boolean fail) {
        failRenames = fail;
    }

    /** Clears every injected failure (the durable state is kept). */
    public void reset() {
        appendsAllowed = Integer.MAX_VALUE;
        syncsAllowed = Integer.MAX_VALUE;
        diskFull = false;
        spaceLimit = Long.MAX_VALUE;
        failDeletes = false;
        failRenames = false;
    }

    /** Appends attempted since creation or the last {@link #failWritesAfter}. */
    public int appendCount() {
        return appends.get();
    }

    /** File syncs attempted since creation or the last {@link #failSyncsAfter}. */
    public int syncCount() {
        return syncs.get();
    }

    private final class FaultyWriter implements WritableFile {
        private final WritableFile file;
        private final Path path;
        private final Inode inode;
        private final int openedInGeneration;

        FaultyWriter(WritableFile file, Path path, Inode inode, int generation) {
            this.file = file;
            this.path = path;
            this.inode = inode;
            this.openedInGeneration = generation;
        }

        private void checkAlive() throws IOException {
            synchronized (FaultInjectingFileSystem.this) {
                if (generation != openedInGeneration) {
                    throw new IOException("file was open across a simulated power loss");
                }
            }
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            checkAlive();
            if (appends.incrementAndGet() > appendsAllowed) {
                throw new IOException("injected write failure");
            }
            if (diskFull) {
                throw new IOException("No space left on device");
            }
            if (spaceLimit != Long.MAX_VALUE) {
                synchronized (FaultInjectingFileSystem.this) {
                    // a preallocated file grows only when written past its allocated end
                    long onDisk = target.exists(path) ? target.size(path) : 0;
                    long growth = Math.max(0, file.size() + length - Math.max(file.size(), onDisk));
                    if (usedSpace() + growth > spaceLimit) {
                        throw new IOException("No space left on device");
                    }
                    file.append(data, offset, length);
                }
                return;
            }
            file.append(data, offset, length);
        }

        @Override
        public void flush() throws IOException {
            checkAlive();
            file.flush();
        }

        @Override
        public void sync() throws IOException {
            checkAlive();
            if (syncs.incrementAndGet() > syncsAllowed) {
                throw new IOException("injected sync failure");
            }
            file.sync();
            synchronized (FaultInjectingFileSystem.this) {
                if (generation == openedInGeneration) {
                    inode.syncedLength = file.size();
                }
            }
        }

        @Override
        public long size() {
            return file.size();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
