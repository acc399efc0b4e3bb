package lsmdb.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * A read-only mapping of a whole file. Reads copy out of it without a system call. Closing unmaps it at once,
 * so callers must not read after close (tables are reference counted and close when the last reader leaves).
 */
final class MappedFile implements ReadableFile {
    private final Path path;
    private final MappedByteBuffer map;
    private final int size;
    private volatile boolean closed;

    MappedFile(Path path, MappedByteBuffer map) {
        this.path = path;
        this.map = map;
        this.size = map.capacity();
    }

    @Override
    public int read(long position, byte[] dst, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException(path + " is closed");
        }
        if (position >= size) {
            return length == 0 ? 0 : -1;
        }
        int n = (int) Math.min(length, size - position);
        try {
            map.get((int) position, dst, offset, n);
        } catch (InternalError e) {
            // The JVM turns a fault in mapped memory (file truncated under us, I/O error) into this.
            throw new IOException("cannot read " + path + " at " + position + ": " + e.getMessage(), e);
        }
        return n;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public ByteBuffer mapping() {
        return map;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Unmapper.unmap(map);
        }
    }
}
