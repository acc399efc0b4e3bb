package lsmdb.core.db;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import lsmdb.core.cache.TableCache;
import lsmdb.core.format.DbFiles;
import lsmdb.core.io.FileSystem;
import lsmdb.core.util.GuardedBy;
import lsmdb.core.version.TombstoneRetirement;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;
import lsmdb.core.wal.LogManager;

/**
 * What may be deleted after the version changed: files no live version, pending output, current log or running
 * checkpoint needs, and range tombstones that can hide nothing any more. Every method runs under the mutex; the
 * unlinking itself runs without it (deleting a large table takes milliseconds, which writers waiting for the mutex
 * would otherwise wait too), serialized by its own lock so that deletions stay oldest first across threads.
 */
public final class ObsoleteFiles {

    private final FileSystem fs;
    private final Path dir;
    private final ReentrantLock mutex;
    /** Held while unlinking, without the mutex: one deleter at a time, each deleting oldest first. */
    private final ReentrantLock unlinking = new ReentrantLock();
    private final VersionSet versions;
    private final TableCache tableCache;
    private final MemTables memTables;
    private final LogManager logs;
    private final DbStatus status;
    private final InfoLog infoLog;

    /** Tables being written by a flush or compaction, not yet in any version. */
    @GuardedBy("mutex")
    private final Set<Long> pendingOutputs = new HashSet<>();
    /** Logs a running checkpoint still copies (a number per checkpoint holding it). */
    @GuardedBy("mutex")
    private final List<Long> checkpointLogs = new ArrayList<>();

    public ObsoleteFiles(FileSystem fs, Path dir, ReentrantLock mutex, VersionSet versions, TableCache tableCache,
                  MemTables memTables, LogManager logs, DbStatus status, InfoLog infoLog) {
        this.fs = fs;
        this.dir = dir;
        this.mutex = mutex;
        this.versions = versions;
        this.tableCache = tableCache;
        this.memTables = memTables;
        this.logs = logs;
        this.status = status;
        this.infoLog = infoLog;
    }

    @GuardedBy("mutex")
    public void addPendingOutput(long number) {
        pendingOutputs.add(number);
    }

    /**
     * A number for a new table, protected from deletion until its edit is installed (then
     * {@link #removePendingOutputs}), and added to {@code allocated}. Takes the mutex itself (reentrant), so flushes and
     * compactions call it while writing, without the mutex.
     */
    public long newPendingOutput(List<Long> allocated) {
        mutex.lock();
        try {
            long n = versions.newFileNumber();
            pendingOutputs.add(n);
            allocated.add(n);
            return n;
        } finally {
            mutex.unlock();
        }
    }

    @GuardedBy("mutex")
    public void removePendingOutput(long number) {
        pendingOutputs.remove(number);
    }

    @GuardedBy("mutex")
    public void removePendingOutputs(List<Long> numbers) {
        pendingOutputs.removeAll(numbers);
    }

    @GuardedBy("mutex")
    public void holdForCheckpoint(long logNumber) {
        checkpointLogs.add(logNumber);
    }

    @GuardedBy("mutex")
    public void releaseFromCheckpoint(long logNumber) {
        checkpointLogs.remove(Long.valueOf(logNumber));
    }

    /** After a flush or compaction: retires what can hide nothing, then deletes what nothing needs. */
    @GuardedBy("mutex")
    public void afterVersionChange() throws IOException {
        retireRangeTombstones();
        deleteFiles();
    }

    /** Drops range tombstones that can no longer hide anything (see {@link TombstoneRetirement}). */
    @GuardedBy("mutex")
    private void retireRangeTombstones() throws IOException {
        versions.awaitManifestIdle();
        Version v = versions.current();
        MemTables.State ms = memTables.state();
        if (v.tombstones().isEmpty() || ms.imm() != null) {
            return;
        }
        VersionEdit edit = TombstoneRetirement.retirable(v, memTables.memFirstSequence(), ms.mem().isEmpty());
        if (edit != null) {
            versions.setLastSequence(memTables.lastSequence());
            versions.logAndApply(edit);
        }
    }

    /**
     * Deletes files no live version, pending output or current log needs. Decided under the mutex (a file found
     * obsolete stays obsolete: numbers are never reused), unlinked with the mutex released meanwhile.
     */
    @GuardedBy("mutex")
    public void deleteFiles() throws IOException {
        if (status.failed()) {
            return; // the state on disk may be ahead of memory: leave everything for the next open to sort out
        }
        Set<Long> liveTables = versions.liveTableNumbers();
        liveTables.addAll(pendingOutputs);
        // Oldest first: if deleting stops part way, the oldest retired log is gone, which is how recovery tells
        // that the MANIFEST edit retiring these logs was durable and relied on (VersionSet.recover).
        List<String> names = new ArrayList<>(fs.list(dir));
        names.sort(Comparator.comparingLong(n -> {
            DbFiles.Parsed p = DbFiles.parse(n);
            return p == null ? -1 : p.number();
        }));
        List<DbFiles.Parsed> doomed = new ArrayList<>();
        List<String> doomedNames = new ArrayList<>();
        for (String name : names) {
            DbFiles.Parsed p = DbFiles.parse(name);
            if (p == null) {
                continue;
            }
            boolean keep = switch (p.kind()) {
                case LOG -> p.number() >= versions.logNumber() || p.number() == logs.currentNumber()
                        || checkpointLogs.contains(p.number());
                case MANIFEST -> p.number() >= versions.manifestNumber();
                case TABLE -> liveTables.contains(p.number());
                case TEMP -> pendingOutputs.contains(p.number());
                default -> true;
            };
            if (!keep) {
                doomed.add(p);
                doomedNames.add(name);
            }
        }
        if (doomed.isEmpty()) {
            return;
        }
        mutex.unlock();
        try {
            unlinking.lock();
            try {
                for (int i = 0; i < doomed.size(); i++) {
                    if (doomed.get(i).kind() == DbFiles.Kind.TABLE) {
                        tableCache.evict(doomed.get(i).number());
                    }
                    fs.delete(dir.resolve(doomedNames.get(i)));
                }
            } finally {
                unlinking.unlock();
            }
        } finally {
            mutex.lock();
        }
        for (String name : doomedNames) {
            infoLog.accept("deleted obsolete " + name);
        }
    }
}
