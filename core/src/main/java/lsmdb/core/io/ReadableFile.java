package lsmdb.core.io;

import java.io.Closeable;
import java.io.IOException;

/** A file read at explicit positions. Thread-safe: concurrent reads need no locking. */
public interface ReadableFile extends Closeable {

    /** Reads up to {@code length} bytes at {@code position}; returns the count read, -1 at end of file. */
    int read(long position, byte[] dst, int offset, int length) throws IOException;

    /** Reads exactly {@code length} bytes at {@code position}; {@link java.io.EOFException} if the file is shorter. */
    default void readFully(long position, byte[] dst, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = read(position + done, dst, offset + done, length - done);
            if (n < 0) {
                throw new java.io.EOFException("read past end of file at " + (position + done));
            }
            done += n;
        }
    }

    long size() throws IOException;

    /**
     * The whole file mapped read-only into memory, for reading in place, or null if this file is not mapped. Valid
     * only until {@link #close()}: whoever reads through it must keep the file open meanwhile.
     */
    default java.nio.ByteBuffer mapping() {
        return null;
    }
}
