package lsmdb.core.db;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import lsmdb.core.Options;
import lsmdb.core.cache.TableCache;
import lsmdb.core.compaction.Compaction;
import lsmdb.core.compaction.CompactionJob;
import lsmdb.core.compaction.CompactionPicker;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.util.GuardedBy;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;

/**
 * The compaction thread: runs what {@link CompactionPicker} picks whenever something may have changed (a flush, a
 * compaction, a stalled writer), and manual compactions ({@link #compactRange}) one step at a time. The merge
 * itself ({@link CompactionJob}) runs without the mutex; installing its result takes it.
 */
public final class CompactionScheduler {

    /** A compactRange step; {@code bottommost} rewrites the level in place to drop what nothing can see. */
    private static final class ManualCompaction {
        final int level;
        final byte[] from;
        final byte[] to;
        final boolean bottommost;
        @GuardedBy("mutex")
        boolean ran;
        /** Where the step wrote, once it ran (level 0's output is the base level, not always level 1). */
        @GuardedBy("mutex")
        int outputLevel = -1;

        ManualCompaction(int level, byte[] from, byte[] to, boolean bottommost) {
            this.level = level;
            this.from = from;
            this.to = to;
            this.bottommost = bottommost;
        }
    }

    /**
     * How long no write may have committed before level 0 is compacted away below its trigger
     * ({@link CompactionPicker#pickIdle}): long enough that a writer pausing between batches is not taken for idle.
     */
    static final long IDLE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * Bytes idle compactions may read per byte flushed ({@link CompactionPicker#pickIdle}'s credit): settling the
     * upper levels into the last one rewrites it, which must stay in proportion to the writes that made the levels.
     */
    static final int IDLE_CREDIT_PER_FLUSHED_BYTE = 2;

    private final Path dir;
    private final Options options;
    private final FileSystem fs;
    private final ReentrantLock mutex;
    /** Signalled whenever background state changes (shared with flushes, stalled writers and waiters). */
    private final Condition bgCond;
    private final VersionSet versions;
    private final TableCache tableCache;
    private final CompactionPicker picker;
    private final MemTables memTables;
    /** The sequences of live snapshots, ascending: versions they can see survive compaction. */
    private final Supplier<long[]> snapshots;
    private final ObsoleteFiles obsoleteFiles;
    private final DbStatus status;
    private final DbStats stats;
    private final InfoLog infoLog;

    @GuardedBy("mutex")
    private boolean scheduled;
    @GuardedBy("mutex")
    private boolean running;
    /** The compaction {@link #run} runs, while {@link #running}. */
    private Compaction current;
    @GuardedBy("mutex")
    private ManualCompaction manual;
    /** Bytes idle compactions may still read (see {@link #IDLE_CREDIT_PER_FLUSHED_BYTE}). */
    private long idleCredit;
    /** The flushed bytes already turned into {@link #idleCredit}. */
    private long creditedFlushBytes;
    private Thread thread;
    /**
     * Bulk loads in progress that asked compactions to wait ({@link #hold}): a load is foreground work its caller
     * waits for, and on two cores a compaction merging at once takes half of what the load could use.
     */
    private final java.util.concurrent.atomic.AtomicInteger holds = new java.util.concurrent.atomic.AtomicInteger();
    /** When the latest hold lapses on its own (a load never committed nor closed must not stop compaction). */
    private volatile long holdDeadline;
    private final Object holdMonitor = new Object();
    /** The longest a hold keeps compactions waiting. */
    static final long MAX_HOLD_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    public CompactionScheduler(Path dir, Options options, FileSystem fs, ReentrantLock mutex, Condition bgCond,
                        VersionSet versions, TableCache tableCache, CompactionPicker picker, MemTables memTables,
                        Supplier<long[]> snapshots, ObsoleteFiles obsoleteFiles, DbStatus status, DbStats stats,
                        InfoLog infoLog) {
        this.dir = dir;
        this.options = options;
        this.fs = fs;
        this.mutex = mutex;
        this.bgCond = bgCond;
        this.versions = versions;
        this.tableCache = tableCache;
        this.picker = picker;
        this.memTables = memTables;
        this.snapshots = snapshots;
        this.obsoleteFiles = obsoleteFiles;
        this.status = status;
        this.stats = stats;
        this.infoLog = infoLog;
    }

    public void start() {
        thread = new Thread(this::loop, "lsmdb-compaction " + dir.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    public Thread thread() {
        return thread;
    }

    /** Whether a compaction is running now (it may be writing into any level below level 0). */
    @GuardedBy("mutex")
    public boolean isRunning() {
        return running;
    }

    /**
     * Whether the running compaction, if any, spans user keys in {@code [lo, hi]}: its output files hold only keys
     * between its inputs' smallest and largest, so one whose span lies elsewhere puts no file over that range (a
     * bulk ingest need not wait for it, nor go to level 0).
     */
    @GuardedBy("mutex")
    public boolean runningOverlaps(byte[] lo, byte[] hi) {
        Compaction c = current;
        if (!running || c == null) {
            return running;
        }
        byte[] smallest = null;
        byte[] largest = null;
        for (List<FileMetaData> files : List.of(c.inputs(), c.middle(), c.overlaps())) {
            for (FileMetaData f : files) {
                byte[] s = InternalKey.userKey(f.smallest());
                byte[] l = InternalKey.userKey(f.largest());
                smallest = smallest == null || java.util.Arrays.compareUnsigned(s, smallest) < 0 ? s : smallest;
                largest = largest == null || java.util.Arrays.compareUnsigned(l, largest) > 0 ? l : largest;
            }
        }
        return smallest == null || java.util.Arrays.compareUnsigned(smallest, hi) <= 0
                && java.util.Arrays.compareUnsigned(largest, lo) >= 0;
    }

    /**
     * The user-key ranges {@code {smallest, largest}} of the running compaction's input files (its outputs hold
     * only their keys), null when none runs, or one range {@code {null, null}} (everything) when one runs whose
     * inputs are not known. Read-only; for flushes that place tables where no compaction writes.
     */
    @GuardedBy("mutex")
    public List<byte[][]> runningInputRanges() {
        Compaction c = current;
        if (!running) {
            return null;
        }
        if (c == null) {
            return List.<byte[][]>of(new byte[2][]);
        }
        List<byte[][]> ranges = new ArrayList<>();
        for (List<FileMetaData> files : List.of(c.inputs(), c.middle(), c.overlaps())) {
            for (FileMetaData f : files) {
                ranges.add(new byte[][] {InternalKey.userKey(f.smallest()), InternalKey.userKey(f.largest())});
            }
        }
        return ranges;
    }

    /**
     * Makes compactions wait until {@link #release}, at most {@link #MAX_HOLD_NANOS}: none starts, and a running one
     * pauses between two entries. Flushes go on. Every hold needs its release.
     */
    public void hold() {
        holdDeadline = System.nanoTime() + MAX_HOLD_NANOS;
        holds.incrementAndGet();
    }

    /** Ends a {@link #hold}; the last one lets compactions go on at once. */
    public void release() {
        if (holds.decrementAndGet() > 0) {
            return;
        }
        synchronized (holdMonitor) {
            holdMonitor.notifyAll();
        }
        mutex.lock();
        try {
            bgCond.signalAll();
        } finally {
            mutex.unlock();
        }
    }

    /** Whether a {@link #hold} is in force. */
    boolean held() {
        return holds.get() > 0 && System.nanoTime() - holdDeadline < 0 && !status.shuttingDown();
    }

    /** A running compaction's check between entries: waits out a {@link #hold}; true when the database closes. */
    private boolean pauseOrStop() {
        if (holds.get() > 0) {
            synchronized (holdMonitor) {
                while (held()) {
                    try {
                        holdMonitor.wait(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        return status.shuttingDown();
    }

    /** Asks the compaction thread to look for work. */
    @GuardedBy("mutex")
    public void maybeSchedule() {
        if (status.shuttingDown() || status.failed() || options.readOnly()) {
            return;
        }
        scheduled = true;
        bgCond.signalAll();
    }

    private void loop() {
        mutex.lock();
        try {
            IdleWatch idleWatch = new IdleWatch(memTables::lastSequence);
            while (!status.shuttingDown()) {
                if (held()) {
                    IdleWatch.await(bgCond, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10)); // release signals
                    continue;
                }
                if (!scheduled) {
                    long flushed = stats.flushBytes.get();
                    idleCredit += (flushed - creditedFlushBytes) * IDLE_CREDIT_PER_FLUSHED_BYTE;
                    creditedFlushBytes = flushed;
                    if (status.failed() || options.readOnly() || picker.pickIdle(versions.current(), compactionPointers(), idleCredit) == null) {
                        bgCond.awaitUninterruptibly();
                        continue;
                    }
                    // Work for idle time exists: do it once no write has committed for IDLE_NANOS.
                    long left = idleWatch.nanosUntilIdle();
                    if (left > 0 || memTables.state().imm() != null || manual != null) {
                        IdleWatch.await(bgCond, Math.max(left, IDLE_NANOS / 10));
                        continue;
                    }
                    versions.awaitManifestIdle();
                    Compaction idle = picker.pickIdle(versions.current(), compactionPointers(), idleCredit);
                    if (idle == null) {
                        continue;
                    }
                    if (!idle.isTrivialMove()) {
                        idleCredit -= idle.inputBytes();
                    }
                    stats.idleCompactions.incrementAndGet(); // before run: it may unlock after installing
                    try {
                        run(idle);
                    } catch (IOException | RuntimeException e) {
                        if (!status.shuttingDown()) {
                            status.recordFailure("compaction", e);
                        }
                        bgCond.signalAll();
                        return;
                    }
                    scheduled = true;
                    bgCond.signalAll();
                    continue;
                }
                scheduled = false;
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
                    run(c);
                } catch (IOException | RuntimeException e) {
                    if (!status.shuttingDown()) {
                        status.recordFailure("compaction", e);
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
                scheduled = true;
                bgCond.signalAll();
            }
        } finally {
            mutex.unlock();
        }
    }

    @GuardedBy("mutex")
    private byte[][] compactionPointers() {
        byte[][] p = new byte[Version.NUM_LEVELS][];
        for (int i = 0; i < p.length; i++) {
            p[i] = versions.compactPointer(i);
        }
        return p;
    }

    /** Runs one compaction and installs its result. REQUIRES: mutex held; released while merging. */
    @GuardedBy("mutex")
    private void run(Compaction c) throws IOException {
        running = true;
        current = c;
        try {
            VersionEdit edit = new VersionEdit();
            c.deleteInputs(edit);
            if (c.isTrivialMove()) {
                FileMetaData f = c.inputs().get(0);
                edit.addFile(c.outputLevel(), f);
                edit.setCompactPointer(c.level(), f.largest());
                versions.setLastSequence(memTables.lastSequence());
                versions.logAndApply(edit);
                stats.trivialMoves.incrementAndGet();
                infoLog.accept("moved " + DbFiles.tableName(f.number()) + " to level " + c.outputLevel());
                return;
            }
            Version v = versions.refCurrent();
            long[] snaps = snapshots.get();
            List<Long> allocated = new ArrayList<>();
            CompactionJob.Outcome outcome;
            mutex.unlock();
            try {
                CompactionJob job = new CompactionJob(c, v, snaps, tableCache, fs, dir, options,
                        () -> obsoleteFiles.newPendingOutput(allocated), this::pauseOrStop);
                outcome = job.run();
                if (!outcome.outputs().isEmpty()) {
                    fs.syncDirectory(dir);
                }
                for (FileMetaData f : outcome.outputs()) {
                    tableCache.openAhead(f.number(), f.size());
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
            versions.setLastSequence(memTables.lastSequence());
            try {
                versions.logAndApply(edit);
            } finally {
                obsoleteFiles.removePendingOutputs(allocated);
            }
            stats.compactionCount.incrementAndGet();
            stats.compactionBytesRead.addAndGet(outcome.bytesRead());
            stats.compactionBytesWritten.addAndGet(outcome.bytesWritten());
            infoLog.accept("compacted level " + c.level() + " (" + c.inputs().size() + " files) + "
                    + (c.middle().isEmpty() ? "" : "level " + c.middleLevel() + " (" + c.middle().size() + " files) + ")
                    + "level " + c.outputLevel() + " (" + c.overlaps().size() + " files): " + outcome.bytesRead() + " bytes read, "
                    + outcome.bytesWritten() + " written in " + outcome.outputs().size() + " files, "
                    + outcome.entriesDropped() + " entries dropped");
            obsoleteFiles.afterVersionChange();
        } finally {
            running = false;
            current = null;
        }
    }


    /**
     * Compacts every level's part of {@code [from, to]} down to the deepest level holding data, then rewrites that
     * level in place if nothing was merged into it (so deletions there are reclaimed too). The memtable must have
     * been flushed first.
     */
    public void compactRange(byte[] from, byte[] to) throws IOException {
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
            if (deepest >= 1 && !mergedIntoDeepest) {
                runManual(new ManualCompaction(deepest, from, to, true));
            }
        } finally {
            mutex.unlock();
        }
    }

    /** Runs one manual step on the compaction thread and waits; whether it compacted anything. */
    @GuardedBy("mutex")
    private boolean runManual(ManualCompaction m) throws IOException {
        while (manual != null && !status.failed() && !status.closed()) {
            bgCond.awaitUninterruptibly();
        }
        status.throwIfFailed();
        manual = m;
        scheduled = true;
        bgCond.signalAll();
        while (manual == m && !status.failed() && !status.closed()) {
            bgCond.awaitUninterruptibly();
        }
        status.throwIfFailed();
        return m.ran;
    }
}
