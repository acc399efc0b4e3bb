package lsmdb.core.db;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import lsmdb.core.Options;
import lsmdb.core.cache.TableCache;
import lsmdb.core.compaction.FlushPlacement;
import lsmdb.core.compaction.FlushSplit;
import lsmdb.core.compaction.TableOutput;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.util.GuardedBy;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;
import lsmdb.core.wal.LogManager;

/**
 * The memtable's life after it fills: writers make room ({@link #makeRoomForWrite}: slowed when level 0 grows,
 * stopped while the previous memtable still flushes), the full memtable is frozen beside a new log, and the flush
 * thread writes it to a table, records it in the MANIFEST and lets its log go. Between flushes the thread prepares
 * the next log of a durable database ahead of time, and flushes a memtable that writes have left ({@link
 * #idleFlushWait}).
 */
public final class FlushScheduler {

    /**
     * A memtable holding at least this share of the write buffer is flushed once no write has committed for {@link
     * CompactionScheduler#IDLE_NANOS}: reads then find its rows through tables' fences and filters instead of a
     * pointer chase down the skip list (a 4 MB memtable left by a load cost point reads 10-15% of their time), and
     * its log goes. The floor keeps a writer that pauses between small batches from making a table per pause.
     */
    static final int IDLE_FLUSH_SHARE = 4;

    private final Path dir;
    private final Options options;
    private final FileSystem fs;
    private final ReentrantLock mutex;
    /** Signalled whenever background state changes; stalled writers and flush() wait on it. */
    private final Condition bgCond;
    private final VersionSet versions;
    private final TableCache tableCache;
    private final MemTables memTables;
    private final LogManager logs;
    private final FlushPlacement placement;
    private final CompactionScheduler compactions;
    private final ObsoleteFiles obsoleteFiles;
    private final DbStatus status;
    private final DbStats stats;
    private final InfoLog infoLog;
    private Thread thread;
    /** True while no write group is queued or in flight (read with the mutex held); set by {@link #start}. */
    private BooleanSupplier noWriterQueued;
    @GuardedBy("mutex")
    private final IdleWatch idleWatch;

    public FlushScheduler(Path dir, Options options, FileSystem fs, ReentrantLock mutex, Condition bgCond,
                   VersionSet versions, TableCache tableCache, MemTables memTables, LogManager logs, FlushPlacement placement,
                   CompactionScheduler compactions, ObsoleteFiles obsoleteFiles, DbStatus status, DbStats stats,
                   InfoLog infoLog) {
        this.dir = dir;
        this.options = options;
        this.fs = fs;
        this.tableCache = tableCache;
        this.mutex = mutex;
        this.bgCond = bgCond;
        this.versions = versions;
        this.memTables = memTables;
        this.logs = logs;
        this.placement = placement;
        this.compactions = compactions;
        this.obsoleteFiles = obsoleteFiles;
        this.status = status;
        this.stats = stats;
        this.infoLog = infoLog;
        this.idleWatch = new IdleWatch(memTables::lastSequence);
    }

