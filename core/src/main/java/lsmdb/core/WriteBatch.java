package lsmdb.core;

import java.util.Arrays;
import java.util.Objects;
import lsmdb.core.util.Coding;

/**
 * Puts and deletes applied atomically by {@link LsmDb#write}. Its encoding is also the WAL record payload:
 *
 * <pre>
 * batch  = sequence (fixed64) | count (fixed32) | record*
 * record = PUT          (1) | varint32 key length | key | varint32 value length | value
 *        | DELETE       (0) | varint32 key length | key
 *        | RANGE_DELETE (2) | varint32 start length | start | varint32 end length | end   -- [start, end)
 * </pre>
 *
 * The sequence is assigned at commit: the batch's records get consecutive sequence numbers from it.
 * Not thread-safe; reusable after {@link #clear()}.
 */
public final class WriteBatch {

    static final byte RECORD_DELETE = 0;
    static final byte RECORD_PUT = 1;
    static final byte RECORD_RANGE_DELETE = 2;
    static final int HEADER_SIZE = 12;

    private byte[] rep = new byte[64];
    private int size = HEADER_SIZE;
    private int count;

    public WriteBatch put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        ensure(1 + 10 + key.length + value.length);
        rep[size++] = RECORD_PUT;
        appendSlice(key);
        appendSlice(value);
        count++;
        return this;
    }

    public WriteBatch delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        ensure(1 + 5 + key.length);
        rep[size++] = RECORD_DELETE;
        appendSlice(key);
        count++;
        return this;
    }

    /** Deletes every key in {@code [startKey, endKey)}; a no-op if {@code startKey >= endKey}. */
    public WriteBatch deleteRange(byte[] startKey, byte[] endKey) {
        Objects.requireNonNull(startKey, "startKey");
        Objects.requireNonNull(endKey, "endKey");
        ensure(1 + 10 + startKey.length + endKey.length);
        rep[size++] = RECORD_RANGE_DELETE;
        appendSlice(startKey);
        appendSlice(endKey);
        count++;
        return this;
    }

    /** Number of records (puts, deletes and range deletes). */
    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Bytes of the encoded batch: a measure of the memory and log space it will take. */
    public int approximateSize() {
        return size;
    }

    public WriteBatch clear() {
        size = HEADER_SIZE;
        count = 0;
        return this;
    }

    /** Appends every record of {@code other} to this batch. */
    public WriteBatch append(WriteBatch other) {
        int n = other.size - HEADER_SIZE;
        ensure(n);
        System.arraycopy(other.rep, HEADER_SIZE, rep, size, n);
        size += n;
        count += other.count;
        return this;
    }

    /** Calls {@code handler} for each record in order. */
    public void forEach(Handler handler) {
        Coding.putFixed32(rep, 8, count);
        forEachRecord(rep, 0, size, handler);
    }

    /** Receives a batch's records in order. */
    public interface Handler {
        void put(byte[] key, byte[] value);

        void delete(byte[] key);

        default void deleteRange(byte[] startKey, byte[] endKey) {
            throw new UnsupportedOperationException("range delete");
        }
    }

    /** The encoding with {@code sequence} filled in, as written to the WAL. */
    byte[] encode(long sequence) {
        Coding.putFixed64(rep, 0, sequence);
        Coding.putFixed32(rep, 8, count);
        return Arrays.copyOf(rep, size);
    }

    /** Writes the encoding with {@code sequence} into {@code dst} at {@code off}; returns bytes written. */
    int encodeInto(long sequence, byte[] dst, int off) {
        Coding.putFixed64(rep, 0, sequence);
        Coding.putFixed32(rep, 8, count);
        System.arraycopy(rep, 0, dst, off, size);
        return size;
    }

    int encodedSize() {
        return size;
    }

    /** The sequence number stored in an encoded batch (a WAL record); for tools that read logs. */
    public static long sequenceOf(byte[] encoded) {
        return Coding.getFixed64(encoded, 0);
    }

    /**
     * Decodes the records of an encoded batch (e.g. a WAL record).
     *
     * @throws IllegalArgumentException if the encoding is malformed
     */
    public static void forEachRecord(byte[] enc, int off, int len, Handler handler) {
        if (len < HEADER_SIZE) {
            throw new IllegalArgumentException("write batch too short: " + len + " bytes");
        }
        int limit = off + len;
        int[] pos = {off + HEADER_SIZE};
        int expected = Coding.getFixed32(enc, off + 8);
        int seen = 0;
        while (pos[0] < limit) {
            byte kind = enc[pos[0]++];
            byte[] key = slice(enc, pos, limit);
            switch (kind) {
                case RECORD_PUT -> handler.put(key, slice(enc, pos, limit));
                case RECORD_DELETE -> handler.delete(key);
                case RECORD_RANGE_DELETE -> handler.deleteRange(key, slice(enc, pos, limit));
                default -> throw new IllegalArgumentException("unknown write batch record kind " + kind);
            }
            seen++;
        }
        if (seen != expected) {
            throw new IllegalArgumentException("write batch says " + expected + " records, holds " + seen);
        }
    }

    private static byte[] slice(byte[] enc, int[] pos, int limit) {
        int n = Coding.getVarint32(enc, pos, limit);
        if (n < 0 || pos[0] + n > limit) {
            throw new IllegalArgumentException("write batch record overruns the batch");
        }
        byte[] b = Arrays.copyOfRange(enc, pos[0], pos[0] + n);
        pos[0] += n;
        return b;
    }

    private void appendSlice(byte[] b) {
        size = Coding.putVarint32(rep, size, b.length);
        System.arraycopy(b, 0, rep, size, b.length);
        size += b.length;
    }

    private void ensure(int extra) {
        if (size + extra > rep.length) {
            rep = Arrays.copyOf(rep, Math.max(rep.length * 2, size + extra));
        }
    }
}
