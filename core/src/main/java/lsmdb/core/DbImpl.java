package lsmdb.core;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.cache.TableCache;
import lsmdb.core.compaction.CompactionPicker;
import lsmdb.core.compaction.FlushPlacement;
import lsmdb.core.db.AbsenceCheck;
import lsmdb.core.db.CompactionScheduler;
import lsmdb.core.db.ConflictCheck;
import lsmdb.core.db.DbStats;
import lsmdb.core.db.DbStatus;
import lsmdb.core.db.FlushScheduler;
import lsmdb.core.db.InfoLog;
import lsmdb.core.db.MemTables;
import lsmdb.core.db.ObsoleteFiles;
import lsmdb.core.db.ReadPath;
import lsmdb.core.format.DbFiles;
import lsmdb.core.io.FileLock;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.PinningFileSystem;
import lsmdb.core.util.GuardedBy;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionSet;
import lsmdb.core.wal.LogManager;

/**
 * The engine behind {@link LsmDb}, assembled from parts with one job each:
 * <ul>
 *   <li>{@link CommitPipeline}: the writer queue and group commit (one log append, at most one fsync per group);
 *   <li>{@link ReadPath}: gets and iterators, lock-free; {@link ConflictCheck} for transactions' commits;
 *   <li>{@link FlushScheduler}: write stalls, memtable switches and the flush thread;
 *   <li>{@link CompactionScheduler}: the compaction thread and manual compactions;
 *   <li>{@link ObsoleteFiles}: retiring range tombstones and deleting files nothing needs;
 *   <li>{@link MemTables} and {@link LogManager}: the memtables' and logs' state; {@link DbStatus}: open, closing,
 *       failed;
 *   <li>{@link Recovery}: opening; {@link VersionSet}: versions and the MANIFEST;
 *   <li>{@link IngestCommit}: a {@link BulkIngest}'s files placed in the tree.
 * </ul>
 * This class opens, closes and answers questions about the whole.
 *
 * <p>Locking: one {@link ReentrantLock}, {@code mutex}, guards the writer queue, the memtable and log switches,
 * the {@link VersionSet} and the background scheduling state (fields marked {@code @GuardedBy("mutex")}). Readers
 * take no lock: they read the memtables' volatile state and last sequence, then pin the current version.
 */
final class DbImpl {

    /** How often a read-only open reads the directory again after a writer changed it under it. */
    private static final int READ_ONLY_OPEN_ATTEMPTS = 10;

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
    private final SnapshotList snapshots;
    private final DbStats stats = new DbStats();

