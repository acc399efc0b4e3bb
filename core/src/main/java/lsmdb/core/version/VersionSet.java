package lsmdb.core.version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import lsmdb.core.CorruptionException;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.io.WritableFile;
import lsmdb.core.util.GuardedBy;
import lsmdb.core.wal.LogReader;
import lsmdb.core.wal.LogWriter;

/**
 * The database's file-level state: the current {@link Version}, the file-number counter, the log number and the
 * last sequence, persisted as a MANIFEST of {@link VersionEdit} records in the WAL's record format, with
 * {@code CURRENT} naming the live MANIFEST (replaced atomically by rename).
 *
 * <p>REQUIRES: mutating calls are made under the database's mutex; {@link #current()} may be read anywhere.
 */
public final class VersionSet {

    private final Path dir;
    private final FileSystem fs;
    private final Consumer<String> infoLog;
    private final Set<Version> live = ConcurrentHashMap.newKeySet();
    @GuardedBy("mutex")
    private final byte[][] compactPointers = new byte[Version.NUM_LEVELS][];

    /** Written under the mutex, read anywhere. */
    private volatile Version current;
    @GuardedBy("mutex")
    private long nextFileNumber = 2;
    @GuardedBy("mutex")
    private long logNumber;
    @GuardedBy("mutex")
    private long lastSequence;
    @GuardedBy("mutex")
    private long manifestNumber;
    @GuardedBy("mutex")
    private LogWriter manifest;
    /** The database's mutex, released while a MANIFEST record is written and synced; null when unshared. */
    private java.util.concurrent.locks.Lock mutex;
    private java.util.concurrent.locks.Condition manifestIdle;
    /** A MANIFEST write is in progress (with the mutex released); others wait for it. */
    @GuardedBy("mutex")
    private boolean manifestBusy;

    public VersionSet(Path dir, FileSystem fs, Consumer<String> infoLog) {
        this.dir = dir;
        this.fs = fs;
        this.infoLog = infoLog;
        install(newVersion(Version.emptyLevels(), List.of()));
    }

    public Version current() {
        return current;
    }

    /** Pins and returns the current version; the caller must {@link Version#unref()} it. */
    public Version refCurrent() {
        for (;;) {
            Version v = current;
            if (v.tryRef()) {
                return v;
            }
        }
    }

    public long newFileNumber() {
        return nextFileNumber++;
    }

    public void markFileNumberUsed(long n) {
        if (nextFileNumber <= n) {
            nextFileNumber = n + 1;
        }
    }

