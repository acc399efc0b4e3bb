package lsmdb.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import lsmdb.core.compaction.TableOutput;
import lsmdb.core.db.DbStats;
import lsmdb.core.db.InfoLog;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileLock;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.sstable.Table;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.RangeTombstone;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;
import lsmdb.core.wal.LogReader;

/**
 * Rebuilds a database whose MANIFEST is lost or damaged from the files present (after LevelDB's RepairDB):
 * <ol>
 * <li>every log's readable records are replayed into new tables (a damaged tail is kept under {@code lost/};
 *     records after damage in the middle of a log are lost, the log itself is moved to {@code lost/});</li>
 * <li>every table is read whole: its key range and sequences are taken, and a table that cannot be read is moved
 *     to {@code lost/};</li>
 * <li>the usable tables are renumbered in the order of their newest sequence and all placed in level 0, where a
 *     read consults the highest number first: so the newest data wins, whatever level a table came from
 *     (compaction then sorts them into levels);</li>
 * <li>range deletes are taken from the readable records of the old MANIFEST and from the logs;</li>
 * <li>a new MANIFEST names them, {@code CURRENT} is switched to it in one rename, and old MANIFESTs and the
 *     replayed logs are moved to {@code lost/}.</li>
 * </ol>
 * Run it on a closed database (it takes the LOCK).
 */
public final class Repairer {

    /** What a repair did, one line per action, and the resulting figures. */
    public record Report(List<String> actions, int tables, long entries, int filesMovedToLost, long lastSequence) {
    }

    private record ScannedTable(long number, long size, byte[] smallest, byte[] largest, long smallestSeq,
                                long largestSeq, long entries) {
    }

    private final Path dir;
    private final Options options;
    private final FileSystem fs;
    private final List<String> actions = new ArrayList<>();
    private int movedToLost;

    private Repairer(Path dir, Options options) {
        this.dir = dir;
        this.options = options.withReadOnly(false).withParanoidChecks(false);
        this.fs = options.fileSystem();
    }

    public static Report repair(Path dir, Options options) throws IOException {
        return new Repairer(dir, options).run();
    }

    private Report run() throws IOException {
        if (!fs.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no database directory to repair");
        }
        try (FileLock lock = fs.lock(dir.resolve(DbFiles.LOCK));
             InfoLog infoLog = new InfoLog(fs, dir, false)) {
            long maxNumber = 1;
            List<Long> logs = new ArrayList<>();
            List<Long> tables = new ArrayList<>();
            List<String> manifests = new ArrayList<>();
            for (String name : fs.list(dir)) {
                DbFiles.Parsed p = DbFiles.parse(name);
                if (p == null) {
                    continue;
                }
                maxNumber = Math.max(maxNumber, p.number());
                switch (p.kind()) {
                    case LOG -> logs.add(p.number());
                    case TABLE -> tables.add(p.number());
                    case MANIFEST -> manifests.add(name);
                    case TEMP -> {
                        fs.delete(dir.resolve(name));
                        note("deleted leftover temporary file " + name);
                    }
                    default -> { }
                }
            }
            logs.sort(null);
            manifests.sort(null);
            long[] next = {maxNumber + 1};

            TreeMap<Long, RangeTombstone> tombstones = new TreeMap<>();
            for (String m : manifests) {
                salvageTombstones(m, tombstones);
            }
            long lastSequence = 0;
            for (long log : logs) {
                lastSequence = Math.max(lastSequence, salvageLog(log, next, tables, tombstones, infoLog));
            }

            List<ScannedTable> usable = new ArrayList<>();
            for (long t : tables) {
                ScannedTable s = scan(t);
                if (s != null) {
                    usable.add(s);
                }
            }
            usable.sort(Comparator.comparingLong(ScannedTable::largestSeq));
            VersionEdit edit = new VersionEdit().setLogNumber(0);
            long entries = 0;
            for (ScannedTable s : usable) {
                long number = next[0]++;
                fs.rename(DbFiles.table(dir, s.number()), DbFiles.table(dir, number));
                edit.addFile(0, new FileMetaData(number, s.size(), s.smallest(), s.largest(), s.smallestSeq()));
                lastSequence = Math.max(lastSequence, s.largestSeq());
                entries += s.entries();
            }
            for (RangeTombstone t : tombstones.values()) {
                edit.addTombstone(t);
                lastSequence = Math.max(lastSequence, t.sequence());
            }
            fs.syncDirectory(dir);

            VersionSet versions = new VersionSet(dir, fs, infoLog);
            versions.markFileNumberUsed(next[0]);
            versions.setLastSequence(lastSequence);
            versions.writeNewManifest(edit);
            versions.close();
            note("wrote " + DbFiles.manifestName(versions.manifestNumber()) + " naming " + usable.size()
                    + " tables at level 0 (" + entries + " entries), " + tombstones.size()
                    + " range deletes, last sequence " + lastSequence);
            for (String m : manifests) {
                LostFiles.move(fs, dir, m);
                movedToLost++;
                note("moved the old " + m + " to lost/");
            }
            for (long log : logs) {
                if (fs.exists(DbFiles.log(dir, log))) {
                    LostFiles.move(fs, dir, DbFiles.logName(log));
                    movedToLost++;
                    note("moved the replayed " + DbFiles.logName(log) + " to lost/");
                }
            }
            actions.forEach(a -> infoLog.warn("repair: " + a));
            return new Report(List.copyOf(actions), usable.size(), entries, movedToLost, lastSequence);
        }
    }

