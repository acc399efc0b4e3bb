package lsmdb.core.wal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import lsmdb.core.CorruptionException;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.util.Coding;
import lsmdb.core.util.Crc;

/**
 * Reads the records of a log written by {@link LogWriter} (format there).
 *
 * <p>Damage is judged by what follows it. A bad or incomplete fragment with no valid fragment after it anywhere in
 * the file is a torn tail — the crash interrupted the last write — so it is dropped and reported to the
 * {@link Reporter}, and reading ends. A bad fragment followed by valid data is corruption in the middle of the log:
 * {@link CorruptionException} naming the file and offset.
 */
public final class LogReader implements Closeable {

    /** Receives the torn tail dropped at the end of a log. */
    public interface Reporter {
        void tornTail(long offset, long bytesDropped, String reason);
    }

    private final ReadableFile file;
    private final String fileName;
    private final Reporter reporter;
    private final long fileSize;
    private final byte[] block = new byte[LogWriter.BLOCK_SIZE];
    private long blockStart = -LogWriter.BLOCK_SIZE;
    private int blockLength;
    private long position;
    private boolean eof;

    public LogReader(ReadableFile file, String fileName, Reporter reporter) throws IOException {
        this.file = file;
        this.fileName = fileName;
        this.reporter = reporter;
        this.fileSize = file.size();
    }

    /** The next record, or null at the end of the log (after reporting any torn tail). */
    public byte[] readRecord() throws IOException {
        if (eof) {
            return null;
        }
        ByteArrayOutputStream assembling = null;
        long recordStart = position;
        for (;;) {
            long fragmentStart = position;
            Fragment f = readFragment();
            if (f == null) {
                if (assembling != null) {
                    tail(recordStart, "a record's first fragments without its last");
                }
                eof = true;
                return null;
            }
            if (f.bad != null) {
                long badAt = assembling != null ? recordStart : fragmentStart;
                if (validFragmentAfter(position)) {
                    throw new CorruptionException(fileName + ": corrupted log record at offset " + fragmentStart
                            + ": " + f.bad);
                }
                tail(badAt, f.bad);
                eof = true;
                return null;
            }
            switch (f.type) {
                case LogWriter.FULL -> {
                    if (assembling != null) {
                        return middleError(fragmentStart, "a record's last fragment is missing");
                    }
                    return f.payload();
                }
                case LogWriter.FIRST -> {
                    if (assembling != null) {
                        return middleError(fragmentStart, "a record's last fragment is missing");
                    }
                    recordStart = fragmentStart;
                    assembling = new ByteArrayOutputStream();
                    assembling.write(block, f.offset, f.length);
                }
                case LogWriter.MIDDLE, LogWriter.LAST -> {
                    if (assembling == null) {
                        return middleError(fragmentStart, "a record fragment without its first fragment");
                    }
                    assembling.write(block, f.offset, f.length);
                    if (f.type == LogWriter.LAST) {
                        return assembling.toByteArray();
                    }
                }
                default -> throw new IllegalStateException("unreachable");
            }
        }
    }

    private byte[] middleError(long at, String why) throws IOException {
        if (validFragmentAfter(position)) {
            throw new CorruptionException(fileName + ": corrupted log at offset " + at + ": " + why);
        }
        tail(at, why);
        eof = true;
        return null;
    }

    private void tail(long offset, String reason) {
        long dropped = fileSize - offset;
        if (reporter != null && dropped > 0) {
            reporter.tornTail(offset, dropped, reason);
        }
    }

    /** A fragment read from the current block; {@code bad} names what is wrong with it, if anything. */
    private record Fragment(byte type, int offset, int length, String bad, byte[] src) {
        byte[] payload() {
            byte[] p = new byte[length];
            System.arraycopy(src, offset, p, 0, length);
            return p;
        }
    }