    public long logNumber() {
        return logNumber;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public void setLastSequence(long s) {
        lastSequence = s;
    }

    public long manifestNumber() {
        return manifestNumber;
    }

    public byte[] compactPointer(int level) {
        return compactPointers[level];
    }

    /** Whether {@code dir} holds a database (a {@code CURRENT} file). */
    public boolean exists() {
        return fs.exists(dir.resolve(DbFiles.CURRENT));
    }

    /** Loads the state named by {@code CURRENT}; see {@link #recover(boolean)}. */
    public void recover() throws IOException {
        recover(false);
    }

    /**
     * Loads the state named by {@code CURRENT}. A damaged last MANIFEST record is dropped as a torn write only while
     * nothing relied on it (see {@link #checkTornTailWasNotReliedOn}); with {@code paranoidChecks} never.
     */
    public void recover(boolean paranoidChecks) throws IOException {
        Path currentFile = dir.resolve(DbFiles.CURRENT);
        String name;
        try (ReadableFile f = fs.openForRead(currentFile)) {
            byte[] b = new byte[(int) Math.min(f.size(), 256)];
            f.readFully(0, b, 0, b.length);
            name = new String(b, StandardCharsets.UTF_8);
        }
        if (!name.endsWith("\n") || DbFiles.parse(name.trim()) == null
                || DbFiles.parse(name.trim()).kind() != DbFiles.Kind.MANIFEST) {
            throw new CorruptionException(currentFile + ": does not name a MANIFEST file");
        }
        name = name.trim();
        Path manifestPath = dir.resolve(name);
        Builder b = new Builder(current);
        Long log = null;
        Long next = null;
        Long last = null;
        String[] tornTail = {null};
        try (ReadableFile f = fs.openForRead(manifestPath);
             LogReader r = new LogReader(f, manifestPath.toString(), (off, n, why) -> {
                 tornTail[0] = manifestPath + ": damaged last record at offset " + off + " (" + why + ")";
                 if (paranoidChecks) {
                     throw new CorruptionException(tornTail[0] + "; refusing to drop it because paranoidChecks is on");
                 }
             })) {
            for (byte[] rec = r.readRecord(); rec != null; rec = r.readRecord()) {
                VersionEdit e = VersionEdit.decode(rec, manifestPath.toString());
                b.apply(e);
                for (VersionEdit.CompactPointer p : e.compactPointers) {
                    compactPointers[p.level()] = p.key();
                }
                log = e.logNumber != null ? e.logNumber : log;
                next = e.nextFileNumber != null ? e.nextFileNumber : next;
                last = e.lastSequence != null ? e.lastSequence : last;
            }
        } catch (java.nio.file.NoSuchFileException ex) {
            throw new CorruptionException(currentFile + " names " + name + ", which does not exist");
        }
        if (log == null || next == null || last == null) {
            throw new CorruptionException(manifestPath + ": missing log number, next file number or last sequence");
        }
        logNumber = log;
        nextFileNumber = Math.max(next, nextFileNumber);
        lastSequence = last;
        manifestNumber = DbFiles.parse(name).number();
        markFileNumberUsed(manifestNumber);
        Version recovered;
        try {
            recovered = b.build();
        } catch (IllegalStateException e) {
            throw new CorruptionException(manifestPath + ": " + e.getMessage());
        }
        if (tornTail[0] != null) {
            checkTornTailWasNotReliedOn(recovered, tornTail[0]);
            infoLog.accept("MANIFEST: dropped a torn tail: " + tornTail[0]);
        }
        install(recovered);
    }

    /**
     * A damaged last record can be dropped as a torn write only if nothing relied on its edit yet. Files are
     * deleted only after the edit that retires them is durable (logs oldest first), so if a table the earlier
     * records name is gone, or the log they say to replay from is gone, the damaged edit had been durable and
     * acted on (a compaction's inputs deleted, a flushed log retired): dropping it would resurrect a retired log
     * and orphan the tables that hold its data. That is damage to durable data, refused as corruption.
     */
    private void checkTornTailWasNotReliedOn(Version v, String damage) throws CorruptionException {
        List<String> missing = new ArrayList<>();
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : v.files(level)) {
                if (!fs.exists(DbFiles.table(dir, f.number()))) {
                    missing.add("table " + DbFiles.tableName(f.number()));
                }
            }
        }
        // Log number 0 is a new database's, before its first log; every later one names a log created first.
        if (logNumber > 0 && !fs.exists(DbFiles.log(dir, logNumber))) {
            missing.add("log " + DbFiles.logName(logNumber));
        }
        if (!missing.isEmpty()) {
            throw new CorruptionException(damage + ", and the earlier records need " + String.join(", ", missing)
                    + ", which the damaged edit had already retired: dropping it would lose durable data");
        }
    }

    /**
     * Starts a new MANIFEST holding the whole current state and points {@code CURRENT} at it. Called for a new
     * database.
     */
    public void writeNewManifest() throws IOException {
        writeNewManifest(new VersionEdit());
    }

    /**
     * Starts a new MANIFEST holding the whole current state with {@code edit} applied, and points {@code CURRENT}
     * at it: the edit takes effect in one atomic rename. Called on open (so a MANIFEST never grows across
     * sessions). A failure before the rename deletes the new files, so a failed open (a full disk) leaves the
     * directory as it was; {@link #manifestNumber()} tells whether the rename happened.
     */
    public void writeNewManifest(VersionEdit edit) throws IOException {
        Builder builder = new Builder(current);
        builder.apply(edit);
        Version v = builder.build();
        long log = edit.logNumber != null ? edit.logNumber : logNumber;
        long number = newFileNumber();
        Path path = dir.resolve(DbFiles.manifestName(number));
        Path tmp = dir.resolve(DbFiles.tempName(number));
        boolean switched = false;
        LogWriter w = null;
        try {
            w = new LogWriter(fs.create(path));
            VersionEdit snapshot = new VersionEdit().setLogNumber(log).setNextFileNumber(nextFileNumber)
                    .setLastSequence(lastSequence);
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                for (FileMetaData f : v.files(level)) {
                    snapshot.addFile(level, f);
                }
                if (compactPointers[level] != null) {
                    snapshot.setCompactPointer(level, compactPointers[level]);
                }
            }
            v.tombstones().forEach(snapshot::addTombstone);
            w.addRecord(snapshot.encode());
            w.sync();
            try (WritableFile f = fs.create(tmp)) {
                f.append((DbFiles.manifestName(number) + "\n").getBytes(StandardCharsets.UTF_8));
                f.sync();
            }
            fs.rename(tmp, dir.resolve(DbFiles.CURRENT));
            switched = true;
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.close();
            }
            deleteQuietly(path);
            deleteQuietly(tmp);
            v.unref();
            throw e;
        }
        if (manifest != null) {
            manifest.close();
        }
        manifest = w;
        manifestNumber = number;
        logNumber = log;
        install(v);
        fs.syncDirectory(dir);
    }

    private void deleteQuietly(Path p) {
        try {
            fs.delete(p);
        } catch (IOException ignored) {
            // the caller fails with the error that matters
        }
    }

    /**
     * Lets {@link #logAndApply} release {@code mutex} (held by every caller) while it writes and syncs the MANIFEST,
     * so that writers and readers needing the mutex do not wait for that fsync.
     */
    public void shareMutex(java.util.concurrent.locks.ReentrantLock mutex) {
        this.mutex = mutex;
        this.manifestIdle = mutex.newCondition();
    }

    /**
     * Waits until no MANIFEST write is in flight, so that {@link #current()} includes every edit made so far. Call it
     * before deciding an edit from the current version (where a flush goes, what to compact, which tombstones to
     * retire) and keep the mutex until that edit's {@link #logAndApply}. REQUIRES: the shared mutex held.
     */
    public void awaitManifestIdle() {
        while (manifestBusy) {
            manifestIdle.awaitUninterruptibly();
        }
    }

    /**
     * Records {@code edit} durably in the MANIFEST, then makes the version it yields current. Edits are applied one
     * at a time, each to the version the previous one made. REQUIRES: the shared mutex held, if there is one.
     */
    public void logAndApply(VersionEdit edit) throws IOException {
        if (mutex != null) {
            while (manifestBusy) {
                manifestIdle.awaitUninterruptibly();
            }
            manifestBusy = true;
        }
        try {
            if (edit.logNumber == null) {
                edit.setLogNumber(logNumber);
            }
            // A file number or sequence taken while the mutex is released is newer than these; recovery takes
            // the largest of these, the numbers of files found and the sequences in the logs.
            edit.setNextFileNumber(nextFileNumber).setLastSequence(lastSequence);
            Builder b = new Builder(current);
            b.apply(edit);
            Version v = b.build();
            byte[] record = edit.encode();
            LogWriter m = manifest;
            if (mutex != null) {
                mutex.unlock();
            }
            try {
                m.addRecord(record);
                m.sync();
            } finally {
                if (mutex != null) {
                    mutex.lock();
                }
            }
            for (VersionEdit.CompactPointer p : edit.compactPointers) {
                compactPointers[p.level()] = p.key();
            }
            logNumber = edit.logNumber;
            install(v);
        } finally {
            if (mutex != null) {
                manifestBusy = false;
                manifestIdle.signalAll();
            }
        }
    }

    /** Applies {@code edit} in memory only (read-only databases). */
    public void applyInMemory(VersionEdit edit) {
        Builder b = new Builder(current);
        b.apply(edit);
        install(b.build());
    }

    /** Numbers of the table files that some live version names. */
    public Set<Long> liveTableNumbers() {
        Set<Long> out = new HashSet<>();
        for (Version v : live) {
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                for (FileMetaData f : v.files(level)) {
                    out.add(f.number());
                }
            }
        }
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : current.files(level)) {
                out.add(f.number());
            }
        }
        return out;
    }

    public void close() throws IOException {
        if (manifest != null) {
            manifest.close();
            manifest = null;
        }
    }

    private Version newVersion(List<List<FileMetaData>> levels, List<RangeTombstone> tombstones) {
        Version[] self = new Version[1];
        self[0] = new Version(levels, tombstones, () -> live.remove(self[0]));
        live.add(self[0]);
        return self[0];
    }

    private void install(Version v) {
        Version old = current;
        current = v;
        if (old != null) {
            old.unref();
        }
    }

    /** Accumulates edits over a base version. */
    private final class Builder {
        private final List<Map<Long, FileMetaData>> levels = new ArrayList<>();
        private final TreeMap<Long, RangeTombstone> tombstones = new TreeMap<>();

        Builder(Version base) {
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                Map<Long, FileMetaData> m = new LinkedHashMap<>();
                for (FileMetaData f : base.files(level)) {
                    m.put(f.number(), f);
                }
                levels.add(m);
            }
            for (RangeTombstone t : base.tombstones()) {
                tombstones.put(t.sequence(), t);
            }
        }

        void apply(VersionEdit e) {
            for (VersionEdit.DeletedFile d : e.deletedFiles) {
                levels.get(d.level()).remove(d.number());
            }
            for (VersionEdit.LevelFile lf : e.newFiles) {
                levels.get(lf.level()).put(lf.file().number(), lf.file());
                markFileNumberUsed(lf.file().number());
            }
            for (RangeTombstone t : e.tombstones) {
                tombstones.put(t.sequence(), t);
            }
            for (long s : e.retiredTombstones) {
                tombstones.remove(s);
            }
        }

        Version build() {
            List<List<FileMetaData>> out = new ArrayList<>();
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                List<FileMetaData> files = new ArrayList<>(levels.get(level).values());
                if (level == 0) {
                    files.sort(Comparator.comparingLong(FileMetaData::number).reversed());
                } else {
                    files.sort((a, b) -> InternalKey.compare(a.smallest(), b.smallest()));
                    for (int i = 1; i < files.size(); i++) {
                        // Deeper levels must stay disjoint, or reads would miss data: refuse such a version.
                        if (InternalKey.compareUserKeys(files.get(i - 1).largest(), files.get(i).smallest()) >= 0) {
                            throw new IllegalStateException("level " + level + " would hold overlapping tables "
                                    + files.get(i - 1).number() + " and " + files.get(i).number());
                        }
                    }
                }
                out.add(List.copyOf(files));
            }
            return newVersion(out, List.copyOf(tombstones.values()));
        }
    }
}
