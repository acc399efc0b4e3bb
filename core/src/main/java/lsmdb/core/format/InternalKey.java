package lsmdb.core.format;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Internal keys: what memtables, WAL replay, tables and compaction sort by.
 *
 * <pre>
 * internal key = user key bytes | trailer (8 bytes, big-endian)
 * trailer      = sequence number (56 bits) &lt;&lt; 8 | value kind (8 bits)
 * </pre>
 *
 * Order: user key ascending (unsigned bytes), then trailer descending, so the newest version of a user key
 * comes first and a seek to {@code (key, snapshotSeq, KIND_FOR_SEEK)} lands on the newest version visible
 * at that snapshot.
 */
public final class InternalKey {

    public static final byte KIND_DELETE = 0;
    public static final byte KIND_PUT = 1;
    /** The largest kind: seeking with it finds every version with sequence {@code <=} the seek's. */
    public static final byte KIND_FOR_SEEK = KIND_PUT;

    public static final int TRAILER_SIZE = 8;
    public static final long MAX_SEQUENCE = (1L << 56) - 1;

    /** Internal-key order over whole arrays. */
    public static final Comparator<byte[]> ORDER = InternalKey::compare;

    private InternalKey() {
    }

    public static byte[] encode(byte[] userKey, long sequence, byte kind) {
        byte[] k = Arrays.copyOf(userKey, userKey.length + TRAILER_SIZE);
        writeTrailer(k, userKey.length, sequence, kind);
        return k;
    }

    /** The key a read at {@code snapshotSequence} seeks to. */
    public static byte[] forSeek(byte[] userKey, long snapshotSequence) {
        return encode(userKey, snapshotSequence, KIND_FOR_SEEK);
    }

    /**
     * {@link #forSeek} written into {@code reuse} when it has exactly the key's length, else into a new array: a
     * reader that seeks ranges with bounds of one length allocates no key.
     */
    public static byte[] forSeekInto(byte[] userKey, long snapshotSequence, byte[] reuse) {
        int n = userKey.length + TRAILER_SIZE;
        byte[] k = reuse != null && reuse.length == n ? reuse : new byte[n];
        System.arraycopy(userKey, 0, k, 0, userKey.length);
        writeTrailer(k, userKey.length, snapshotSequence, KIND_FOR_SEEK);
        return k;
    }

    public static void writeTrailer(byte[] dst, int offset, long sequence, byte kind) {
        long t = (sequence << 8) | (kind & 0xff);
        for (int i = 7; i >= 0; i--) {
            dst[offset + i] = (byte) t;
            t >>>= 8;
        }
    }

    public static int userKeyLength(byte[] internalKey) {
        return internalKey.length - TRAILER_SIZE;
    }

    public static byte[] userKey(byte[] internalKey) {
        return Arrays.copyOf(internalKey, internalKey.length - TRAILER_SIZE);
    }

    public static long trailer(byte[] k, int offset, int length) {
        return lsmdb.core.util.Coding.getBigEndian64(k, offset + length - TRAILER_SIZE);
    }

    public static long sequence(byte[] internalKey) {
        return trailer(internalKey, 0, internalKey.length) >>> 8;
    }

    public static byte kind(byte[] internalKey) {
        return internalKey[internalKey.length - 1];
    }

    public static int compare(byte[] a, byte[] b) {
        return compare(a, 0, a.length, b, 0, b.length);
    }

    /** Internal-key order over slices. */
    public static int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        int c = Arrays.compareUnsigned(a, aOff, aOff + aLen - TRAILER_SIZE, b, bOff, bOff + bLen - TRAILER_SIZE);
        // The trailers decide only on equal user keys, chosen by arithmetic rather than a branch: a bulk load's
        // merges never see equal user keys and an update workload's do, and a branch compiled for the first
        // would be an uncommon trap (throwing away e.g. a merging iterator's compiled code) in the second.
        int tie = ((c | -c) >>> 31) ^ 1;
        return c + tie * Long.compareUnsigned(trailer(b, bOff, bLen), trailer(a, aOff, aLen));
    }

    /** Compares the user-key parts of two internal keys. */
    public static int compareUserKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, 0, a.length - TRAILER_SIZE, b, 0, b.length - TRAILER_SIZE);
    }

    /** Compares the user-key part of internal key {@code internalKey} with user key {@code userKey}. */
    public static int compareUserKey(byte[] internalKey, byte[] userKey) {
        return compareUserKey(internalKey, internalKey.length, userKey);
    }

    /** {@link #compareUserKey(byte[], byte[])} of the internal key in {@code buffer[0, length)} (a reused buffer). */
    public static int compareUserKey(byte[] buffer, int length, byte[] userKey) {
        return Arrays.compareUnsigned(buffer, 0, length - TRAILER_SIZE, userKey, 0, userKey.length);
    }

    /** Whether internal key {@code k} has user key {@code userKey}. */
    public static boolean hasUserKey(byte[] k, byte[] userKey) {
        return k.length - TRAILER_SIZE == userKey.length
                && Arrays.equals(k, 0, userKey.length, userKey, 0, userKey.length);
    }
}
