package lsmdb.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file operation the engine performs goes through this interface (LevelDB's {@code Env}), so that
 * tests can substitute an in-memory or fault-injecting implementation and the in-memory database
 * ({@code jdbc:lsm:mem:}) can reuse the whole engine.
 *
 * <p>Implementations are thread-safe. Paths are absolute or relative to the process's working directory.
 */
public interface FileSystem {

    /** Creates (or truncates) {@code path} for appending. The new name is durable only after {@link #syncDirectory}. */
    WritableFile create(Path path) throws IOException;

    /**
     * As {@link #create}, for a file written once from front to back in appends of kilobytes (a table): the real
     * file system gathers them into larger writes. Others create it as {@link #create} does.
     */
    default WritableFile createSequential(Path path) throws IOException {
        return create(path);
    }

    /**
     * Creates {@code path} already {@code step} bytes long (zeros), durable with its name, for writing from the
     * start, and grows it by another {@code step} of zeros at a {@link WritableFile#sync} that finds its data within
     * half a step of the end (if there is no room for them, the sync still goes on and the file grows by its appends
     * from then on). Overwriting allocated space needs no file-size update, so most fsyncs are cheaper (a
     * log's: ~125 instead of ~190 µs here), while the file stays at most a step or two past its data. Readers must
     * take zeros after the data for the end. The real file system writes it with direct I/O where the file system
     * takes it ({@code DirectLogFile}: whole pages, the last one written again by the next flush or sync). Others
     * create an empty file, as {@link #create} does.
     */
    default WritableFile createPreallocated(Path path, long step) throws IOException {
        WritableFile f = create(path);
        syncDirectory(path.toAbsolutePath().getParent());
        return f;
    }

    /**
     * Creates (or truncates) {@code path} empty, as {@link #create} does, but the first {@link WritableFile#sync}
     * lays {@code step} bytes of zeros past the data and from then on it grows as {@link #createPreallocated}'s
     * files do. For a log that could not be preallocated or mapped ahead of time: nothing changes until a write asks
     * for a sync, and then the syncs that follow overwrite allocated space instead of growing the file (an fsync
     * that changes the file's size also commits the file system's journal). If laying the zeros fails (a full disk),
     * the file goes on without them. Others create an empty file, as {@link #create} does.
     */
    default WritableFile createPreallocatedOnSync(Path path, long step) throws IOException {
        return create(path);
    }

    /**
     * Creates (or truncates) {@code path} for appending a log that is synced rarely, if ever: the real file system
     * writes it through a shared memory mapping grown a region at a time (at most {@code region} bytes), so an append is a memory copy
     * instead of a system call, and appended bytes are in the page cache, surviving a process crash, as soon as
     * they are copied ({@link WritableFile#flush} has nothing left to do). Zeros may follow the data until the file
     * is closed (it is trimmed then), as in a preallocated log. Others create the file as {@link #create} does.
     */
    default WritableFile createMapped(Path path, int region) throws IOException {
        return create(path);
    }

    /** Opens an existing file for positional reads; {@link java.nio.file.NoSuchFileException} if missing. */
    ReadableFile openForRead(Path path) throws IOException;

    /**
     * Opens a file that will never change again (a table) for many small random reads. The real file system maps
     * it into memory, so a read is a copy instead of a system call; others read it as {@link #openForRead} does.
     */
    default ReadableFile openImmutable(Path path) throws IOException {
        return openForRead(path);
    }

    boolean exists(Path path);

    long size(Path path) throws IOException;

    /** File names (not paths) directly inside {@code dir}, in no particular order. */
    List<String> list(Path dir) throws IOException;

    /** Deletes {@code path}; does nothing if it does not exist. */
    void delete(Path path) throws IOException;

    /** Atomically replaces {@code to} with {@code from}. */
    void rename(Path from, Path to) throws IOException;

    void createDirectories(Path dir) throws IOException;

    /** Makes creations, renames and deletions inside {@code dir} durable. */
    void syncDirectory(Path dir) throws IOException;

    /**
     * Takes an exclusive lock on {@code lockFile} (creating it), held until the returned lock is closed.
     * Fails with an {@link IOException} naming the file if another process or another open in this JVM holds it.
     */
    FileLock lock(Path lockFile) throws IOException;
}
