package lsmdb.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import lsmdb.core.cache.TableCache;
import lsmdb.core.db.CompactionScheduler;
import lsmdb.core.db.DbStatus;
import lsmdb.core.db.InfoLog;
import lsmdb.core.db.MemTables;
import lsmdb.core.db.ObsoleteFiles;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;

/**
 * The last step of a {@link BulkIngest}: its finished table files placed in the tree (at the deepest level nothing
 * overlaps) in one MANIFEST edit, with their sequence made the last one, at the head of the writer queue.
 */
final class IngestCommit {

    /** The database's explicit flush, for an ingest over a range the memtables hold writes in. */
    interface Flush {
        void flush() throws IOException;
    }

    /**
     * How long an ingest waits for a running compaction over its key range (which may write into any level) before
     * going to level 0; one elsewhere in the key space does not hold it up.
     */
    private static final long COMPACTION_WAIT_NANOS = 2_000_000_000L;

    private final Path dir;
    private final FileSystem fs;
    private final ReentrantLock mutex;
    private final Condition bgCond;
    private final DbStatus status;
    private final MemTables memTables;
    private final VersionSet versions;
    private final TableCache tableCache;
    private final CompactionScheduler compactions;
    private final ObsoleteFiles obsoleteFiles;
    private final CommitPipeline commits;
    private final InfoLog infoLog;
    private final Flush flush;

    IngestCommit(Path dir, FileSystem fs, ReentrantLock mutex, Condition bgCond, DbStatus status, MemTables memTables,
                 VersionSet versions, TableCache tableCache, CompactionScheduler compactions,
                 ObsoleteFiles obsoleteFiles, CommitPipeline commits, InfoLog infoLog, Flush flush) {
        this.dir = dir;
        this.fs = fs;
        this.mutex = mutex;
        this.bgCond = bgCond;
        this.status = status;
        this.memTables = memTables;
        this.versions = versions;
        this.tableCache = tableCache;
        this.compactions = compactions;
        this.obsoleteFiles = obsoleteFiles;
        this.commits = commits;
        this.infoLog = infoLog;
        this.flush = flush;
    }

    /**
     * Adds durable table files whose entries all carry {@code sequence} to the tree in one MANIFEST edit, at the
     * deepest level where nothing overlaps them, and makes {@code sequence} the last sequence. Done at the head of
     * the writer queue, so no commit is half-applied meanwhile. REQUIRES: files sorted and disjoint, their range
     * written by no one.
     */
    void commit(List<FileMetaData> files, long sequence) throws IOException {
        status.checkWritable();
        fs.syncDirectory(dir); // the tables' names must be durable before the MANIFEST names them
        for (FileMetaData f : files) {
            tableCache.openAhead(f.number(), f.size());
        }
        byte[] lo = InternalKey.userKey(files.get(0).smallest());
        byte[] hi = InternalKey.userKey(files.get(files.size() - 1).largest());
        if (memTablesOverlap(lo, hi)) {
            flush.flush(); // older unflushed writes in the range must not end up above the ingested (newer) entries
        }
        mutex.lock();
        try {
            long deadline = System.nanoTime() + COMPACTION_WAIT_NANOS;
            while (compactions.runningOverlaps(lo, hi) && System.nanoTime() < deadline) {
                bgCond.awaitNanos(Math.max(1, deadline - System.nanoTime()));
            }
            commits.atHead(() -> {
                status.throwIfFailed();
                if (memTables.lastSequence() >= sequence) {
                    throw new IOException("bulk ingest: " + (memTables.lastSequence() - sequence + DbImpl.INGEST_SEQUENCE_GAP)
                            + " sequence numbers were used while its files were written; its reserved sequence "
                            + sequence + " is no longer above them");
                }
                if (memTablesOverlap(lo, hi)) {
                    throw new IOException("bulk ingest: the key range received writes while it was loaded");
                }
                versions.awaitManifestIdle();
                int level = ingestLevel(versions.current(), lo, hi);
                VersionEdit edit = new VersionEdit();
                for (FileMetaData f : files) {
                    edit.addFile(level, f);
                }
                versions.setLastSequence(sequence);
                try {
                    versions.logAndApply(edit);
                } catch (IOException | RuntimeException e) {
                    throw status.recordFailure("bulk ingest MANIFEST write", e);
                }
                memTables.setLastSequence(sequence);
                infoLog.accept("ingested " + files.size() + " tables at level " + level + " with sequence " + sequence);
                return null;
            });
            obsoleteFiles.afterVersionChange();
            compactions.maybeSchedule();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to ingest");
        } finally {
            mutex.unlock();
        }
    }

    /**
     * The deepest level that no level above it (nor it) overlaps in {@code [lo, hi]}; 0 while a compaction over
     * that range runs (it may write into any level below level 0).
     */
    private int ingestLevel(Version v, byte[] lo, byte[] hi) {
        if (compactions.runningOverlaps(lo, hi)) {
            return 0;
        }
        if (!v.overlapping(0, lo, hi).isEmpty()) {
            return 0;
        }
        int level = 0;
        while (level + 1 < Version.NUM_LEVELS && v.overlapping(level + 1, lo, hi).isEmpty()) {
            level++;
        }
        return level;
    }

    private boolean memTablesOverlap(byte[] lo, byte[] hi) throws IOException {
        MemTables.State s = memTables.state();
        return overlaps(s.mem(), lo, hi) || overlaps(s.imm(), lo, hi);
    }

    private static boolean overlaps(MemTable m, byte[] lo, byte[] hi) throws IOException {
        if (m == null || m.isEmpty()) {
            return false;
        }
        try (InternalIterator it = m.iterator()) {
            it.seek(InternalKey.forSeek(lo, InternalKey.MAX_SEQUENCE));
            return it.isValid() && java.util.Arrays.compareUnsigned(
                    InternalKey.userKey(it.key()), hi) <= 0;
        }
    }
}
