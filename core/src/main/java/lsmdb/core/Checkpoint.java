package lsmdb.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.format.DbFiles;
import lsmdb.core.io.FileCopy;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.RealFileSystem;
import lsmdb.core.io.WritableFile;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.wal.LogWriter;

/**
 * Makes a consistent copy of an open database in another directory (SPEC §8), as RocksDB's checkpoint does:
 * the tables of a pinned version are hard-linked (copied when linking fails: another file system, or a database
 * held in memory), the logs after that version are copied up to the end of the last acknowledged commit, and a
 * new MANIFEST naming exactly those files is written. {@code CURRENT} is written last, so an interrupted
 * checkpoint never looks like a database.
 */
final class Checkpoint {

    /** The backup is always written to disk, whatever file system the database lives on. */
    private static final FileSystem DEST = RealFileSystem.INSTANCE;

    private final DbImpl db;
    private final Path dest;
    private final List<Path> created = new ArrayList<>();

    private Checkpoint(DbImpl db, Path dest) {
        this.db = db;
        this.dest = dest;
    }

    static void create(DbImpl db, Path dest) throws IOException {
        new Checkpoint(db, dest.toAbsolutePath().normalize()).run();
    }

    private void run() throws IOException {
        prepareDestination();
        DbImpl.CheckpointCut cut = db.pinCheckpoint();
        try {
            Version v = cut.version();
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                for (FileMetaData f : v.files(level)) {
                    linkOrCopy(DbFiles.tableName(f.number()), f.size());
                }
            }
            for (long[] log : cut.logs()) {
                copy(DbFiles.logName(log[0]), log[1]);
            }
            long manifestNumber = cut.nextFileNumber();
            writeManifest(cut, manifestNumber);
            DEST.syncDirectory(dest); // every name durable before CURRENT points at them
            writeCurrent(manifestNumber);
        } catch (IOException | RuntimeException e) {
            deleteCreated();
            throw e;
        } finally {
            db.releaseCheckpoint(cut);
        }
    }

    /** Creates {@code dest}, or accepts it empty; anything else is refused before any work is done. */
    private void prepareDestination() throws IOException {
        if (dest.equals(db.directory())) {
            throw new FileAlreadyExistsException(dest.toString(), null, "checkpoint destination is the database");
        }
        if (Files.exists(dest)) {
            if (!Files.isDirectory(dest)) {
                throw new FileAlreadyExistsException(dest.toString(), null, "checkpoint destination is not a directory");
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dest)) {
                if (s.iterator().hasNext()) {
                    throw new FileAlreadyExistsException(dest.toString(), null,
                            "checkpoint destination exists and is not empty");
                }
            }
        } else {
            Files.createDirectories(dest);
        }
    }

    private void linkOrCopy(String name, long size) throws IOException {
        // (A read-only open links too: a table still there is the file it pinned, tables never change.)
        if (db.options().fileSystem() == RealFileSystem.INSTANCE
                && FileCopy.linkSynced(db.directory().resolve(name), dest.resolve(name))) {
            created.add(dest.resolve(name));
            return;
        }
        copy(name, size);
    }

    /** Copies the first {@code length} bytes of the database's file {@code name}, synced. */
    private void copy(String name, long length) throws IOException {
        Path to = dest.resolve(name);
        created.add(to); // deleted again if the backup fails, whether or not the copy got as far as creating it
        FileCopy.copySynced(db.fileSystem(), db.directory().resolve(name), length, DEST, to);
    }

    private void writeManifest(DbImpl.CheckpointCut cut, long number) throws IOException {
        VersionEdit snapshot = new VersionEdit().setLogNumber(cut.logNumber()).setNextFileNumber(number + 1)
                .setLastSequence(cut.lastSequence());
        Version v = cut.version();
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : v.files(level)) {
                snapshot.addFile(level, f);
            }
        }
        v.tombstones().forEach(snapshot::addTombstone);
        Path path = dest.resolve(DbFiles.manifestName(number));
        created.add(path);
        try (LogWriter w = new LogWriter(DEST.create(path))) {
            w.addRecord(snapshot.encode());
            w.sync();
        }
    }

    private void writeCurrent(long manifestNumber) throws IOException {
        Path tmp = dest.resolve(DbFiles.tempName(manifestNumber));
        created.add(tmp);
        try (WritableFile f = DEST.create(tmp)) {
            f.append((DbFiles.manifestName(manifestNumber) + "\n").getBytes(StandardCharsets.UTF_8));
            f.sync();
        }
        DEST.rename(tmp, dest.resolve(DbFiles.CURRENT));
        created.add(dest.resolve(DbFiles.CURRENT));
        DEST.syncDirectory(dest);
    }

    private void deleteCreated() {
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the destination holds no CURRENT, so it is not mistaken for a database
            }
        }
    }
}
