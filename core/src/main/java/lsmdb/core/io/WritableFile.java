package lsmdb.core.io;

import java.io.Closeable;
import java.io.IOException;

/** A file being written sequentially. Not thread-safe: one writer at a time. */
public interface WritableFile extends Closeable {

    void append(byte[] data, int offset, int length) throws IOException;

    default void append(byte[] data) throws IOException {
        append(data, 0, data.length);
    }

    /** Hands buffered bytes to the operating system: they survive a process crash, not a power loss. */
    void flush() throws IOException;

    /** {@link #flush()}, then forces the data to stable storage (fdatasync): it survives a power loss. */
    void sync() throws IOException;

    /** Bytes appended so far, buffered or not. */
    long size();
}
