package lsmdb.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file system for a read-only open of a database another process writes (SPEC §2): the tables the read-only
 * view needs are opened once, at open, and every later open of one of them is served from that handle. The
 * writer may compact those tables away and delete them; an open handle (or mapping) keeps the file's data
 * readable until {@link #close()}, as RocksDB's read-only open keeps its table files open.
 */
public final class PinnedTablesFileSystem implements FileSystem, AutoCloseable {

    private final FileSystem fs;
    private final boolean mapped;
    private final ConcurrentHashMap<Path, ReadableFile> pinned = new ConcurrentHashMap<>();

    /** {@code mapped}: pin through {@link FileSystem#openImmutable} (as mapped reads open tables). */
    public PinnedTablesFileSystem(FileSystem fs, boolean mapped) {
        this.fs = fs;
        this.mapped = mapped;
    }

    /** Opens {@code path} now and keeps it open; fails if it is already gone. */
    public void pin(Path path) throws IOException {
        if (!pinned.containsKey(path)) {
            pinned.put(path, mapped ? fs.openImmutable(path) : fs.openForRead(path));
        }
    }

    @Override
    public ReadableFile openForRead(Path path) throws IOException {
        ReadableFile f = pinned.get(path);
        return f != null ? new Shared(f) : fs.openForRead(path);
    }

    @Override
    public ReadableFile openImmutable(Path path) throws IOException {
        ReadableFile f = pinned.get(path);
        return f != null ? new Shared(f) : fs.openImmutable(path);
    }

    @Override
    public void close() {
        for (ReadableFile f : pinned.values()) {
            try {
                f.close();
            } catch (IOException ignored) {
                // read-only handles: nothing to lose
            }
        }
        pinned.clear();
    }

    /** A view of a pinned handle whose close leaves the handle open. */
    private record Shared(ReadableFile file) implements ReadableFile {
        @Override
        public int read(long position, byte[] dst, int offset, int length) throws IOException {
            return file.read(position, dst, offset, length);
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public ByteBuffer mapping() {
            return file.mapping();
        }

        @Override
        public void close() {
            // the pinned handle lives until the database closes
        }
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        return fs.create(path);
    }

    @Override
    public WritableFile createPreallocated(Path path, long size) throws IOException {
        return fs.createPreallocated(path, size);
    }

    @Override
    public boolean exists(Path path) {
        return fs.exists(path);
    }

    @Override
    public long size(Path path) throws IOException {
        return fs.size(path);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return fs.list(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        fs.delete(path);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        fs.rename(from, to);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        fs.createDirectories(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        fs.syncDirectory(dir);
    }

    @Override
    public FileLock lock(Path lockFile) throws IOException {
        return fs.lock(lockFile);
    }
}
