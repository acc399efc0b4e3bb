package lsmdb.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.cache.TableCache;
import lsmdb.core.compaction.Compaction;
import lsmdb.core.compaction.CompactionJob;
import lsmdb.core.compaction.CompactionPicker;
import lsmdb.core.compaction.TableOutput;
import lsmdb.core.io.FileLock;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.PinningFileSystem;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.iterator.LevelIterator;
import lsmdb.core.iterator.MergingIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.sstable.Table;
import lsmdb.core.util.Hex;
import lsmdb.core.format.DbFiles;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.RangeTombstone;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;
import lsmdb.core.wal.LogWriter;

/**
 * The engine behind {@link LsmDb}: the write path (a queue of writers whose leader commits a group of batches
 * with one WAL append and at most one fsync, then applies them to the memtable), the read path (memtable,
 * immutable memtable, then tables level by level), and the background flush and compaction threads. Opening
 * (MANIFEST, log replay, the new log and MANIFEST) is {@link Recovery}'s.
 *
 * <p>Locking: {@code mutex} guards the writer queue, the memtable switch, the {@link VersionSet} and the
 * background scheduling state. Readers take no lock: they read the volatile {@link #memState} and
 * {@link #lastSequence}, then pin the current version.
 */
final class DbImpl {

    /** The memtables readers consult, swapped as one value so a reader never misses one mid-flush. */
    /**
     * The memtables readers see. {@code floor}: every write with a sequence at or above it is in {@code mem} or
     * {@code imm}, so a question about writes after a recent snapshot needs no table (0 when unknown).
     */
    private record MemState(MemTable mem, MemTable imm, long floor) {
    }

    /** One queued write. */
    private static final class Writer {
        final WriteBatch batch;
        final boolean sync;
        final Snapshot conflictCheck;
        /** Parked while queued; woken (not through the mutex) when its batch is done or it reaches the head. */
        final Thread thread = Thread.currentThread();
        volatile boolean done;
        /** Set once the writer is at the head of the queue and must lead a group. */
        volatile boolean turn;
        IOException error;

        Writer(WriteBatch batch, boolean sync, Snapshot conflictCheck) {
            this.batch = batch;
            this.sync = sync;
            this.conflictCheck = conflictCheck;
        }
    }

    /** A group grows up to this many bytes, so one slow fsync does not hold many writers' latency hostage. */
    private static final int MAX_GROUP_BYTES = 1 << 20;
    /** How deep a flushed memtable may be placed when nothing overlaps it (LevelDB's kMaxMemCompactLevel). */
    private static final int MAX_MEM_COMPACT_LEVEL = 2;

    private final Path dir;
    private final Options options;
    private final FileSystem fs;
    /** Null for a read-only open, which takes no lock. */
    private final FileLock lock;
    /** For a read-only open: its logs and tables, held open so a writer appending or deleting breaks nothing. */
    private final PinningFileSystem pinnedFiles;
    /** For a read-only open: the logs it replayed (all pinned). */
    private List<Long> replayedLogs = List.of();
    private final InfoLog infoLog;
    private final VersionSet versions;
    private final BlockCache blockCache;
    private final TableCache tableCache;
    private final CompactionPicker picker;
    private final SnapshotList snapshots = new SnapshotList();
    private final DbStats stats = new DbStats();

    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition writersCond = mutex.newCondition();
    /** Signalled when a writer joins the queue while a durable group's leader is gathering. */
    private final Condition arrivalCond = mutex.newCondition();
    /** While a durable group's leader gathers: the queue length it waits for (0 otherwise). */
    private int gatherTarget;
    /** Sizes of the last durable groups: how many writers usually share an fsync. REQUIRES: mutex. */
    private final int[] recentSyncGroups = new int[8];
    private int recentSyncGroupIndex;
    private final Condition bgCond = mutex.newCondition();
    private final ArrayDeque<Writer> writers = new ArrayDeque<>();
    private final Set<Long> pendingOutputs = new HashSet<>();
    /** Logs a running checkpoint still copies (a number per checkpoint holding it). REQUIRES: mutex. */
    private final List<Long> checkpointLogs = new ArrayList<>();

    private volatile MemState memState;
    private volatile long lastSequence;
    /** The first sequence of the live memtable's entries: range tombstones older than it may retire. */
    private long memFirstSequence;
    private LogWriter log;
    private long logNumber;
    /**
     * The log of the immutable memtable, left unsynced by the switch: only a synced write needs it durable first
     * (so that survivors of a power loss stay a prefix), and once its memtable is flushed nobody does.
     */
    private LogWriter previousLog;
    /** Whether the current log's directory entry has been synced (needed before a synced write relies on it). */
    private boolean logNameDurable;
    /** The next log, already sized and durable, made by the flush thread ahead of the switch that takes it. */
    private LogWriter spareLog;
    private long spareLogNumber;
    /** Set once preallocation failed (a full disk, say): logs are then created empty, as before. */
    private boolean preallocationFailed;
    private byte[] walScratch = new byte[4096];

    private Thread flushThread;
    private Thread compactionThread;
    private boolean compactionScheduled;
    private boolean compactionRunning;
    private ManualCompaction manual;
    private volatile boolean shuttingDown;
    private volatile boolean closed;
    /** Set by the first failed write or background error; writes fail from then on. */
    private volatile IOException backgroundError;

    /** A compactRange step; {@code bottommost} rewrites the level in place to drop what nothing can see. */
    private static final class ManualCompaction {
        final int level;
        final byte[] from;
        final byte[] to;
        final boolean bottommost;
        boolean ran;
        /** Where the step wrote, once it ran (level 0's output is the base level, not always level 1). */
        int outputLevel = -1;

        ManualCompaction(int level, byte[] from, byte[] to, boolean bottommost) {
            this.level = level;
            this.from = from;
            this.to = to;
            this.bottommost = bottommost;
        }
    }

