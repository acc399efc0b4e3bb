package lsmdb.core.wal;

import static lsmdb.core.wal.LogFormat.BLOCK_SIZE;
import static lsmdb.core.wal.LogFormat.FIRST;
import static lsmdb.core.wal.LogFormat.FULL;
import static lsmdb.core.wal.LogFormat.HEADER_SIZE;
import static lsmdb.core.wal.LogFormat.LAST;
import static lsmdb.core.wal.LogFormat.MIDDLE;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
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
    private final WritableFile file;
    /** Padding, header and payload of the record being appended; reused, grown as records need. */
    private byte[] frame = new byte[256];
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
            int padding = 0;
            if (leftover < HEADER_SIZE) {
                // Too short for a header: zero-filled, in the same append as the next fragment.
                padding = leftover;
                blockOffset = 0;
            }
            int available = BLOCK_SIZE - blockOffset - HEADER_SIZE;
            int fragment = Math.min(len, available);
            boolean end = fragment == len;
            byte type = begin && end ? FULL : begin ? FIRST : end ? LAST : MIDDLE;
            emit(padding, type, data, off, fragment);
            off += fragment;
            len -= fragment;
            begin = false;
        } while (len > 0);
    }

    /**
     * Appends {@code padding} zeros, then one physical record, with one append of a frame copied together: the
     * file's append (bounds, region and buffer checks) is compiled and run once per record instead of two or
     * three times, and the checksum covers the type byte and payload in one pass, as they lie side by side.
     */
    private void emit(int padding, byte type, byte[] data, int off, int len) throws IOException {
        int header = padding; // the header's offset in the frame
        int n = padding + HEADER_SIZE + len;
        byte[] f = frame(n);
        Arrays.fill(f, 0, padding, (byte) 0);
        f[header + 4] = (byte) len;
        f[header + 5] = (byte) (len >>> 8);
        f[header + 6] = type;
        System.arraycopy(data, off, f, header + HEADER_SIZE, len);
        Coding.putFixed32(f, header, Crc.mask(Crc.crc32c(f, header + 6, 1 + len)));
        file.append(f, 0, n);
        blockOffset += HEADER_SIZE + len;
    }

    /** The reused frame, grown to hold {@code n} bytes (at most a block plus a padding: a fragment fits a block). */
    private byte[] frame(int n) {
        if (frame.length < n) {
            frame = new byte[Math.max(n, Math.min(2 * frame.length, BLOCK_SIZE + HEADER_SIZE))];
        }
        return frame;
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
