package lsmdb.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.compaction.TableOutput;
import lsmdb.core.db.DbStats;
import lsmdb.core.db.InfoLog;
import lsmdb.core.format.DbFiles;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.PinningFileSystem;
import lsmdb.core.io.WritableFile;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.RangeTombstone;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;
import lsmdb.core.wal.LogManager;
import lsmdb.core.wal.LogWriter;

/**
 * Opening a database: from the files in its directory to the state {@link DbImpl} starts from.
 *
 * <ol>
 * <li><b>MANIFEST.</b> A new database gets its first MANIFEST; an existing one loads the MANIFEST that
 *     {@code CURRENT} names ({@link VersionSet#recover}: a damaged last record is dropped only while nothing
 *     relied on its edit, else the open is refused as corruption).</li>
 * <li><b>Logs.</b> Every log numbered at or above the MANIFEST's log number is replayed in order
 *     ({@link WalReplay}: a damaged last record is dropped with its bytes kept under {@code lost/}, damage in the
 *     middle refuses the open). A memtable that fills during replay is written as a level-0 table.</li>
 * <li><b>Read-only</b> opens stop here: the replayed memtable is kept in memory and nothing is written.</li>
 * <li><b>New state.</b> What is left of the replayed memtable becomes a level-0 table, a new log is started
 *     (preallocated only when the disk has room), and one new MANIFEST holding the whole state with the replayed
 *     tables, range deletes and the new log number takes effect by an atomic rename of {@code CURRENT}.</li>
 * <li><b>Failure</b> before that rename deletes every table and log this open wrote, so a failed open (a full
 *     disk, say) leaves the directory as it found it; the replayed logs stay and are replayed next time.</li>
 * </ol>
 *
 * <p>The replayed logs are not deleted here: {@link DbImpl} deletes obsolete files once the new state is current.
 * REQUIRES: the database's mutex held and no background thread running.
 */
final class Recovery {

    /** The state recovered: the memtable to continue with (non-empty only when read-only) and the new log. */
    record Result(MemTable mem, long lastSequence, LogWriter log, long logNumber, List<Long> replayedLogs) {
    }

    private final Path dir;
    private final Options options;
    private final FileSystem fs;
    private final InfoLog infoLog;
    private final DbStats stats;
    private final VersionSet versions;
    /** A read-only open's file system, which holds the files it read open at their length; null otherwise. */
    private final PinningFileSystem pinned;
    /** Tables this open wrote, deleted again if it fails before they are named by a MANIFEST. */
    private final List<Long> outputs = new ArrayList<>();
    private LogWriter log;
    private long logNumber;

    Recovery(Path dir, Options options, FileSystem fs, PinningFileSystem pinned, InfoLog infoLog, DbStats stats,
             VersionSet versions) {
        this.dir = dir;
        this.options = options;
        this.fs = fs;
        this.pinned = pinned;
        this.infoLog = infoLog;
        this.stats = stats;
        this.versions = versions;
    }