    private DbImpl(Path dir, Options options, FileSystem fs, FileLock lock, InfoLog infoLog) {
        this.dir = dir;
        this.options = options;
        this.fs = fs;
        this.pinnedFiles = fs instanceof PinningFileSystem p ? p : null;
        this.lock = lock;
        this.infoLog = infoLog;
        this.versions = new VersionSet(dir, fs, infoLog);
        versions.shareMutex(mutex);
        this.blockCache = new BlockCache(options.blockCacheSize());
        this.tableCache = new TableCache(fs, dir, options, blockCache);
        this.picker = new CompactionPicker(options);
    }

    // ---------------------------------------------------------------- open and recovery

    static DbImpl open(Path dir, Options options) throws IOException {
        FileSystem fs = options.fileSystem();
        if (!fs.exists(dir.resolve(DbFiles.CURRENT))) {
            if (!options.createIfMissing()) {
                throw new NoSuchFileException(dir.toString(), null, "no database here (and createIfMissing is off)");
            }
            if (options.readOnly()) {
                throw new NoSuchFileException(dir.toString(), null, "no database here to open read-only");
            }
        }
        if (options.readOnly()) {
            return openReadOnly(dir, options);
        }
        fs.createDirectories(dir);
        FileLock lock = fs.lock(dir.resolve(DbFiles.LOCK));
        InfoLog infoLog = new InfoLog(fs, dir, options.readOnly());
        DbImpl db = new DbImpl(dir, options, fs, lock, infoLog);
        try {
            db.recover();
        } catch (IOException | RuntimeException e) {
            infoLog.error("open failed: " + e);
            db.releaseResources();
            throw e;
        }
        return db;
    }

    /** How often a read-only open reads the directory again after a writer changed it under it. */
    private static final int READ_ONLY_OPEN_ATTEMPTS = 10;

    /**
     * Opens the database as it is now without writing anything (SPEC §2), even while another process writes it, as
     * RocksDB's read-only open does: no LOCK, no LOG rotation; CURRENT, the MANIFEST and the logs are read, and the
     * tables of the resulting version are held open. A writer may replace the MANIFEST or delete a log or table
     * between these reads; the open then starts again from CURRENT.
     */
    private static DbImpl openReadOnly(Path dir, Options options) throws IOException {
        for (int attempt = 1; ; attempt++) {
            PinningFileSystem pinned = new PinningFileSystem(options.fileSystem());
            DbImpl db = new DbImpl(dir, options, pinned, null, InfoLog.discarding());
            try {
                db.recover();
                return db;
            } catch (NoSuchFileException | CorruptionException e) {
                db.releaseResources();
                if (attempt >= READ_ONLY_OPEN_ATTEMPTS) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                db.releaseResources();
                throw e;
            }
        }
    }

    private void recover() throws IOException {
        infoLog.accept("opening " + dir + " with " + options);
        mutex.lock();
        try {
            Recovery.Result r = new Recovery(dir, options, fs, pinnedFiles, infoLog, stats, versions)
                    .run(preallocatedLogSize());
            lastSequence = r.lastSequence();
            if (pinnedFiles != null) {
                replayedLogs = r.replayedLogs();
            }
            if (options.readOnly()) {
                memState = new MemState(r.mem(), null, 0);
                memFirstSequence = 0;
                return;
            }
            memFirstSequence = r.lastSequence() + 1;
            log = r.log();
            logNumber = r.logNumber();
            logNameDurable = true;
            memState = new MemState(r.mem(), null, memFirstSequence);
            pendingOutputs.clear();
            deleteObsoleteFiles();
            infoLog.accept("opened: last sequence " + lastSequence + ", log " + DbFiles.logName(logNumber));
        } finally {
            mutex.unlock();
        }
        startBackgroundThreads();
        mutex.lock();
        try {
            maybeScheduleCompaction();
        } finally {
            mutex.unlock();
        }
    }

    private void startBackgroundThreads() {
        flushThread = new Thread(this::flushLoop, "lsmdb-flush " + dir.getFileName());
        compactionThread = new Thread(this::compactionLoop, "lsmdb-compaction " + dir.getFileName());
        flushThread.setDaemon(true);
        compactionThread.setDaemon(true);
        flushThread.start();
        compactionThread.start();
    }

    Options options() {
        return options;
    }

    Path directory() {
        return dir;
    }

    // ---------------------------------------------------------------- writes

    void write(WriteBatch batch, boolean sync) throws IOException {
        write(batch, sync, null);
    }