    /**
     * Starts the flush thread; {@code noWriterQueued} (read with the mutex held) tells when the memtable may be
     * switched without the writer queue's barrier: no group can be mid-append to its log while none is queued.
     */
    public void start(BooleanSupplier noWriterQueued) {
        this.noWriterQueued = noWriterQueued;
        thread = new Thread(this::loop, "lsmdb-flush " + dir.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    public Thread thread() {
        return thread;
    }

    /**
     * Makes room in the memtable for the next group: slows writers a little when level 0 grows, waits when the
     * previous memtable is still flushing or level 0 is full, and switches to a new memtable and log when this one
     * is full.
     */
    @GuardedBy("mutex")
    public void makeRoomForWrite() throws IOException {
        boolean allowDelay = true;
        for (;;) {
            status.checkWritable();
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
            } else if (memTables.state().mem().approximateMemoryUsage() < options.writeBufferSize()) {
                return;
            } else if (memTables.state().imm() != null || l0 >= options.l0StopTrigger()) {
                long t = System.nanoTime();
                stats.stops.incrementAndGet();
                compactions.maybeSchedule();
                bgCond.awaitUninterruptibly();
                long waited = (System.nanoTime() - t) / 1000;
                stats.stallMicros.addAndGet(waited);
                if (l0 >= options.l0StopTrigger() || waited >= 1_000_000) {
                    infoLog.warn("writes stopped for " + waited / 1000 + " ms: " + l0 + " level-0 files (stop at "
                            + options.l0StopTrigger() + ")"
                            + (memTables.state().imm() != null ? ", a memtable flushing" : ""));
                }
            } else {
                switchMemTable();
            }
        }
    }

    /** Freezes the memtable, starts a new one with a new log, and wakes the flush thread. */
    @GuardedBy("mutex")
    private void switchMemTable() throws IOException {
        logs.switchToNext();
        memTables.freeze();
        bgCond.signalAll();
    }

    /**
     * The forced flush's first half: waits for an earlier flush, then freezes the memtable if it holds anything.
     * REQUIRES: mutex held, the caller at the head of the writer queue (so no group is mid-append to the old log).
     */
    @GuardedBy("mutex")
    public void freezeForFlush() throws IOException {
        awaitNoImmutable();
        status.throwIfFailed();
        if (!memTables.state().mem().isEmpty()) {
            switchMemTable();
        }
    }

    /** The forced flush's second half: waits until the frozen memtable is in a table. */
    @GuardedBy("mutex")
    public void awaitFlushed() throws IOException {
        awaitNoImmutable();
        status.throwIfFailed();
    }

    @GuardedBy("mutex")
    private void awaitNoImmutable() {
        while (memTables.state().imm() != null && !status.failed() && !status.closed()) {
            bgCond.awaitUninterruptibly();
        }
    }

    private void loop() {
        mutex.lock();
        try {
            while (!status.shuttingDown()) {
                if (memTables.state().imm() == null) {
                    // Only durable databases gain (their fsyncs overwrite instead of append); it costs disk space.
                    if (options.sync() && logs.wantsSpare() && !status.failed()) {
                        logs.prepareSpare(() -> status.shuttingDown() || status.closed());
                        continue;
                    }
                    if (options.readOnly() || status.failed()) {
                        bgCond.awaitUninterruptibly(); // no write will come: nothing to watch
                        continue;
                    }
                    long wait = idleFlushWait();
                    if (wait == 0) {
                        try {
                            switchMemTable(); // flushed on the next turn of this loop
                            stats.idleFlushes.incrementAndGet();
                        } catch (IOException e) {
                            // a new log could not be made: the memtable stays; the next write meets the same error
                            infoLog.warn("idle flush not started: " + e);
                            idleWatch.restart();
                        }
                        continue;
                    }
                    IdleWatch.await(bgCond, wait);
                    continue;
                }
                try {
                    flushImmutable();
                } catch (IOException | RuntimeException e) {
                    status.recordFailure("flush", e);
                    bgCond.signalAll();
                    return;
                }
                bgCond.signalAll();
                compactions.maybeSchedule();
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * 0 when the memtable should be flushed for being idle now (see {@link #IDLE_FLUSH_SHARE}); else how long to wait
     * before asking again. Writes do not signal this thread, so it looks again at least that often.
     */
    @GuardedBy("mutex")
    private long idleFlushWait() {
        long idle = CompactionScheduler.IDLE_NANOS;
        if (memTables.state().mem().approximateMemoryUsage() < options.writeBufferSize() / IDLE_FLUSH_SHARE) {
            return idle;
        }
        long left = idleWatch.nanosUntilIdle();
        if (left > 0) {
            return left;
        }
        return noWriterQueued.getAsBoolean() ? 0 : idle / 10;
    }

    /**
     * Writes the immutable memtable to tables, records them, and drops the log it replaces. Runs of keys that no
     * table on disk spans (nor the running compaction) are cut into tables of their own that go straight to the
     * last level ({@link FlushSplit}); the rest is one table for level 0 (or deeper, as {@link FlushPlacement}
     * says, when it is the only one). All of them enter the MANIFEST in one edit.
     */
    @GuardedBy("mutex")
    private void flushImmutable() throws IOException {
        MemTable imm = memTables.state().imm();
        long logToKeep = logs.currentNumber();
        FlushSplit.Occupied running = FlushSplit.runningWrites(compactions.runningInputRanges(),
                options.partitionPrefixLength());
        // Only where levels are sized from the last one up, and not while a compaction of unknown span runs.
        FlushSplit.Occupied occupied = options.dynamicLevelBytes() && !imm.isEmpty()
                && (running == null || !running.all()) ? FlushSplit.occupied(versions.current(), running) : null;
        List<Long> allocated = new ArrayList<>();
        List<FlushSplit.Output> outputs = List.of();
        mutex.unlock();
        try {
            if (!imm.isEmpty()) {
                List<FlushSplit.Run> parts = occupied == null ? null : FlushSplit.plan(imm.iterator(), occupied,
                        options.partitionPrefixLength(), FlushSplit.minDeepBytes(options));
                if (parts == null) {
                    long number = obsoleteFiles.newPendingOutput(allocated);
                    outputs = List.of(new FlushSplit.Output(
                            TableOutput.writeAll(fs, dir, number, options, imm.iterator()), false));
                } else {
                    outputs = FlushSplit.write(fs, dir, options, imm.iterator(), parts,
                            () -> obsoleteFiles.newPendingOutput(allocated));
                }
                fs.syncDirectory(dir); // the tables' names must be durable before the MANIFEST names them
                for (FlushSplit.Output o : outputs) {
                    tableCache.openAhead(o.meta().number(), o.meta().size());
                }
            }
        } finally {
            mutex.lock();
        }
        versions.awaitManifestIdle(); // levels are picked from a current version that includes every edit
        VersionEdit edit = new VersionEdit().setLogNumber(logToKeep);
        Version current = versions.current();
        int[] levels = new int[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            FlushSplit.Output o = outputs.get(i);
            FileMetaData meta = o.meta();
            if (o.deep()) {
                // Re-checked now: what was free when the flush began may have been taken (an ingest, a compaction).
                FlushSplit.Occupied writes = FlushSplit.runningWrites(compactions.runningInputRanges(),
                        options.partitionPrefixLength());
                boolean free = placement.fitsLastLevel(current, meta) && (writes == null
                        || !writes.overlaps(InternalKey.userKey(meta.smallest()), InternalKey.userKey(meta.largest())));
                levels[i] = free ? FlushPlacement.lastLevel() : 0;
            } else if (outputs.size() == 1) {
                // Never below level 0 while a compaction runs: it may be writing into those levels.
                levels[i] = compactions.isRunning() ? 0 : placement.levelFor(current, meta);
            } else {
                levels[i] = 0; // it may span the deep parts beside it, so it must not share their level
            }
            edit.addFile(levels[i], meta);
        }
        versions.setLastSequence(memTables.lastSequence());
        try {
            versions.logAndApply(edit);
        } finally {
            obsoleteFiles.removePendingOutputs(allocated);
        }
        memTables.flushed();
        bgCond.signalAll(); // writers stopped for this memtable go on while the obsolete files are unlinked below
        logs.releasePrevious(); // its records are in synced tables now; the log is deleted below
        if (!outputs.isEmpty()) {
            stats.flushCount.incrementAndGet();
            StringBuilder where = new StringBuilder();
            for (int i = 0; i < outputs.size(); i++) {
                FileMetaData meta = outputs.get(i).meta();
                stats.flushBytes.addAndGet(meta.size());
                where.append(i == 0 ? "" : ", ").append(DbFiles.tableName(meta.number())).append(" at level ")
                        .append(levels[i]).append(" (").append(meta.size()).append(" bytes)");
            }
            infoLog.accept("flushed " + imm.entryCount() + " entries to " + where);
        }
        obsoleteFiles.afterVersionChange();
    }
}