    Result run(long preallocatedLogSize) throws IOException {
        boolean fresh = !versions.exists();
        if (fresh) {
            infoLog.accept("creating a new database");
            versions.writeNewManifest();
        } else {
            versions.recover(options.paranoidChecks());
        }
        List<Long> logs = new ArrayList<>();
        for (String name : fs.list(dir)) {
            DbFiles.Parsed p = DbFiles.parse(name);
            if (p != null && p.kind() == DbFiles.Kind.LOG && p.number() >= versions.logNumber()) {
                logs.add(p.number());
            }
            if (p != null) {
                versions.markFileNumberUsed(p.number());
            }
        }
        logs.sort(null);
        if (pinned != null) {
            for (long number : logs) {
                pinned.pin(DbFiles.log(dir, number), false); // cut to its replayed data below
            }
        }
        long lastSequence = versions.lastSequence();
        WalReplay replay = new WalReplay(fs, dir, options, infoLog, stats);
        MemTable mem = new MemTable(options.writeBufferSize());
        VersionEdit edit = new VersionEdit();
        long manifestBefore = versions.manifestNumber();
        try {
            for (long number : logs) {
                mem = replay.replay(number, mem, lastSequence, (full) -> {
                    if (!options.readOnly()) {
                        edit.addFile(0, writeLevel0Table(full));
                    }
                });
                lastSequence = Math.max(lastSequence, replay.maxSequence());
                if (pinned != null) {
                    // What this open saw ends at the last replayed record, not at the file's length: a live
                    // writer's mapped or preallocated log has zeros there that later commits fill, and it trims
                    // them at close. A checkpoint copies exactly this.
                    pinned.cut(DbFiles.log(dir, number), replay.dataEnd());
                }
            }
        } catch (IOException | RuntimeException e) {
            discardOutputs();
            throw e;
        }
        versions.setLastSequence(lastSequence);
        for (RangeTombstone t : replay.tombstones()) {
            edit.addTombstone(t);
        }
        if (options.readOnly()) {
            versions.applyInMemory(edit);
            if (pinned != null) {
                for (int level = 0; level < Version.NUM_LEVELS; level++) {
                    for (FileMetaData f : versions.current().files(level)) {
                        pinned.pin(DbFiles.table(dir, f.number()), options.mmapReads());
                    }
                }
            }
            return new Result(mem, lastSequence, null, 0, List.copyOf(logs));
        }
        try {
            if (!mem.isEmpty()) {
                edit.addFile(0, writeLevel0Table(mem));
                mem = new MemTable(options.writeBufferSize());
            }
            logNumber = versions.newFileNumber();
            log = new LogWriter(createLog(DbFiles.log(dir, logNumber), preallocatedLogSize));
            edit.setLogNumber(logNumber);
            fs.syncDirectory(dir); // recovered tables and the new log: durable names before the MANIFEST names them
            if (fresh) {
                versions.logAndApply(edit);
            } else {
                versions.writeNewManifest(edit);
            }
        } catch (IOException | RuntimeException e) {
            if (versions.manifestNumber() == manifestBefore) {
                discardOutputs();
            }
            throw e;
        }
        return new Result(mem, lastSequence, log, logNumber, List.copyOf(logs));
    }

    /**
     * The log an open starts writing. Preallocated when the disk has room, but never required: after a disk
     * filled up, freeing the space that was filled must be enough to reopen.
     */
    private WritableFile createLog(Path path, long preallocatedLogSize) throws IOException {
        if (options.sync()) {
            try {
                return fs.createPreallocated(path, preallocatedLogSize);
            } catch (IOException e) {
                fs.delete(path);
                infoLog.warn("could not preallocate " + path.getFileName() + " (" + e + "); writing it unallocated");
            }
        }
        return options.sync() ? fs.createPreallocatedOnSync(path, preallocatedLogSize)
                : fs.createMapped(path, LogManager.MAPPED_REGION);
    }

    /** Deletes the tables and the log this open wrote, so that a failed open leaves no new file behind. */
    private void discardOutputs() {
        for (long number : outputs) {
            LostFiles.deleteQuietly(fs, DbFiles.table(dir, number));
        }
        outputs.clear();
        if (log != null) {
            try {
                log.close();
            } catch (IOException ignored) {
                // deleted next
            }
            log = null;
        }
        if (logNumber != 0) {
            LostFiles.deleteQuietly(fs, DbFiles.log(dir, logNumber));
        }
    }

    /** Writes a memtable recovered from a WAL as a level-0 table. */
    private FileMetaData writeLevel0Table(MemTable mem) throws IOException {
        long number = versions.newFileNumber();
        outputs.add(number);
        FileMetaData f = TableOutput.writeAll(fs, dir, number, options, mem.iterator());
        stats.flushBytes.addAndGet(f.size());
        infoLog.accept("recovered log data written to " + DbFiles.tableName(number) + " (" + f.size() + " bytes)");
        return f;
    }
}
