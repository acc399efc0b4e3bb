package lsmdb.sql.indexbuild;

import java.io.IOException;
import lsmdb.core.LsmIterator;

/**
 * Streams the rows of one key range into a {@link ValueStreams}, at most {@link #CHUNK} rows per call of
 * {@link #streamRows}. The per-row loop is a method that returns every few hundred rows, so the JIT compiles it
 * as an ordinary method, once, and every range and thread runs that code: a loop over a whole range would be
 * compiled on its stack (OSR) and thrown away (an uncommon trap: a branch its profile never saw) where the range
 * ends or a split cuts it short, its next range then running interpreted until compiled again. The loop has one
 * exit, taken at the end of every chunk; the caller decides between chunks whether the range ended or was split.
 *
 * <p>Not thread-safe.
 */
final class RangeStreamer {

    /** Rows per call: between calls the caller answers split requests and looks for a failed scanner. */
    static final int CHUNK = 256;

    private final ValueStreams streams;
    private final RowValueIds ids;
    /** The last row streamed's key, copied from the cursor (no array per row). */
    private byte[] rowKey = new byte[64];
    private int rowKeyLength;
    private int rows;

    RangeStreamer(ValueStreams streams) {
        this.streams = streams;
        this.ids = streams.ids();
    }

    /**
     * Streams the rows from where {@code it} is, at most {@link #CHUNK} of them or to the end of its range, leaving
     * it at the first row not streamed; false, at once, when the streams refuse a value (too many values).
     */
    boolean streamRows(LsmIterator it) throws IOException {
        for (int n = 0; n < CHUNK & it.isValid(); n++) {
            int keyLength = it.keyLength();
            if (keyLength > rowKey.length) {
                rowKey = new byte[Math.max(keyLength, 2 * rowKey.length)];
            }
            it.copyKey(rowKey, 0);
            rowKeyLength = keyLength;
            if (!streams.add(ids.id(it, rowKey, keyLength), rowKey, keyLength)) {
                return false;
            }
            rows++;
            it.next();
        }
        return true;
    }

    /** Rows streamed so far. */
    int rows() {
        return rows;
    }

    /** A copy of the last streamed row's key. REQUIRES: a row streamed. */
    byte[] lastKey() {
        return java.util.Arrays.copyOf(rowKey, rowKeyLength);
    }
}
