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
import lsmdb.core.CorruptionException;
import lsmdb.core.io.ReadableFile;

/**
 * Reads the logical records of a log written by {@link LogWriter} (format described there), block by block.
 *
 * <p>Damage is classified by what follows it. A crash can only leave the end of a log incomplete, so a bad
 * physical record (incomplete header or payload, unknown type, checksum mismatch, zeros) or a logical record
 * missing its end, with no valid FULL or FIRST record anywhere after it, is a <em>torn tail</em>: the
 * unfinished logical record and everything after it are dropped, reported to the {@link Reporter}, and
 * {@link #readRecord} returns null. If a valid FULL or FIRST record follows, data was lost in the middle of
 * the log: {@link CorruptionException} naming the file and offset. (Valid MIDDLE/LAST fragments after the
 * damage do not count: they can belong to the torn last record itself.) Damage whose bytes read differently a
 * second time is an append in progress (a writer's live log read by a read-only open): the log ends there.
 */
public final class LogReader implements Closeable {

    /** Told about a torn tail before it is dropped: recovery keeps its bytes, logs it, or refuses by throwing. */
    public interface Reporter {
        void tornTail(long offset, long bytesDropped, String reason) throws IOException;
    }

    private static final int EOF = 0;
    private static final int BAD = -1;

    private final ReadableFile file;
    private final String fileName;
    private final Reporter reporter;
    private long fileSize = -1;
    private final byte[] block = new byte[BLOCK_SIZE];
    private long blockStart;
    private int blockLength;
    private int position;
    private boolean finished;
    /** The offset just past the last record returned. */
    private long recordsEnd;

    /** Set by {@link #nextPhysicalRecord}. */
    private long recordOffset;
    private int fragmentStart;
    private int fragmentLength;
    private String badReason;

    /** Fragments of a logical record spanning blocks, reused between records. */
    private byte[] assembly = new byte[BLOCK_SIZE];
    private int assemblyLength;

