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

    private static final byte[][] NO_REFS = new byte[0][];
    /** The value slot of an owned delete in {@link #refs}. */
    private static final byte[] DELETED = new byte[0];

    private byte[] rep;
    private int size = HEADER_SIZE;
    private int count;
    /**
     * The arrays handed over by {@link #putOwned} and {@link #deleteOwned}: key, then value ({@link #DELETED} for a
     * delete), per record. Used only while every record was added so ({@code owned == count}); then reading the
     * batch hands out these arrays instead of decoding copies from {@link #rep}.
     */
    private byte[][] refs = NO_REFS;
    /** How many records were added with their arrays handed over; -1 once another kind was mixed in. */
    private int owned;

    public WriteBatch() {
        this(64);
    }

    /** A batch with room for about {@code expectedBytes} of keys and values before it grows. */
    public WriteBatch(int expectedBytes) {
        rep = new byte[HEADER_SIZE + Math.max(52, Math.min(expectedBytes, 1 << 20) + 32)];
    }

    /**
     * A batch with room for about {@code expectedBytes} of keys and values and for the arrays of
     * {@code expectedRecords} records handed over ({@link #putOwned}), so a small batch's list of them never grows.
     */
    public WriteBatch(int expectedBytes, int expectedRecords) {
        this(expectedBytes);
        if (expectedRecords > 0) {
            refs = new byte[2 * Math.min(expectedRecords, 1 << 16)][];
        }
    }

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

    /**
     * {@link #put} handing the arrays over: the batch, and after the write the memtable, keep them instead of
     * copies, so the caller must never change them again. Saves copying every key and value once more per write.
     */
    public WriteBatch putOwned(byte[] key, byte[] value) {
        boolean all = owned == count;
        put(key, value);
        keep(all, key, value);
        return this;
    }

    /** {@link #delete} handing the key over, as {@link #putOwned} does. */
    public WriteBatch deleteOwned(byte[] key) {
        boolean all = owned == count;
        delete(key);
        keep(all, key, DELETED);
        return this;
    }

    private void keep(boolean allOwnedBefore, byte[] key, byte[] value) {
        if (allOwnedBefore) {
            addRef(key, value);
        } else {
            owned = -1;
        }
    }

    private void addRef(byte[] key, byte[] value) {
        if (2 * owned + 2 > refs.length) {
            refs = Arrays.copyOf(refs, Math.max(8, refs.length * 2));
        }
        refs[2 * owned] = key;
        refs[2 * owned + 1] = value;
        owned++;
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
        // Let the handed-over arrays go. A plain loop over the slots used: a session clears its statement batch
        // per statement, and Arrays.fill(Object[]), whose profile every caller's array types share, kept
        // trapping in C2 there (predicate, array_check).
        if (owned > 0) {
            for (int i = 0, n = 2 * owned; i < n; i++) {
                refs[i] = null;
            }
        } else if (owned < 0) {
            Arrays.fill(refs, null); // a mixed batch: how many were handed over before the mix is not kept
        }
        owned = 0;
        return this;
    }

    /** Appends every record of {@code other} to this batch. */
    public WriteBatch append(WriteBatch other) {
        boolean bothOwned = owned == count && other.owned == other.count;
        int n = other.size - HEADER_SIZE;
        ensure(n);
        System.arraycopy(other.rep, HEADER_SIZE, rep, size, n);
        size += n;
        if (bothOwned) {
            for (int i = 0; i < other.count; i++) {
                addRef(other.refs[2 * i], other.refs[2 * i + 1]);
            }
        } else {
            owned = -1;
        }
        count += other.count;
        return this;
    }

    /** Calls {@code handler} for each record in order. */
    public void forEach(Handler handler) {
        if (owned == count) {
            for (int i = 0; i < count; i++) {
                byte[] value = refs[2 * i + 1];
                if (value == DELETED) {
                    handler.delete(refs[2 * i]);
                } else {
                    handler.put(refs[2 * i], value);
                }
            }
            return;
        }
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

    /**
     * The batch's own encoding with {@code sequence} filled in, valid for {@link #encodedSize()} bytes until the
     * batch changes: the log appends it without a copy.
     */
    byte[] sealed(long sequence) {
        Coding.putFixed64(rep, 0, sequence);
        Coding.putFixed32(rep, 8, count);
        return rep;
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