    /** The fragment at {@link #position}, skipping zero padding; null at a clean end of file. */
    private Fragment readFragment() throws IOException {
        for (;;) {
            if (position >= fileSize) {
                return null;
            }
            loadBlockAt(position);
            int inBlock = (int) (position - blockStart);
            int left = blockLength - inBlock;
            if (LogWriter.BLOCK_SIZE - inBlock < LogWriter.HEADER_SIZE) {
                position = blockStart + LogWriter.BLOCK_SIZE; // zero-filled block trailer
                continue;
            }
            if (left < LogWriter.HEADER_SIZE) {
                position = fileSize;
                return allZero(inBlock, left) ? null : new Fragment((byte) 0, 0, 0, "incomplete fragment header", block);
            }
            int length = (block[inBlock + 4] & 0xff) | (block[inBlock + 5] & 0xff) << 8;
            byte type = block[inBlock + 6];
            if (type == 0 && length == 0 && Coding.getFixed32(block, inBlock) == 0) {
                // Zeros where a header should be: preallocated or torn space. Valid only as the end of the log.
                position = blockStart + LogWriter.BLOCK_SIZE;
                return new Fragment((byte) 0, 0, 0, "zero-filled space", block);
            }
            if (inBlock + LogWriter.HEADER_SIZE + length > blockLength) {
                position = blockStart + Math.min(LogWriter.BLOCK_SIZE, blockLength);
                boolean truncated = blockStart + blockLength >= fileSize;
                return new Fragment(type, 0, 0, truncated ? "fragment cut short by the end of the file"
                        : "fragment length " + length + " overruns its block", block);
            }
            int payloadAt = inBlock + LogWriter.HEADER_SIZE;
            position = blockStart + payloadAt + length;
            int expected = Crc.unmask(Coding.getFixed32(block, inBlock));
            if (Crc.crc32c(type, block, payloadAt, length) != expected) {
                return new Fragment(type, 0, 0, "checksum mismatch", block);
            }
            if (type < LogWriter.FULL || type > LogWriter.LAST) {
                return new Fragment(type, 0, 0, "unknown fragment type " + type, block);
            }
            return new Fragment(type, payloadAt, length, null, block);
        }
    }

    private boolean allZero(int from, int n) {
        for (int i = 0; i < n; i++) {
            if (block[from + i] != 0) {
                return false;
            }
        }
        return true;
    }

    private void loadBlockAt(long pos) throws IOException {
        long start = pos - pos % LogWriter.BLOCK_SIZE;
        if (start == blockStart) {
            return;
        }
        int n = (int) Math.min(LogWriter.BLOCK_SIZE, fileSize - start);
        file.readFully(start, block, 0, n);
        blockStart = start;
        blockLength = n;
    }

    /**
     * Whether a fragment with a valid checksum starts anywhere at or after {@code from} (scanning every offset, since
     * damage may have destroyed the framing). Used only when something is wrong, so its cost does not matter.
     */
    private boolean validFragmentAfter(long from) throws IOException {
        byte[] buf = new byte[LogWriter.BLOCK_SIZE];
        for (long start = from - from % LogWriter.BLOCK_SIZE; start < fileSize; start += LogWriter.BLOCK_SIZE) {
            int n = (int) Math.min(LogWriter.BLOCK_SIZE, fileSize - start);
            file.readFully(start, buf, 0, n);
            int first = start < from ? (int) (from - start) : 0;
            for (int i = first; i + LogWriter.HEADER_SIZE <= n; i++) {
                int length = (buf[i + 4] & 0xff) | (buf[i + 5] & 0xff) << 8;
                byte type = buf[i + 6];
                if (type < LogWriter.FULL || type > LogWriter.LAST || i + LogWriter.HEADER_SIZE + length > n) {
                    continue;
                }
                int expected = Crc.unmask(Coding.getFixed32(buf, i));
                if (Crc.crc32c(type, buf, i + LogWriter.HEADER_SIZE, length) == expected) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