    void write(WriteBatch batch, boolean sync, Snapshot conflictCheck) throws IOException {
        checkOpen();
        if (options.readOnly()) {
            throw new ReadOnlyException("database " + dir + " is open read-only");
        }
        if (conflictCheck != null && conflictCheck.isClosed()) {
            throw new IllegalStateException("snapshot is closed");
        }
        if (batch.isEmpty()) {
            return;
        }
        Writer w = new Writer(batch, sync, conflictCheck);
        mutex.lock();
        try {
            writers.addLast(w);
            if (gatherTarget > 0 && writers.size() >= gatherTarget) {
                arrivalCond.signal();
            }
            if (writers.peekFirst() == w) {
                lead(w);
            }
        } finally {
            mutex.unlock();
        }
        // Queued behind a leader: wait without the mutex, so that waking a finished group is cheap.
        boolean interrupted = false;
        while (!w.done) {
            if (w.turn) {
                mutex.lock();
                try {
                    if (!w.done) {
                        lead(w);
                    }
                } finally {
                    mutex.unlock();
                }
                break;
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true; // writes are not interruptible; the flag is restored below
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (w.error != null) {
            throw w.error;
        }
    }

    /** Wakes the writer now at the head of the queue to lead the next group. REQUIRES: mutex held. */
    private void wakeHead() {
        Writer head = writers.peekFirst();
        if (head != null && head.batch != null && !head.turn) {
            head.turn = true;
            LockSupport.unpark(head.thread);
        }
    }

    /** Commits a group of queued writers led by {@code leader}. REQUIRES: mutex held, leader at the queue head. */
    private void lead(Writer leader) {
        List<Writer> group = new ArrayList<>();
        try {
            makeRoomForWrite();
            if (leader.sync) {
                gatherDurableWriters();
            }
            int bytes = 0;
            boolean sync = leader.sync;
            List<Writer> candidates = new ArrayList<>();
            for (Writer w : writers) {
                if (w != leader && (w.batch == null || (w.sync && !leader.sync)
                        || bytes + w.batch.approximateSize() > MAX_GROUP_BYTES)) {
                    break;
                }
                candidates.add(w);
                bytes += w.batch.approximateSize();
            }
            // Conflict-checked writers join the group too (so durable transactions share fsyncs); each is checked
            // against the committed state and against the keys of the members committing before it.
            Set<ByteBuffer> written = null;
            for (Writer w : candidates) {
                if (w.conflictCheck != null) {
                    byte[] conflict = findConflict(w.batch, w.conflictCheck.sequence(), written);
                    if (conflict != null) {
                        w.error = new WriteConflictException("write conflict: key " + Hex.of(conflict)
                                + " was written by another transaction after this one's snapshot");
                        if (w != leader) {
                            writers.remove(w);
                            w.done = true;
                            LockSupport.unpark(w.thread);
                        }
                        continue;
                    }
                }
                group.add(w);
                if (candidates.size() > 1) {
                    if (written == null) {
                        written = new HashSet<>();
                    }
                    collectKeys(w.batch, written);
                }
            }
            if (group.isEmpty()) {
                return;
            }
            if (sync) {
                recentSyncGroups[recentSyncGroupIndex++ & (recentSyncGroups.length - 1)] = group.size();
            }
            if (sync) {
                makeLogsDurable();
            }
            long first = lastSequence + 1;
            MemTable mem = memState.mem();
            LogWriter wal = log;
            mutex.unlock();
            long next;
            List<RangeTombstone> tombstones = new ArrayList<>(0);
            try {
                next = appendToLog(wal, group, first, sync);
                applyToMemTable(group, first, mem, tombstones);
            } finally {
                mutex.lock();
            }
            if (!tombstones.isEmpty()) {
                if (!sync) {
                    // The MANIFEST record below is fsynced: the log records before it must be durable first, or a
                    // power loss keeps the range delete and loses earlier writes (no prefix of the history).
                    makeLogsDurable();
                    wal.sync();
                }
                VersionEdit edit = new VersionEdit();
                tombstones.forEach(edit::addTombstone);
                versions.setLastSequence(next - 1);
                versions.logAndApply(edit);
            }
            lastSequence = next - 1;
            stats.writeGroups.incrementAndGet();
            stats.writeBatches.addAndGet(group.size());
        } catch (IOException | RuntimeException e) {
            IOException io = e instanceof IOException x ? x : new IOException("write failed: " + e, e);
            recordBackgroundError("write to " + DbFiles.logName(logNumber), io);
            for (Writer w : group) {
                w.error = io;
            }
            leader.error = io;
        } finally {
            // The leader always leaves the queue, whatever happened; so does everyone it committed for.
            group.add(leader);
            for (Writer w : group) {
                writers.remove(w);
                w.done = true;
                if (w != leader) {
                    LockSupport.unpark(w.thread);
                }
            }
            wakeHead();
            writersCond.signalAll(); // flush() and close() wait for the queue here
        }
    }

    /**
     * Waits a little for durable writers that usually share an fsync but have not queued yet (they are still on
     * their way back from the previous commit), so that groups stay whole instead of alternating one writer and
     * the rest. Waits only while the recent groups were larger than the queue, and never longer than
     * {@link #GATHER_NANOS}, a fraction of one fsync. REQUIRES: mutex held.
     */
    private void gatherDurableWriters() {
        int expected = 0;
        for (int n : recentSyncGroups) {
            expected = Math.max(expected, n);
        }
        if (writers.size() >= expected) {
            return;
        }
        long deadline = System.nanoTime() + GATHER_NANOS;
        gatherTarget = expected;
        try {
            while (writers.size() < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    arrivalCond.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            gatherTarget = 0;
        }
    }

    private static final long GATHER_NANOS = 75_000;

    /** Appends each batch of the group to the WAL; one flush or fsync for all. Returns the next free sequence. */
    private long appendToLog(LogWriter log, List<Writer> group, long first, boolean sync) throws IOException {
        long seq = first;
        long bytes = 0;
        for (Writer w : group) {
            int n = w.batch.encodedSize();
            if (walScratch.length < n) {
                walScratch = new byte[Math.max(n, walScratch.length * 2)];
            }
            w.batch.encodeInto(seq, walScratch, 0);
            log.addRecord(walScratch, 0, n);
            seq += w.batch.count();
            bytes += n;
        }
        if (sync) {
            log.sync();
            stats.walSyncs.incrementAndGet();
        } else {
            log.flush();
        }
        stats.walBytes.addAndGet(bytes);
        return seq;
    }

    private static void applyToMemTable(List<Writer> group, long first, MemTable mem, List<RangeTombstone> tombstones) {
        long[] seq = {first};
        WriteBatch.Handler h = new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                mem.add(seq[0]++, InternalKey.KIND_PUT, key, value);
            }

            @Override
            public void delete(byte[] key) {
                mem.add(seq[0]++, InternalKey.KIND_DELETE, key, EMPTY);
            }

            @Override
            public void deleteRange(byte[] startKey, byte[] endKey) {
                tombstones.add(new RangeTombstone(seq[0]++, startKey, endKey));
            }
        };
        for (Writer w : group) {
            w.batch.forEach(h);
        }
    }

    private static final byte[] EMPTY = new byte[0];

    /**
     * The first key of {@code batch} written after {@code sequence}, or also in {@code pending} (keys an earlier
     * member of this group writes), or null. REQUIRES: mutex held, as leader.
     */
    private byte[] findConflict(WriteBatch batch, long sequence, Set<ByteBuffer> pending) throws IOException {
        byte[][] found = {null};
        IOException[] error = {null};
        batch.forEach(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                check(key);
            }

            @Override
            public void delete(byte[] key) {
                check(key);
            }

            @Override
            public void deleteRange(byte[] startKey, byte[] endKey) {
            }

            private void check(byte[] key) {
                if (found[0] != null || error[0] != null) {
                    return;
                }
                try {
                    if ((pending != null && pending.contains(ByteBuffer.wrap(key))) || changedAfter(key, sequence)) {
                        found[0] = key;
                    }
                } catch (IOException e) {
                    error[0] = e;
                }
            }
        });
        if (error[0] != null) {
            throw error[0];
        }
        return found[0];
    }

    private static void collectKeys(WriteBatch batch, Set<ByteBuffer> into) {
        batch.forEach(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                into.add(ByteBuffer.wrap(key));
            }

            @Override
            public void delete(byte[] key) {
                into.add(ByteBuffer.wrap(key));
            }

            @Override
            public void deleteRange(byte[] startKey, byte[] endKey) {
            }
        });
    }

    /** The sequence of the newest version (put or delete) of {@code key}, or -1. */
    /** Whether {@code key}'s newest version (or tombstone) has a sequence above {@code sequence}. */
    private boolean changedAfter(byte[] key, long sequence) throws IOException {
        MemState ms = memState;
        MemTable.Lookup l = ms.mem().get(key, InternalKey.MAX_SEQUENCE);
        if (l == null && ms.imm() != null) {
            l = ms.imm().get(key, InternalKey.MAX_SEQUENCE);
        }
        if (l != null) {
            return l.sequence() > sequence;
        }
        if (ms.floor() > 0 && sequence + 1 >= ms.floor()) {
            return false; // every write after the snapshot is in a memtable, and none touched the key
        }
        Version v = versions.refCurrent();
        try {
            Table.Entry e = v.get(InternalKey.forSeek(key, InternalKey.MAX_SEQUENCE), tableCache);
            return e != null && InternalKey.sequence(e.key()) > sequence;
        } finally {
            v.unref();
        }
    }

    boolean changedSince(byte[] key, Snapshot snapshot) throws IOException {
        checkOpen();
        return changedAfter(key, snapshot.sequence());
    }

    /**
     * Makes room in the memtable for the next group: slows writers a little when level 0 grows, waits when the
     * previous memtable is still flushing or level 0 is full, and switches to a new memtable and WAL when this one
     * is full. REQUIRES: mutex held.
     */
    private void makeRoomForWrite() throws IOException {
        boolean allowDelay = true;
        for (;;) {
            if (backgroundError != null) {
                throw new IOException("database " + dir + " refuses writes after an earlier failure: "
                        + backgroundError.getMessage(), backgroundError);
            }
            checkOpen();
            int l0 = versions.current().numFiles(0);
            if (allowDelay && l0 >= options.l0SlowdownTrigger()) {
                // A 1 ms pause per write group spreads the wait over many writes instead of one long stop.
                long t = System.nanoTime();
                mutex.unlock();
                try {
                    TimeUnit.MILLISECONDS.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    mutex.lock();
                }
                if (stats.slowdowns.incrementAndGet() % 1000 == 1) {
                    infoLog.warn("writes slowed down: " + l0 + " level-0 files (slowdown at "
                            + options.l0SlowdownTrigger() + "); " + stats.slowdowns.get() + " slowdowns so far");
                }
                stats.stallMicros.addAndGet((System.nanoTime() - t) / 1000);
                allowDelay = false;
            } else if (memState.mem().approximateMemoryUsage() < options.writeBufferSize()) {
                return;
            } else if (memState.imm() != null || l0 >= options.l0StopTrigger()) {
                long t = System.nanoTime();
                stats.stops.incrementAndGet();
                maybeScheduleCompaction();
                bgCond.awaitUninterruptibly();
                long waited = (System.nanoTime() - t) / 1000;
                stats.stallMicros.addAndGet(waited);
                if (l0 >= options.l0StopTrigger() || waited >= 1_000_000) {
                    infoLog.warn("writes stopped for " + waited / 1000 + " ms: " + l0 + " level-0 files (stop at "
                            + options.l0StopTrigger() + ")" + (memState.imm() != null ? ", a memtable flushing" : ""));
                }
            } else {
                switchMemTable();
            }
        }
    }

    /** Freezes the memtable, starts a new one with a new WAL, and asks for a flush. REQUIRES: mutex held. */
    private void switchMemTable() throws IOException {
        long number;
        LogWriter newLog;
        boolean nameDurable;
        if (spareLog != null) { // numbered after the current log: prepareSpareLog discards it otherwise
            number = spareLogNumber;
            newLog = spareLog;
            nameDurable = true;
            spareLog = null;
        } else {
            number = versions.newFileNumber();
            newLog = new LogWriter(fs.create(DbFiles.log(dir, number)));
            nameDurable = false;
        }
        if (previousLog != null) {
            makeLogsDurable(); // not expected: the previous memtable's flush releases its log
        }
        // No fsync here, so writers do not wait for one at every switch: a synced write makes the old log and
        // the new log's name durable before its own record (makeLogsDurable); unsynced writes promise no more.
        previousLog = log;
        log = newLog;
        logNumber = number;
        logNameDurable = nameDurable;
        memState = new MemState(new MemTable(options.writeBufferSize()), memState.mem(), memFirstSequence);
        memFirstSequence = lastSequence + 1;
        bgCond.signalAll();
    }

    /** Makes everything written before the current log durable, and the current log's name. REQUIRES: mutex. */
    private void makeLogsDurable() throws IOException {
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

    // ---------------------------------------------------------------- reads

    byte[] get(byte[] key, Snapshot snapshot) throws IOException {
        checkOpen();
        long seq = snapshot == null ? lastSequence : snapshot.sequence();
        MemState ms = memState;
        MemTable.Lookup l = ms.mem().get(key, seq);
        if (l == null && ms.imm() != null) {
            l = ms.imm().get(key, seq);
        }
        if (l != null) {
            // A memtable hit reads no table file, so the version need not be pinned: its tombstone list is immutable.
            return visible(l.kind(), l.value(), key, l.sequence(), seq, versions.current());
        }
        Version v = versions.refCurrent();
        try {
            Table.Entry e = v.get(InternalKey.forSeek(key, seq), tableCache);
            return e == null ? null
                    : visible(InternalKey.kind(e.key()), e.value(), key, InternalKey.sequence(e.key()), seq, v);
        } finally {
            v.unref();
        }
    }

    /** The value of the newest version found, or null if it is a deletion or a range delete hides it. */
    private static byte[] visible(byte kind, byte[] value, byte[] key, long entrySeq, long readSeq, Version v) {
        if (kind != InternalKey.KIND_PUT || (!v.tombstones().isEmpty() && v.covers(key, entrySeq, readSeq))) {
            return null;
        }
        return value;
    }

    Snapshot snapshot() {
        if (closed) {
            throw new IllegalStateException("database is closed: " + dir);
        }
        return snapshots.acquire(lastSequence);
    }

    LsmIterator iterator(Snapshot snapshot, byte[] from, byte[] to) {
        if (closed) {
            throw new IllegalStateException("database is closed: " + dir);
        }
        if (snapshot != null && snapshot.isClosed()) {
            throw new IllegalStateException("snapshot is closed");
        }
        long seq = snapshot == null ? lastSequence : snapshot.sequence();
        MemState ms = memState;
        Version v = versions.refCurrent();
        List<InternalIterator> children = new ArrayList<>();
        try {
            children.add(ms.mem().iterator());
            if (ms.imm() != null) {
                children.add(ms.imm().iterator());
            }
            for (FileMetaData f : v.files(0)) {
                children.add(tableCache.iterator(f.number(), f.size()));
            }
            for (int level = 1; level < Version.NUM_LEVELS; level++) {
                List<FileMetaData> files = v.files(level);
                if (files.isEmpty()) {
                    continue;
                }
                List<byte[]> smallest = new ArrayList<>(files.size());
                List<byte[]> largest = new ArrayList<>(files.size());
                for (FileMetaData f : files) {
                    smallest.add(f.smallest());
                    largest.add(f.largest());
                }
                children.add(new LevelIterator(smallest, largest, i -> openTableIterator(files.get(i))));
            }
        } catch (IOException e) {
            children.forEach(InternalIterator::close);
            v.unref();
            throw new UncheckedIOException(e);
        }
        return new DbIterator(new MergingIterator(children), seq, from, to, v, v::unref);
    }

    private InternalIterator openTableIterator(FileMetaData f) {
        try {
            return tableCache.iterator(f.number(), f.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- background work

    private void flushLoop() {
        mutex.lock();
        try {
            while (!shuttingDown) {
                if (memState.imm() == null) {
                    // Only durable databases gain (their fsyncs overwrite instead of append); it costs disk space.
                    if (options.sync() && spareLog == null && !preallocationFailed && backgroundError == null) {
                        prepareSpareLog();
                        continue;
                    }
                    bgCond.awaitUninterruptibly();
                    continue;
                }
                try {
                    flushImmutable();
                } catch (IOException | RuntimeException e) {
                    recordBackgroundError("flush", e);
                    bgCond.signalAll();
                    return;
                }
                bgCond.signalAll();
                maybeScheduleCompaction();
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Creates the next log ahead of time, as large as a memtable's worth of records and durable with its name, so
     * that a switch takes it at once and the log's fsyncs overwrite allocated space (cheaper than appending).
     * REQUIRES: mutex held; released during the I/O.
     */
    private void prepareSpareLog() {
        long number = versions.newFileNumber();
        Path path = DbFiles.log(dir, number);
        LogWriter made = null;
        mutex.unlock();
        try {
            made = new LogWriter(fs.createPreallocated(path, preallocatedLogSize()));
        } catch (IOException | RuntimeException e) {
            infoLog.warn("could not preallocate " + path.getFileName() + " (" + e + "); logs are created empty from now on");
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
        } else if (shuttingDown || closed) {
            discardSpareLog(made, path);
        } else if (number < logNumber) {
            discardSpareLog(made, path); // a switch came first; a log must be numbered after the one it follows
        } else {
            spareLog = made;
            spareLogNumber = number;
        }
    }

    /**
     * Logs are preallocated in steps (grown a step ahead of the writer at its syncs): a quarter memtable, from
     * 64 KiB to 1 MiB, and never more than a memtable's worth and a quarter. A small database stays small (two
     * logs of a step each) while most fsyncs still overwrite allocated space.
     */
    private long preallocatedLogSize() {
        long wbs = options.writeBufferSize();
        return Math.min(wbs + (wbs >> 2), Math.max(64 << 10, Math.min(1 << 20, wbs >> 2)));
    }

    private void discardSpareLog(LogWriter spare, Path path) {
        try {
            spare.close();
            fs.delete(path);
        } catch (IOException ignored) {
            // a log of zeros left behind is harmless: replay reads nothing from it, and it is deleted after recovery
        }
    }

    /** The file name of the preallocated next log, or empty. */
    String spareLogName() {
        mutex.lock();
        try {
            return spareLog == null ? "" : DbFiles.logName(spareLogNumber);
        } finally {
            mutex.unlock();
        }
    }

    /** Writes the immutable memtable to a table, records it, and drops the WAL it replaces. REQUIRES: mutex. */
    private void flushImmutable() throws IOException {
        MemTable imm = memState.imm();
        long number = versions.newFileNumber();
        pendingOutputs.add(number);
        long logToKeep = logNumber;
        FileMetaData meta = null;
        mutex.unlock();
        try {
            if (!imm.isEmpty()) {
                meta = TableOutput.writeAll(fs, dir, number, options, imm.iterator());
                fs.syncDirectory(dir); // the table's name must be durable before the MANIFEST names it
            }
        } finally {
            mutex.lock();
        }
        versions.awaitManifestIdle(); // the level is picked from a current version that includes every edit
        VersionEdit edit = new VersionEdit().setLogNumber(logToKeep);
        int level = 0;
        if (meta != null) {
            level = pickLevelForFlush(meta);
            edit.addFile(level, meta);
        }
        versions.setLastSequence(lastSequence);
        versions.logAndApply(edit);
        pendingOutputs.remove(number);
        memState = new MemState(memState.mem(), null, memFirstSequence);
        if (previousLog != null) {
            previousLog.close(); // its records are in a synced table now; the log is deleted below
            previousLog = null;
        }
        if (meta != null) {
            stats.flushCount.incrementAndGet();
            stats.flushBytes.addAndGet(meta.size());
            infoLog.accept("flushed " + imm.entryCount() + " entries to " + DbFiles.tableName(number) + " at level "
                    + level + " (" + meta.size() + " bytes)");
        }
        retireRangeTombstones();
        deleteObsoleteFiles();
    }

    /**
     * Level 0, or deeper when nothing there overlaps the new table (sequential loads then skip compactions).
     * Never while a compaction runs, which may be writing into those levels. REQUIRES: mutex held.
     */
    private int pickLevelForFlush(FileMetaData f) {
        if (compactionRunning) {
            return 0;
        }
        Version v = versions.current();
        byte[] lo = InternalKey.userKey(f.smallest());
        byte[] hi = InternalKey.userKey(f.largest());
        if (!v.overlapping(0, lo, hi).isEmpty()) {
            return 0;
        }
        if (options.dynamicLevelBytes()) {
            return flushLevelBelowEmptyLevels(v, lo, hi);
        }
        int level = 0;
        while (level < MAX_MEM_COMPACT_LEVEL) {
            if (!v.overlapping(level + 1, lo, hi).isEmpty()) {
                break;
            }
            if (level + 2 < Version.NUM_LEVELS) {
                long grandparents = 0;
                for (FileMetaData g : v.overlapping(level + 2, lo, hi)) {
                    grandparents += g.size();
                }
                if (grandparents > 10 * options.targetFileSize()) {
                    break;
                }
            }
            level++;
        }
        return level;
    }

    /**
     * With dynamic level targets the levels above the base level stay empty, so a table overlapping nothing goes
     * straight to the base level (or stays at level 0) rather than to a level in between.
     */
    private int flushLevelBelowEmptyLevels(Version v, byte[] lo, byte[] hi) {
        int base = picker.baseLevel(v);
        for (int level = 1; level <= base; level++) {
            if (!v.overlapping(level, lo, hi).isEmpty()) {
                return 0;
            }
        }
        if (base + 1 < Version.NUM_LEVELS) {
            long grandparents = 0;
            for (FileMetaData g : v.overlapping(base + 1, lo, hi)) {
                grandparents += g.size();
            }
            if (grandparents > 10 * options.targetFileSize()) {
                return 0;
            }
        }
        return base;
    }

    /** REQUIRES: mutex held. */
    private void maybeScheduleCompaction() {
        if (shuttingDown || backgroundError != null || options.readOnly()) {
            return;
        }
        compactionScheduled = true;
        bgCond.signalAll();
    }

    private void compactionLoop() {
        mutex.lock();
        try {
            while (!shuttingDown) {
                if (!compactionScheduled) {
                    bgCond.awaitUninterruptibly();
                    continue;
                }
                compactionScheduled = false;
                versions.awaitManifestIdle();
                Compaction c;
                ManualCompaction m = manual;
                if (m != null) {
                    c = picker.manual(versions.current(), m.level, m.from, m.to, m.bottommost);
                } else {
                    c = picker.pick(versions.current(), compactionPointers());
                }
                if (c == null) {
                    if (m != null) {
                        manual = null;
                        bgCond.signalAll();
                    }
                    continue;
                }
                try {
                    runCompaction(c);
                } catch (IOException | RuntimeException e) {
                    if (!shuttingDown) {
                        recordBackgroundError("compaction", e);
                    }
                    manual = null;
                    bgCond.signalAll();
                    return;
                }
                if (m != null) {
                    m.ran = true;
                    m.outputLevel = c.outputLevel();
                    manual = null;
                }
                compactionScheduled = true;
                bgCond.signalAll();
            }
        } finally {
            mutex.unlock();
        }
    }

    private byte[][] compactionPointers() {
        byte[][] p = new byte[Version.NUM_LEVELS][];
        for (int i = 0; i < p.length; i++) {
            p[i] = versions.compactPointer(i);
        }
        return p;
    }

    /** REQUIRES: mutex held; released while merging. */
    private void runCompaction(Compaction c) throws IOException {
        compactionRunning = true;
        try {
            VersionEdit edit = new VersionEdit();
            c.deleteInputs(edit);
            if (c.isTrivialMove()) {
                FileMetaData f = c.inputs().get(0);
                edit.addFile(c.outputLevel(), f);
                edit.setCompactPointer(c.level(), f.largest());
                versions.setLastSequence(lastSequence);
                versions.logAndApply(edit);
                stats.trivialMoves.incrementAndGet();
                infoLog.accept("moved " + DbFiles.tableName(f.number()) + " to level " + c.outputLevel());
                return;
            }
            Version v = versions.refCurrent();
            long[] snaps = snapshots.sequences();
            List<Long> allocated = new ArrayList<>();
            CompactionJob.Outcome outcome;
            mutex.unlock();
            try {
                CompactionJob job = new CompactionJob(c, v, snaps, tableCache, fs, dir, options, () -> {
                    mutex.lock();
                    try {
                        long n = versions.newFileNumber();
                        pendingOutputs.add(n);
                        allocated.add(n);
                        return n;
                    } finally {
                        mutex.unlock();
                    }
                }, () -> shuttingDown);
                outcome = job.run();
                if (!outcome.outputs().isEmpty()) {
                    fs.syncDirectory(dir);
                }
            } finally {
                mutex.lock();
                v.unref();
            }
            for (FileMetaData f : outcome.outputs()) {
                edit.addFile(c.outputLevel(), f);
            }
            byte[] largest = null;
            for (FileMetaData f : c.inputs()) {
                if (largest == null || InternalKey.compare(f.largest(), largest) > 0) {
                    largest = f.largest();
                }
            }
            edit.setCompactPointer(c.level(), largest);
            versions.setLastSequence(lastSequence);
            try {
                versions.logAndApply(edit);
            } finally {
                pendingOutputs.removeAll(allocated);
            }
            stats.compactionCount.incrementAndGet();
            stats.compactionBytesRead.addAndGet(outcome.bytesRead());
            stats.compactionBytesWritten.addAndGet(outcome.bytesWritten());
            infoLog.accept("compacted level " + c.level() + " (" + c.inputs().size() + " files) + level "
                    + c.outputLevel() + " (" + c.overlaps().size() + " files): " + outcome.bytesRead() + " bytes read, "
                    + outcome.bytesWritten() + " written in " + outcome.outputs().size() + " files, "
                    + outcome.entriesDropped() + " entries dropped");
            retireRangeTombstones();
            deleteObsoleteFiles();
        } finally {
            compactionRunning = false;
        }
    }

    /**
     * Drops range tombstones that can no longer hide anything: every entry older than the tombstone is gone from
     * the memtables and no table overlapping its range holds an entry older than it. REQUIRES: mutex held.
     */
    private void retireRangeTombstones() throws IOException {
        versions.awaitManifestIdle();
        Version v = versions.current();
        if (v.tombstones().isEmpty() || memState.imm() != null) {
            return;
        }
        VersionEdit edit = null;
        for (RangeTombstone t : v.tombstones()) {
            if (t.sequence() >= memFirstSequence && !memState.mem().isEmpty()) {
                continue; // the memtable may still hold older entries it hides
            }
            boolean needed = false;
            for (int level = 0; level < Version.NUM_LEVELS && !needed; level++) {
                for (FileMetaData f : v.files(level)) {
                    if (f.smallestSeq() < t.sequence()
                            && t.overlaps(InternalKey.userKey(f.smallest()), InternalKey.userKey(f.largest()))) {
                        needed = true;
                        break;
                    }
                }
            }
            if (!needed) {
                if (edit == null) {
                    edit = new VersionEdit();
                }
                edit.retireTombstone(t.sequence());
            }
        }
        if (edit != null) {
            versions.setLastSequence(lastSequence);
            versions.logAndApply(edit);
        }
    }

    /** Deletes files no live version, pending output or current log needs. REQUIRES: mutex held. */
    private void deleteObsoleteFiles() throws IOException {
        if (backgroundError != null) {
            return; // the state on disk may be ahead of memory: leave everything for the next open to sort out
        }
        Set<Long> liveTables = versions.liveTableNumbers();
        liveTables.addAll(pendingOutputs);
        // Oldest first: if deleting stops part way, the oldest retired log is gone, which is how recovery tells
        // that the MANIFEST edit retiring these logs was durable and relied on (VersionSet.recover).
        List<String> names = new ArrayList<>(fs.list(dir));
        names.sort(java.util.Comparator.comparingLong(n -> {
            DbFiles.Parsed p = DbFiles.parse(n);
            return p == null ? -1 : p.number();
        }));
        for (String name : names) {
            DbFiles.Parsed p = DbFiles.parse(name);
            if (p == null) {
                continue;
            }
            boolean keep = switch (p.kind()) {
                case LOG -> p.number() >= versions.logNumber() || p.number() == logNumber
                        || checkpointLogs.contains(p.number());
                case MANIFEST -> p.number() >= versions.manifestNumber();
                case TABLE -> liveTables.contains(p.number());
                case TEMP -> pendingOutputs.contains(p.number());
                default -> true;
            };
            if (!keep) {
                if (p.kind() == DbFiles.Kind.TABLE) {
                    tableCache.evict(p.number());
                }
                fs.delete(dir.resolve(name));
                infoLog.accept("deleted obsolete " + name);
            }
        }
    }

    private void recordBackgroundError(String what, Exception e) {
        IOException io = e instanceof IOException x ? x
                : e instanceof UncheckedIOException u ? u.getCause() : new IOException(e.toString(), e);
        if (backgroundError == null) {
            backgroundError = io;
            infoLog.error(what + " failed; the database refuses writes until reopened: " + e);
        }
    }

    // ---------------------------------------------------------------- explicit flush and compaction

    void flush() throws IOException {
        checkOpen();
        if (options.readOnly()) {
            return;
        }
        mutex.lock();
        try {
            // The switch happens as a writer at the head of the queue, so no group is mid-append to the old log.
            Writer token = new Writer(null, false, null);
            writers.addLast(token);
            try {
                while (writers.peekFirst() != token) {
                    writersCond.awaitUninterruptibly();
                }
                // Wait for an earlier flush, then freeze the current memtable and wait for its flush.
                while (memState.imm() != null && backgroundError == null && !closed) {
                    bgCond.awaitUninterruptibly();
                }
                throwIfFailed();
                if (memState.mem().isEmpty()) {
                    return;
                }
                switchMemTable();
            } finally {
                writers.remove(token);
                wakeHead();
                writersCond.signalAll();
            }
            while (memState.imm() != null && backgroundError == null && !closed) {
                bgCond.awaitUninterruptibly();
            }
            throwIfFailed();
        } finally {
            mutex.unlock();
        }
    }

    void compactRange(byte[] from, byte[] to) throws IOException {
        flush();
        if (options.readOnly()) {
            return;
        }
        int deepest = 0;
        Version v = versions.current();
        for (int level = 1; level < Version.NUM_LEVELS; level++) {
            if (v.numFiles(level) > 0) {
                deepest = level;
            }
        }
        mutex.lock();
        try {
            boolean mergedIntoDeepest = false;
            for (int level = 0; level < Math.max(deepest, 1); level++) {
                ManualCompaction step = new ManualCompaction(level, from, to, false);
                mergedIntoDeepest |= runManual(step) && step.outputLevel == deepest;
            }
            // Data already at the bottom with nothing above it in range: rewrite it in place, so deletions and
            // range deletions there are reclaimed too.
            if (deepest >= 1 && !mergedIntoDeepest) {
                runManual(new ManualCompaction(deepest, from, to, true));
            }
        } finally {
            mutex.unlock();
        }
    }

    /** Runs one manual step on the compaction thread and waits; whether it compacted anything. REQUIRES: mutex. */
    private boolean runManual(ManualCompaction m) throws IOException {
        while (manual != null && backgroundError == null && !closed) {
            bgCond.awaitUninterruptibly();
        }
        throwIfFailed();
        manual = m;
        compactionScheduled = true;
        bgCond.signalAll();
        while (manual == m && backgroundError == null && !closed) {
            bgCond.awaitUninterruptibly();
        }
        throwIfFailed();
        return m.ran;
    }

    private void throwIfFailed() throws IOException {
        if (backgroundError != null) {
            throw new IOException("database " + dir + " failed in the background: " + backgroundError.getMessage(),
                    backgroundError);
        }
        checkOpen();
    }

    // ---------------------------------------------------------------- checkpoint

    /**
     * A consistent cut for {@link Checkpoint}: a pinned version, the logs holding every commit after it (with the
     * length of each to copy), and the sequence of the last commit the cut holds.
     */
    record CheckpointCut(Version version, long logNumber, long nextFileNumber, long lastSequence,
                         List<long[]> logs) {
    }

    /**
     * Pins a cut that holds every write acknowledged before this call. Taken at the head of the writer queue (as
     * {@link #flush()} does), so no group is half-appended to the log; writers wait only for the pinning, not for
     * the copy. Release it with {@link #releaseCheckpoint}.
     */
    CheckpointCut pinCheckpoint() throws IOException {
        checkOpen();
        mutex.lock();
        try {
            if (options.readOnly()) {
                return pinCut(lastSequence);
            }
            Writer token = new Writer(null, false, null);
            writers.addLast(token);
            try {
                while (writers.peekFirst() != token) {
                    writersCond.awaitUninterruptibly();
                }
                throwIfFailed();
                versions.awaitManifestIdle();
                log.flush(); // the copy reads the file: every acknowledged record must have reached the OS
                return pinCut(lastSequence);
            } finally {
                writers.remove(token);
                wakeHead();
                writersCond.signalAll();
            }
        } finally {
            mutex.unlock();
        }
    }

    /** REQUIRES: mutex held, no group in flight, no MANIFEST write in flight. */
    private CheckpointCut pinCut(long sequence) throws IOException {
        long firstLog = versions.logNumber();
        List<long[]> logs = new ArrayList<>();
        // A read-only open copies the logs it replayed, even if their writer has deleted them since.
        List<String> names = pinnedFiles != null ? replayedLogs.stream().map(DbFiles::logName).toList() : fs.list(dir);
        for (String name : names) {
            DbFiles.Parsed p = DbFiles.parse(name);
            if (p == null || p.kind() != DbFiles.Kind.LOG || p.number() < firstLog) {
                continue;
            }
            if (log != null && p.number() > logNumber) {
                continue; // the spare log, empty
            }
            long pinnedLength = pinnedFiles == null ? -1 : pinnedFiles.pinnedLength(dir.resolve(name));
            // The live log is copied up to its end now; older ones are no longer written and are copied whole; a
            // read-only open copies what it replayed.
            long length = pinnedFiles != null ? pinnedLength
                    : log != null && p.number() == logNumber ? log.size() : fs.size(dir.resolve(name));
            logs.add(new long[] {p.number(), length});
        }
        logs.sort((a, b) -> Long.compare(a[0], b[0]));
        for (long[] l : logs) {
            checkpointLogs.add(l[0]);
        }
        return new CheckpointCut(versions.refCurrent(), firstLog, versions.newFileNumber(), sequence, logs);
    }

    void releaseCheckpoint(CheckpointCut cut) {
        mutex.lock();
        try {
            for (long[] l : cut.logs()) {
                checkpointLogs.remove(Long.valueOf(l[0]));
            }
        } finally {
            mutex.unlock();
        }
        cut.version().unref();
    }

    FileSystem fileSystem() {
        return fs;
    }

    // ---------------------------------------------------------------- properties

    String property(String name) {
        return DbProperties.get(name, this);
    }

    Version currentVersion() {
        return versions.current();
    }

    CompactionPicker picker() {
        return picker;
    }

    DbStats stats() {
        return stats;
    }

    BlockCache blockCache() {
        return blockCache;
    }

    long memTableBytes() {
        MemState ms = memState;
        return ms.mem().approximateMemoryUsage() + (ms.imm() == null ? 0 : ms.imm().approximateMemoryUsage());
    }

    long walBytes() {
        mutex.lock();
        try {
            return log == null ? 0 : log.size();
        } finally {
            mutex.unlock();
        }
    }

    int liveSnapshots() {
        return snapshots.size();
    }

    long lastSequence() {
        return lastSequence;
    }

    // ---------------------------------------------------------------- close

    void close() throws IOException {
        mutex.lock();
        try {
            if (closed) {
                return;
            }
            // Let queued writers finish before refusing new ones.
            while (!writers.isEmpty()) {
                writersCond.awaitUninterruptibly();
            }
            shuttingDown = true;
            bgCond.signalAll();
        } finally {
            mutex.unlock();
        }
        joinQuietly(flushThread);
        joinQuietly(compactionThread);
        mutex.lock();
        IOException failure = null;
        try {
            closed = true;
            bgCond.signalAll();
            writersCond.signalAll();
            if (spareLog != null) {
                discardSpareLog(spareLog, DbFiles.log(dir, spareLogNumber));
                spareLog = null;
            }
            if (log != null) {
                try {
                    makeLogsDurable();
                    log.sync();
                    log.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
        } finally {
            mutex.unlock();
        }
        infoLog.accept("closed");
        releaseResources();
        if (failure != null) {
            throw failure;
        }
    }

    private static void joinQuietly(Thread t) {
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        for (;;) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseResources() {
        closed = true;
        try {
            versions.close();
        } catch (IOException ignored) {
            // the MANIFEST was synced after every edit; nothing is lost by a failed close
        }
        tableCache.close();
        if (pinnedFiles != null) {
            pinnedFiles.close();
        }
        infoLog.close();
        try {
            if (lock != null) {
                lock.close();
            }
        } catch (IOException ignored) {
            // the lock dies with the process anyway
        }
    }

    private void checkOpen() throws IOException {
        if (closed || shuttingDown) {
            throw new IOException("database is closed: " + dir);
        }
    }
}