    private final ReentrantLock mutex = new ReentrantLock();
    /** Signalled whenever background state changes: a flush or compaction done, a memtable frozen, closing. */
    private final Condition bgCond = mutex.newCondition();
    private final DbStatus status;
    private final MemTables memTables;
    private final LogManager logs;
    private final ObsoleteFiles obsoleteFiles;
    private final CompactionScheduler compactions;
    private final FlushScheduler flushes;
    private final ReadPath reads;
    private final AbsenceCheck absences;
    private final CommitPipeline commits;
    private final IngestCommit ingests;

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
        this.status = new DbStatus(dir, infoLog);
        this.memTables = new MemTables(options.writeBufferSize());
        this.snapshots = new SnapshotList(memTables::lastSequence);
        this.logs = new LogManager(fs, dir, mutex, versions::newFileNumber, infoLog::warn, options.writeBufferSize(),
                !options.sync());
        this.obsoleteFiles = new ObsoleteFiles(fs, dir, mutex, versions, tableCache, memTables, logs, status, infoLog);
        this.compactions = new CompactionScheduler(dir, options, fs, mutex, bgCond, versions, tableCache, picker,
                memTables, snapshots::sequences, obsoleteFiles, status, stats, infoLog);
        this.flushes = new FlushScheduler(dir, options, fs, mutex, bgCond, versions, tableCache, memTables, logs,
                new FlushPlacement(options, picker), compactions, obsoleteFiles, status, stats, infoLog);
        this.reads = new ReadPath(memTables, versions, tableCache);
        this.absences = new AbsenceCheck(memTables, versions, tableCache);
        this.commits = new CommitPipeline(mutex, memTables, logs, versions, flushes, new ConflictCheck(reads::changedAfter,
                memTables::lastSequence), status,
                stats);
        this.ingests = new IngestCommit(dir, fs, mutex, bgCond, status, memTables, versions, tableCache, compactions,
                obsoleteFiles, commits, infoLog, this::flush);
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
                    .run(LogManager.preallocatedSize(options.writeBufferSize()));
            if (pinnedFiles != null) {
                replayedLogs = r.replayedLogs();
            }
            memTables.start(r.mem(), r.lastSequence(), !options.readOnly());
            if (options.readOnly()) {
                return;
            }
            logs.start(r.log(), r.logNumber());
            obsoleteFiles.deleteFiles();
            infoLog.accept("opened: last sequence " + r.lastSequence() + ", log " + DbFiles.logName(r.logNumber()));
        } finally {
            mutex.unlock();
        }
        flushes.start(commits::noWriterQueued);
        compactions.start();
        mutex.lock();
        try {
            compactions.maybeSchedule();
        } finally {
            mutex.unlock();
        }
    }

    Options options() {
        return options;
    }

    boolean isClosed() {
        return status.closed();
    }

    Path directory() {
        return dir;
    }

    // ---------------------------------------------------------------- writes and reads

    void write(WriteBatch batch, boolean sync) throws IOException {
        checkWritable();
        commit(batch, sync, CommitPipeline.NO_CHECK);
    }

    void write(WriteBatch batch, boolean sync, Snapshot conflictCheck) throws IOException {
        checkWritable();
        if (conflictCheck != null && conflictCheck.isClosed()) {
            throw new IllegalStateException("snapshot is closed");
        }
        commit(batch, sync, conflictCheck == null ? CommitPipeline.NO_CHECK : conflictCheck.sequence());
    }

    /** Commits {@code batch} only if none of its keys changed after sequence {@code unchangedSince} (>= -1). */
    void write(WriteBatch batch, boolean sync, long unchangedSince) throws IOException {
        checkWritable();
        commit(batch, sync, unchangedSince);
    }

    private void checkWritable() throws IOException {
        status.checkOpen();
        if (options.readOnly()) {
            throw new ReadOnlyException("database " + dir + " is open read-only");
        }
    }

    private void commit(WriteBatch batch, boolean sync, long checkSequence) throws IOException {
        if (!batch.isEmpty()) {
            commits.write(batch, sync, checkSequence);
        }
    }

    boolean changedSince(byte[] key, Snapshot snapshot) throws IOException {
        status.checkOpen();
        return reads.changedAfter(key, snapshot.sequence());
    }

    byte[] get(byte[] key, Snapshot snapshot) throws IOException {
        status.checkOpen();
        return reads.get(key, snapshot == null ? memTables.lastSequence() : snapshot.sequence());
    }

    boolean mayExist(byte[] key) throws IOException {
        status.checkOpen();
        return absences.mayExist(key);
    }

    void getAll(byte[][] keys, int n, Snapshot snapshot, byte[][] values) throws IOException {
        status.checkOpen();
        reads.getAll(keys, n, snapshot == null ? memTables.lastSequence() : snapshot.sequence(), values);
    }

    void getAll(byte[][] keys, int n, Snapshot snapshot, byte[][] values, int[] lengths, byte[][] buffers)
            throws IOException {
        status.checkOpen();
        reads.getAll(keys, n, snapshot == null ? memTables.lastSequence() : snapshot.sequence(), values, lengths,
                buffers);
    }

    boolean gather(Snapshot snapshot, byte[] from, byte[] to, int limit, lsmdb.core.sstable.RangeGather gather)
            throws IOException {
        status.checkOpen();
        if (snapshot != null && snapshot.isClosed()) {
            throw new IllegalStateException("snapshot is closed");
        }
        return reads.gather(snapshot == null ? memTables.lastSequence() : snapshot.sequence(), from, to, limit, gather);
    }

    Snapshot snapshot() {
        status.checkNotClosed();
        return snapshots.acquire();
    }

    LsmIterator iterator(Snapshot snapshot, byte[] from, byte[] to) {
        status.checkNotClosed();
        if (snapshot != null && snapshot.isClosed()) {
            throw new IllegalStateException("snapshot is closed");
        }
        return reads.iterator(snapshot == null ? memTables.lastSequence() : snapshot.sequence(), from, to);
    }

    // ---------------------------------------------------------------- explicit flush and compaction

    void flush() throws IOException {
        status.checkOpen();
        if (options.readOnly()) {
            return;
        }
        mutex.lock();
        try {
            // The switch happens at the head of the writer queue, so no group is mid-append to the old log.
            commits.atHead(() -> {
                flushes.freezeForFlush();
                return null;
            });
            flushes.awaitFlushed();
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Makes every write committed so far durable: the logs' fsyncs that unsynced writes skipped. At the head of the
     * writer queue, so that no group is mid-append to the log being synced.
     */
    void syncWal() throws IOException {
        status.checkOpen();
        if (options.readOnly()) {
            return;
        }
        mutex.lock();
        try {
            commits.atHead(() -> {
                logs.makeDurable();
                logs.current().sync();
                stats.walSyncs.incrementAndGet();
                return null;
            });
        } finally {
            mutex.unlock();
        }
    }

    void compactRange(byte[] from, byte[] to) throws IOException {
        flush();
        if (options.readOnly()) {
            return;
        }
        compactions.compactRange(from, to);
    }

    // ---------------------------------------------------------------- bulk ingest

    /**
     * How far above the last sequence a {@link BulkIngest} reserves its sequence: writers committing while its files
     * are written take the numbers in between, so no snapshot taken before its commit can see its entries.
     */
    static final long INGEST_SEQUENCE_GAP = 1L << 32;

    BulkIngest bulkIngest() throws IOException {
        status.checkWritable();
        if (options.readOnly()) {
            throw new ReadOnlyException("database " + dir + " is open read-only");
        }
        long sequence = memTables.lastSequence() + INGEST_SEQUENCE_GAP;
        if (sequence > lsmdb.core.format.InternalKey.MAX_SEQUENCE) {
            throw new IOException("sequence numbers exhausted: cannot reserve one for a bulk ingest");
        }
        return new BulkIngest(this, sequence);
    }

    /** Compactions wait while a bulk ingest writes its files (see {@link CompactionScheduler#hold}). */
    void holdCompactions() {
        compactions.hold();
    }

    void releaseCompactions() {
        compactions.release();
    }

    /** A table file number the obsolete-file sweep leaves alone until {@link #releasePendingFiles}. */
    long newPendingFileNumber() {
        mutex.lock();
        try {
            long n = versions.newFileNumber();
            obsoleteFiles.addPendingOutput(n);
            return n;
        } finally {
            mutex.unlock();
        }
    }

    void releasePendingFiles(List<Long> numbers) {
        mutex.lock();
        try {
            obsoleteFiles.removePendingOutputs(numbers);
        } finally {
            mutex.unlock();
        }
    }

    /** Deletes an unneeded table file, unless the database failed (a MANIFEST edit may name it: leave it to open). */
    void deleteQuietly(long number) {
        if (status.failed()) {
            return;
        }
        try {
            fs.delete(lsmdb.core.format.DbFiles.table(dir, number));
        } catch (IOException ignored) {
            // left for the obsolete-file sweep
        }
    }

    /**
     * Adds durable table files whose entries all carry {@code sequence} to the tree (see {@link IngestCommit}).
     * REQUIRES: files sorted and disjoint, their range written by no one.
     */
    void ingest(List<lsmdb.core.version.FileMetaData> files, long sequence) throws IOException {
        ingests.commit(files, sequence);
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
        status.checkOpen();
        mutex.lock();
        try {
            if (options.readOnly()) {
                return pinCut(memTables.lastSequence());
            }
            return commits.atHead(() -> {
                status.throwIfFailed();
                versions.awaitManifestIdle();
                logs.flushOpenLogs(); // the copy reads the files: every acknowledged record must have reached the OS
                return pinCut(memTables.lastSequence());
            });
        } finally {
            mutex.unlock();
        }
    }

    /** REQUIRES: no group in flight, no MANIFEST write in flight. */
    @GuardedBy("mutex")
    private CheckpointCut pinCut(long sequence) throws IOException {
        long firstLog = versions.logNumber();
        List<long[]> copies = new ArrayList<>();
        // A read-only open copies the logs it replayed, even if their writer has deleted them since.
        List<String> names = pinnedFiles != null ? replayedLogs.stream().map(DbFiles::logName).toList() : fs.list(dir);
        for (String name : names) {
            DbFiles.Parsed p = DbFiles.parse(name);
            if (p == null || p.kind() != DbFiles.Kind.LOG || p.number() < firstLog) {
                continue;
            }
            if (logs.isOpen() && p.number() > logs.currentNumber()) {
                continue; // the spare log, empty
            }
            long pinnedLength = pinnedFiles == null ? -1 : pinnedFiles.pinnedLength(dir.resolve(name));
            // The live log is copied up to its end now, and the previous one (still open until its memtable is
            // flushed) up to its data: closing cuts it to that, maybe during the copy. Older ones are no longer
            // written and are copied whole; a read-only open copies what it replayed.
            long openSize = pinnedFiles != null ? -1 : logs.openLogSize(p.number());
            long length = pinnedFiles != null ? pinnedLength
                    : openSize >= 0 ? openSize
                    : fs.size(dir.resolve(name));
            copies.add(new long[] {p.number(), length});
        }
        copies.sort((a, b) -> Long.compare(a[0], b[0]));
        for (long[] l : copies) {
            obsoleteFiles.holdForCheckpoint(l[0]);
        }
        return new CheckpointCut(versions.refCurrent(), firstLog, versions.newFileNumber(), sequence, copies);
    }

    void releaseCheckpoint(CheckpointCut cut) {
        mutex.lock();
        try {
            for (long[] l : cut.logs()) {
                obsoleteFiles.releaseFromCheckpoint(l[0]);
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

    TableCache tableCache() {
        return tableCache;
    }

    long memTableBytes() {
        return memTables.state().memoryUsage();
    }

    long walBytes() {
        mutex.lock();
        try {
            return logs.currentSize();
        } finally {
            mutex.unlock();
        }
    }

    /** The file name of the preallocated next log, or empty. */
    String spareLogName() {
        mutex.lock();
        try {
            return logs.spareName();
        } finally {
            mutex.unlock();
        }
    }

    int liveSnapshots() {
        return snapshots.size();
    }

    long lastSequence() {
        return memTables.lastSequence();
    }

    // ---------------------------------------------------------------- close

    void close() throws IOException {
        mutex.lock();
        try {
            if (status.closed()) {
                return;
            }
            commits.awaitEmpty(); // let queued writers finish before refusing new ones
            status.beginShutdown();
            bgCond.signalAll();
        } finally {
            mutex.unlock();
        }
        joinQuietly(flushes.thread());
        joinQuietly(compactions.thread());
        mutex.lock();
        IOException failure = null;
        try {
            status.markClosed();
            bgCond.signalAll();
            commits.signalAll();
            try {
                logs.close();
            } catch (IOException e) {
                failure = e;
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
        status.markClosed();
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
}