    private void note(String action) {
        actions.add(action);
    }

    /** Range deletes from the readable records of an old MANIFEST: without them deleted rows would come back. */
    private void salvageTombstones(String manifest, TreeMap<Long, RangeTombstone> into) {
        Path path = dir.resolve(manifest);
        int records = 0;
        try (ReadableFile f = fs.openForRead(path);
             LogReader r = new LogReader(f, path.toString(), (off, n, why) -> { })) {
            for (byte[] rec = r.readRecord(); rec != null; rec = r.readRecord()) {
                VersionEdit e = VersionEdit.decode(rec, path.toString());
                e.tombstones().forEach(t -> into.put(t.sequence(), t));
                e.retiredTombstones().forEach(into::remove);
                records++;
            }
        } catch (IOException | RuntimeException e) {
            note(manifest + ": read " + records + " records before damage (" + e.getMessage()
                    + "); range deletes after it are lost");
        }
    }

    /** Replays a log into new tables (added to {@code tables}); returns its largest sequence. */
    private long salvageLog(long log, long[] next, List<Long> tables, TreeMap<Long, RangeTombstone> tombstones,
                            InfoLog infoLog) throws IOException {
        WalReplay replay = new WalReplay(fs, dir, options, infoLog, new DbStats());
        MemTable mem = new MemTable(options.writeBufferSize());
        List<MemTable> full = new ArrayList<>();
        try {
            mem = replay.replay(log, mem, 0, full::add);
        } catch (CorruptionException e) {
            note(DbFiles.logName(log) + ": records after damage are lost (" + e.getMessage() + ")");
        }
        full.add(mem);
        long written = 0;
        for (MemTable m : full) {
            if (m.isEmpty()) {
                continue;
            }
            long number = next[0]++;
            TableOutput.writeAll(fs, dir, number, options, m.iterator());
            tables.add(number);
            written++;
        }
        replay.tombstones().forEach(t -> tombstones.put(t.sequence(), t));
        note("replayed " + DbFiles.logName(log) + " into " + written + " new tables");
        return replay.maxSequence();
    }

    /** Reads a table whole; a table that cannot be read is moved to lost/ and null returned. */
    private ScannedTable scan(long number) throws IOException {
        String name = DbFiles.tableName(number);
        Path path = DbFiles.table(dir, number);
        long size = fs.size(path);
        byte[] smallest = null;
        byte[] largest = null;
        long minSeq = Long.MAX_VALUE;
        long maxSeq = 0;
        long entries = 0;
        try {
            Table t = Table.open(fs.openForRead(path), path.toString(), number, size, null);
            try (InternalIterator it = t.iterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] k = it.key();
                    it.value();
                    if (smallest == null) {
                        smallest = k.clone();
                    }
                    largest = k;
                    long seq = InternalKey.sequence(k);
                    minSeq = Math.min(minSeq, seq);
                    maxSeq = Math.max(maxSeq, seq);
                    entries++;
                }
            } finally {
                t.close();
            }
            largest = largest == null ? null : largest.clone();
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            LostFiles.move(fs, dir, name);
            movedToLost++;
            note("moved " + name + " to lost/: it cannot be read (" + e.getMessage() + ")");
            return null;
        }
        if (entries == 0) {
            LostFiles.move(fs, dir, name);
            movedToLost++;
            note("moved the empty " + name + " to lost/");
            return null;
        }
        return new ScannedTable(number, size, smallest, largest, minSeq, maxSeq, entries);
    }
}
