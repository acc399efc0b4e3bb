package lsmdb.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file system for a read-only open of a database another process writes (SPEC §2): the logs and tables the
 * read-only view needs are opened once, at open, and every later open of one of them is served from that handle,
 * cut at the length the file had when pinned. The writer may append to those logs, or delete them and the tables
 * after a flush or compaction; an open handle (or mapping) keeps the data readable until {@link #close()}, as
 * RocksDB's read-only open keeps its files open. So recovery, reads and a checkpoint all see the same bytes.
 */
public final class PinningFileSystem extends ForwardingFileSystem implements AutoCloseable {

    private final ConcurrentHashMap<Path, Shared> pinned = new ConcurrentHashMap<>();

    public PinningFileSystem(FileSystem fs) {
        super(fs);
    }

    /**
     * Opens {@code path} now and keeps it open at its present length; fails if it is already gone. {@code mapped}:
     * through {@link FileSystem#openImmutable}, as tables are opened for mapped reads.
     */
    public void pin(Path path, boolean mapped) throws IOException {
        if (!pinned.containsKey(path)) {
            ReadableFile f = mapped ? target.openImmutable(path) : target.openForRead(path);
            pinned.put(path, new Shared(f, f.size()));
        }
    }

    /** Lowers the length a pinned {@code path} is read at to {@code length} (no effect if it is not pinned). */
    public void cut(Path path, long length) {
        pinned.computeIfPresent(path, (p, s) -> new Shared(s.file(), Math.min(s.length(), length)));
    }

    /** The length {@code path} was pinned at, or -1 if it is not pinned. */
    public long pinnedLength(Path path) {
        Shared s = pinned.get(path);
        return s == null ? -1 : s.length();
    }

    @Override
    public ReadableFile openForRead(Path path) throws IOException {
        Shared f = pinned.get(path);
        return f != null ? f : target.openForRead(path);
    }

    @Override
    public ReadableFile openImmutable(Path path) throws IOException {
        Shared f = pinned.get(path);
        return f != null ? f : target.openImmutable(path);
    }

    @Override
    public void close() {
        for (Shared f : pinned.values()) {
            try {
                f.file().close();
            } catch (IOException ignored) {
                // read-only handles: nothing to lose
            }
        }
        pinned.clear();
    }

    /** A pinned handle, cut at its pinned length, whose close leaves it open (it closes with the file system). */
    private record Shared(ReadableFile file, long length) implements ReadableFile {
        @Override
        public int read(long position, byte[] dst, int offset, int len) throws IOException {
            if (position >= length) {
                return -1;
            }
            return file.read(position, dst, offset, (int) Math.min(len, length - position));
        }

        @Override
        public long size() {
            return length;
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
}
