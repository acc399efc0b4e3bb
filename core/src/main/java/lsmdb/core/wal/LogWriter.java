package lsmdb.core.wal;

import java.io.Closeable;
import java.io.IOException;
import lsmdb.core.io.WritableFile;
import lsmdb.core.util.Coding;
import lsmdb.core.util.Crc;

/**
 * Appends records to a log: the WAL ({@code NNNNNN.log}) and the MANIFEST share this format.
 *
 * <p>The file is a sequence of 32 KiB blocks. A record is stored as one or more fragments; a fragment never
 * crosses a block boundary, and a block tail too short for a header (under 7 bytes) is zero-filled.
 *
 * <pre>
 * fragment = checksum (fixed32, masked CRC32C of type and payload)
 *          | length   (2 bytes, little-endian: payload bytes)
 *          | type     (1 byte: FULL = 1, FIRST = 2, MIDDLE = 3, LAST = 4)
 *          | payload  (length bytes)
 * </pre>
 *
 * A record that fits in the rest of its block is one FULL fragment; otherwise FIRST, MIDDLE..., LAST. Blocks let a
 * reader resynchronise after damage, and the per-fragment checksum tells a torn write from good data.
 *
 * <p>{@link #addRecord} does not flush: the caller (group commit) appends a whole group, then flushes or syncs once.
 */
public final class LogWriter implements Closeable {

    public static final int BLOCK_SIZE = 32 * 1024;
    public static final int HEADER_SIZE = 7;
    static final byte FULL = 1;
    static final byte FIRST = 2;
    static final byte MIDDLE = 3;
    static final byte LAST = 4;
    private static final byte[] ZEROS = new byte[HEADER_SIZE];

    private final WritableFile file;
    private final byte[] header = new byte[HEADER_SIZE];
    private int blockOffset;

    /** REQUIRES: {@code file} is empty. */
    public LogWriter(WritableFile file) {
        this.file = file;
        this.blockOffset = (int) (file.size() % BLOCK_SIZE);
    }

    public void addRecord(byte[] data) throws IOException {
        addRecord(data, 0, data.length);
    }

    public void addRecord(byte[] data, int off, int len) throws IOException {
        boolean begin = true;
        do {
            int leftover = BLOCK_SIZE - blockOffset;
            if (leftover < HEADER_SIZE) {
                if (leftover > 0) {
                    file.append(ZEROS, 0, leftover);
                }
                blockOffset = 0;
                leftover = BLOCK_SIZE;
            }
            int fragment = Math.min(len, leftover - HEADER_SIZE);
            boolean end = fragment == len;
            byte type = begin && end ? FULL : begin ? FIRST : end ? LAST : MIDDLE;
            emit(type, data, off, fragment);
            off += fragment;
            len -= fragment;
            begin = false;
        } while (len > 0);
    }

    private void emit(byte type, byte[] data, int off, int len) throws IOException {
        Coding.putFixed32(header, 0, Crc.mask(Crc.crc32c(type, data, off, len)));
        header[4] = (byte) len;
        header[5] = (byte) (len >>> 8);
        header[6] = type;
        file.append(header, 0, HEADER_SIZE);
        file.append(data, off, len);
        blockOffset += HEADER_SIZE + len;
    }

    /** Hands appended records to the OS (they survive a process crash). */
    public void flush() throws IOException {
        file.flush();
    }

    /** Makes appended records durable (they survive a power loss). */
    public void sync() throws IOException {
        file.sync();
    }

    public long size() {
        return file.size();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