    public LogReader(ReadableFile file, String fileName, Reporter reporter) {
        this.file = Objects.requireNonNull(file, "file");
        this.fileName = fileName;
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /** The next logical record, or null at the end of the log (including after a dropped torn tail). */
    public byte[] readRecord() throws IOException {
        if (finished) {
            return null;
        }
        if (fileSize < 0) {
            fileSize = file.size();
            blockLength = readBlock(0, block);
        }
        boolean inFragments = false;
        long logicalStart = -1;
        assemblyLength = 0;
        while (true) {
            int type = nextPhysicalRecord();
            if (type == EOF) {
                if (inFragments) {
                    return tornOrCorrupt(logicalStart, logicalStart,
                            "record starting at offset " + logicalStart + " has no LAST fragment before end of file");
                }
                finished = true;
                return null;
            }
            if (type == BAD) {
                if (!inFragments && onlyZerosFrom(recordOffset)) {
                    finished = true; // the unwritten rest of a preallocated log
                    return null;
                }
                return tornOrCorrupt(recordOffset, inFragments ? logicalStart : recordOffset, badReason);
            }
            switch (type) {
                case FULL:
                case FIRST:
                    if (inFragments) {
                        throw new CorruptionException(fileName + ": record starting at offset " + logicalStart
                                + " is cut off by a new record at offset " + recordOffset + " before its LAST fragment");
                    }
                    if (type == FULL) {
                        recordsEnd = blockStart + position;
                        return Arrays.copyOfRange(block, fragmentStart, fragmentStart + fragmentLength);
                    }
                    inFragments = true;
                    logicalStart = recordOffset;
                    appendFragment();
                    break;
                case MIDDLE:
                case LAST:
                    if (!inFragments) {
                        return tornOrCorrupt(recordOffset, recordOffset,
                                (type == MIDDLE ? "MIDDLE" : "LAST") + " fragment without a FIRST");
                    }
                    appendFragment();
                    if (type == LAST) {
                        recordsEnd = blockStart + position;
                        return Arrays.copyOf(assembly, assemblyLength);
                    }
                    break;
                default:
                    throw new AssertionError(type);
            }
        }
    }

    /**
     * The offset just past the last record {@link #readRecord} returned: once it has returned null, where the log's
     * data ends (zeros of a preallocated or mapped log, or a dropped torn tail, may follow).
     */
    public long endOfRecords() {
        return recordsEnd;
    }

    private void appendFragment() {
        if (assemblyLength + fragmentLength > assembly.length) {
            assembly = Arrays.copyOf(assembly, Math.max(assembly.length * 2, assemblyLength + fragmentLength));
        }
        System.arraycopy(block, fragmentStart, assembly, assemblyLength, fragmentLength);
        assemblyLength += fragmentLength;
    }

    /** Returns a record type, {@link #EOF}, or {@link #BAD} with {@link #badReason} and {@link #recordOffset} set. */
    private int nextPhysicalRecord() throws IOException {
        while (true) {
            int remaining = blockLength - position;
            recordOffset = blockStart + position;
            if (remaining < HEADER_SIZE) {
                if (blockLength == BLOCK_SIZE) {
                    // Zero padding at the end of a full block; records continue in the next one.
                    blockStart += BLOCK_SIZE;
                    blockLength = readBlock(blockStart, block);
                    position = 0;
                    continue;
                }
                if (remaining == 0) {
                    return EOF;
                }
                badReason = "incomplete record header at end of file";
                return BAD;
            }
            int type = LogFormat.type(block, position);
            int length = LogFormat.payloadLength(block, position);
            if (!LogFormat.isKnownType(type)) {
                badReason = "unknown record type " + type;
                return BAD;
            }
            if (position + HEADER_SIZE + length > blockLength) {
                badReason = blockLength < BLOCK_SIZE
                        ? "incomplete record payload at end of file (length " + length + ")"
                        : "record length " + length + " runs past the end of its block";
                return BAD;
            }
            if (!LogFormat.checksumMatches(block, position)) {
                badReason = "checksum mismatch";
                return BAD;
            }
            fragmentStart = position + HEADER_SIZE;
            fragmentLength = length;
            position += HEADER_SIZE + length;
            return type;
        }
    }

    /** Whether every byte from {@code offset} to the end of the file is zero (space preallocated, never written). */
    private boolean onlyZerosFrom(long offset) throws IOException {
        byte[] buf = new byte[BLOCK_SIZE];
        for (long start = offset / BLOCK_SIZE * BLOCK_SIZE; start < fileSize; start += BLOCK_SIZE) {
            int n = readBlock(start, buf);
            for (int i = (int) Math.max(0, offset - start); i < n; i++) {
                if (buf[i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Damage at {@code badOffset}: corruption if a logical record starts after it, otherwise a torn tail
     * dropped from {@code dropFrom}.
     */
    private byte[] tornOrCorrupt(long badOffset, long dropFrom, String reason) throws IOException {
        if (logicalRecordStartsAfter(badOffset)) {
            if (changedSinceRead(badOffset)) {
                // A live writer's append, caught half copied (a read-only open or a verify of a database in use:
                // mapped logs are appended by memory copies): the log as read ends here. Nothing was damaged.
                finished = true;
                return null;
            }
            throw new CorruptionException(fileName + ": " + reason + " at offset " + badOffset
                    + ", and valid records follow (corruption in the middle of the log)");
        }
        finished = true;
        reporter.tornTail(dropFrom, fileSize - dropFrom, reason + " at offset " + badOffset);
        return null;
    }

    /**
     * Whether the bytes of the current block from {@code offset} on read differently now than when the block was
     * read: a file being appended to. Damage on a file nobody writes reads the same every time.
     */
    private boolean changedSinceRead(long offset) throws IOException {
        if (offset < blockStart || offset >= blockStart + blockLength) {
            return false;
        }
        byte[] now = new byte[BLOCK_SIZE];
        int n = readBlock(blockStart, now);
        int from = (int) (offset - blockStart);
        return n < blockLength || !Arrays.equals(block, from, blockLength, now, from, blockLength);
    }

    /**
     * Searches every byte position after {@code badOffset} for a valid FULL or FIRST record, skipping over
     * valid records found on the way (so their payloads are not searched).
     */
    private boolean logicalRecordStartsAfter(long badOffset) throws IOException {
        byte[] buf = new byte[BLOCK_SIZE];
        long start = (badOffset + 1) / BLOCK_SIZE * BLOCK_SIZE;
        int p = (int) (badOffset + 1 - start);
        for (; start < fileSize; start += BLOCK_SIZE, p = 0) {
            int n = readBlock(start, buf);
            while (p + HEADER_SIZE <= n) {
                if (LogFormat.isValidRecord(buf, p, n)) {
                    int type = LogFormat.type(buf, p);
                    if (type == FULL || type == FIRST) {
                        return true;
                    }
                    p += HEADER_SIZE + LogFormat.payloadLength(buf, p);
                } else {
                    p++;
                }
            }
        }
        return false;
    }

    /** Reads the block at {@code start} into {@code dst}; returns its length (less than a block only at the end). */
    private int readBlock(long start, byte[] dst) throws IOException {
        int n = 0;
        while (n < BLOCK_SIZE) {
            int r = file.read(start + n, dst, n, BLOCK_SIZE - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
