package lsmdb.core;

/**
 * A cursor over a consistent view (a snapshot) of the database's user keys, in unsigned-byte order.
 * It keeps the files it reads alive until closed. Not thread-safe. I/O errors and corruption surface as
 * {@link java.io.UncheckedIOException}.
 */
public interface LsmIterator extends AutoCloseable {

    boolean isValid();

    void seekToFirst();

    void seekToLast();

    /** Positions at the first key {@code >= key}. */
    void seek(byte[] key);

    /** REQUIRES: {@link #isValid()}. */
    void next();

    /** REQUIRES: {@link #isValid()}. */
    void prev();

    /** REQUIRES: {@link #isValid()}. */
    byte[] key();

    /** REQUIRES: {@link #isValid()}. */
    byte[] value();

    /** REQUIRES: {@link #isValid()}. The length of {@link #key()}, without copying it. */
    default int keyLength() {
        return key().length;
    }

    /**
     * REQUIRES: {@link #isValid()}. Copies the key to {@code dst[offset, offset + keyLength())}: a reader that decodes
     * each key and keeps none reuses one buffer instead of taking a fresh copy per entry.
     */
    default void copyKey(byte[] dst, int offset) {
        byte[] k = key();
        System.arraycopy(k, 0, dst, offset, k.length);
    }

    /** REQUIRES: {@link #isValid()}. The length of {@link #value()}, without copying it. */
    default int valueLength() {
        return value().length;
    }

    /**
     * REQUIRES: {@link #isValid()}. Copies the value to {@code dst[offset, offset + valueLength())}: a reader that
     * tests values and keeps few of them reuses one buffer instead of taking a fresh copy of each.
     */
    default void copyValue(byte[] dst, int offset) {
        byte[] v = value();
        System.arraycopy(v, 0, dst, offset, v.length);
    }

    /**
     * Counts the keys from the current one (included) to the end of the iterator's range, moving forward, and leaves
     * the iterator not valid: {@code COUNT(*)} over a range without copying a key or a value. {@code checkpoint}
     * (null for none) runs every few hundred entries; an exception it throws abandons the count.
     */
    default long countRest(Runnable checkpoint) {
        long n = 0;
        for (; isValid(); next()) {
            if (checkpoint != null && (n & 255) == 255) {
                checkpoint.run();
            }
            n++;
        }
        return n;
    }

    /**
     * Moves forward from the current entry (included) to the first whose value passes {@code test}; false, and not
     * valid, when none does before the end of the range. A scan that filters rows on their stored bytes steps over
     * the others without copying their keys. {@code checkpoint} as for {@link #countRest}.
     */
    default boolean seekMatching(lsmdb.core.format.ForwardCount.ValueTest test, Runnable checkpoint) {
        byte[] buf = new byte[128];
        long n = 0;
        for (; isValid(); next()) {
            if (checkpoint != null && (++n & 255) == 0) {
                checkpoint.run();
            }
            int length = valueLength();
            if (buf.length < length) {
                buf = new byte[length];
            }
            copyValue(buf, 0);
            if (test.test(buf, length)) {
                return true;
            }
        }
        return false;
    }

    @Override
    void close();
}
