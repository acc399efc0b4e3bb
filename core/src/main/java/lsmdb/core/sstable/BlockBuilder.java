package lsmdb.core.sstable;

import java.util.Arrays;
import lsmdb.core.format.InternalKey;
import lsmdb.core.util.Coding;

/**
 * Builds one block: sorted entries with prefix-compressed keys.
 *
 * <pre>
 * block   = entry* | restart offset (fixed32)* | restart count (fixed32)
 * entry   = shared key bytes (varint32) | unshared key bytes (varint32) | value length (varint32)
 *         | unshared key bytes | value
 * </pre>
 *
 * Every {@code restartInterval}-th entry is a restart point: it stores its whole key (shared = 0), and its offset
 * goes in the restart array, so a reader binary-searches restart points and then scans at most one interval.
 */
final class BlockBuilder {

    private final int restartInterval;
    private byte[] buf = new byte[8192];
    private int size;
    private int[] restarts = new int[64];
    private int restartCount;
    private int sinceRestart;
    /** The last key added: whole, also across {@link #reset()} (which only stops sharing its prefix). */
    private byte[] lastKey = new byte[64];
    private int lastKeyLength;
    /** The length of the last key added since this builder was made, -1 before the first; kept across resets. */
    private int previousKeyLength = -1;
    private int entries;

    BlockBuilder(int restartInterval) {
        this.restartInterval = restartInterval;
        reset();
    }

    void reset() {
        size = 0;
        restartCount = 0;
        addRestart(0);
        sinceRestart = 0;
        lastKeyLength = 0;
        entries = 0;
    }

    private void addRestart(int offset) {
        if (restartCount == restarts.length) {
            restarts = Arrays.copyOf(restarts, restartCount * 2);
        }
        restarts[restartCount++] = offset;
    }

    /** REQUIRES: {@code key} sorts after every key added since the last reset. */
    void add(byte[] key, byte[] value) {
        int at = add(key, key.length, value.length);
        System.arraycopy(value, 0, buf, at, value.length);
    }

    /**
     * Adds an entry of key {@code key[0, keyLength)} and leaves room for its value: the caller writes the
     * {@code valueLength} bytes into {@link #buffer()} at the returned offset (straight from where they are, with
     * no copy in between). REQUIRES: the key sorts after every key added since the last reset.
     */
    int add(byte[] key, int keyLength, int valueLength) {
        int shared = 0;
        if (sinceRestart < restartInterval) {
            int max = Math.min(lastKeyLength, keyLength);
            shared = Arrays.mismatch(lastKey, 0, max, key, 0, max); // vectorized: the byte loop was a tenth of a bulk load
            if (shared < 0) {
                shared = max;
            }
        } else {
            addRestart(size);
            sinceRestart = 0;
        }
        int unshared = keyLength - shared;
        ensure(15 + unshared + valueLength);
        size = Coding.putVarint32(buf, size, shared);
        size = Coding.putVarint32(buf, size, unshared);
        size = Coding.putVarint32(buf, size, valueLength);
        System.arraycopy(key, shared, buf, size, unshared);
        size += unshared;
        int valueAt = size;
        size += valueLength;
        if (lastKey.length < keyLength) {
            lastKey = Arrays.copyOf(lastKey, Math.max(keyLength, lastKey.length * 2));
        }
        System.arraycopy(key, shared, lastKey, shared, unshared);
        lastKeyLength = keyLength;
        previousKeyLength = keyLength;
        sinceRestart++;
        entries++;
        return valueAt;
    }

    /**
     * 1 when internal key {@code key[0, keyLength)} has a user key unlike the last key added (in this block or an
     * earlier one), or none was added yet; 0 when it is another version of that user key. The table builder asks
     * before adding, so it needs no copy of each user key of its own. Straight-line (no branch on the answer).
     */
    int newUserKey(byte[] key, int keyLength) {
        int none = previousKeyLength >>> 31; // 1 before the first key
        int previousUserLength = Math.max(previousKeyLength - InternalKey.TRAILER_SIZE, 0);
        int same = (Arrays.mismatch(lastKey, 0, previousUserLength, key, 0, keyLength - InternalKey.TRAILER_SIZE)
                >>> 31) & (none ^ 1);
        return same ^ 1;
    }

    boolean isEmpty() {
        return entries == 0;
    }

    /** Size of the block if finished now. */
    int estimatedSize() {
        return size + restartCount * 4 + 4;
    }

    /** Appends the restart array; returns the finished block's bytes in {@code buffer()[0..length)}. */
    int finish() {
        ensure(restartCount * 4 + 4);
        for (int i = 0; i < restartCount; i++) {
            Coding.putFixed32(buf, size, restarts[i]);
            size += 4;
        }
        Coding.putFixed32(buf, size, restartCount);
        size += 4;
        return size;
    }

    byte[] buffer() {
        return buf;
    }

    byte[] lastKey() {
        return Arrays.copyOf(lastKey, lastKeyLength);
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
