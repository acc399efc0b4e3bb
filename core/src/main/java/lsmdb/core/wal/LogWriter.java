package lsmdb.core.wal;

import static lsmdb.core.wal.LogFormat.BLOCK_SIZE;
import static lsmdb.core.wal.LogFormat.FIRST;
import static lsmdb.core.wal.LogFormat.FULL;
import static lsmdb.core.wal.LogFormat.HEADER_SIZE;
import static lsmdb.core.wal.LogFormat.LAST;
import static lsmdb.core.wal.LogFormat.MIDDLE;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import lsmdb.core.io.WritableFile;
import lsmdb.core.util.Coding;
import lsmdb.core.util.Crc;

/**
 * Appends records to a write-ahead log (and the MANIFEST, which uses the same format).
 *
 * <h2>Log file format (LevelDB's)</h2>
 * The file is a sequence of 32 KiB blocks (the last one may be partial). A block holds physical records:
 * <pre>
 * field     size      meaning
 * checksum  fixed32   CRC32C over type byte + payload, masked (Crc.mask), little-endian
 * length    fixed16   payload length in bytes, little-endian
 * type      1 byte    FULL=1 | FIRST=2 | MIDDLE=3 | LAST=4
 * payload   length    the bytes
 * </pre>
 * A physical record never crosses a block boundary. A logical record that does not fit in what remains of
 * the block is split into FIRST, MIDDLE*, LAST fragments in consecutive blocks (a fragment may be empty).
 * When fewer than 7 bytes (one header) remain in a block, they are filled with zeros and the next record
 * starts at the next block. So every block begins with a record, which lets a reader resynchronize.
 *
 * <p>{@link #addRecord} only appends; the caller chooses when to {@link #flush} or {@link #sync}, so that a group
 * commit can write several batches and sync once. Not thread-safe.
 */
public final class LogWriter implements Closeable {
    private static final byte[] ZEROS = new byte[HEADER_SIZE];

    private final WritableFile file;
    private final byte[] header = new byte[HEADER_SIZE];
    private int blockOffset;

    public LogWriter(WritableFile file) {
        this.file = file;
        this.blockOffset = (int) (file.size() % BLOCK_SIZE);
    }

    public void addRecord(byte[] data) throws IOException {
        addRecord(data, 0, data.length);
    }

    public void addRecord(byte[] data, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, data.length);
        boolean begin = true;
        do {
            int leftover = BLOCK_SIZE - blockOffset;
            if (leftover < HEADER_SIZE) {
                if (leftover > 0) {
                    file.append(ZEROS, 0, leftover);
                }
                blockOffset = 0;
            }
            int available = BLOCK_SIZE - blockOffset - HEADER_SIZE;
            int fragment = Math.min(len, available);
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

    /** Hands appended records to the operating system: they survive a process crash. */
    public void flush() throws IOException {
        file.flush();
    }

    /** Makes appended records durable: they survive a power loss. */
    public void sync() throws IOException {
        file.sync();
    }

    /** Bytes written to the log so far, including buffered ones. */
    public long size() {
        return file.size();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
