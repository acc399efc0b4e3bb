package lsmdb.sql.codec;

import java.util.List;
import lsmdb.core.format.ForwardCount;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;

/**
 * {@code column LIKE 'prefix%'} tested on a stored row ({@link RowEncoder}'s format) before anything is decoded. When
 * every column before the tested one lives in the key, a row stored with the table's column count holds the string's
 * length at a fixed offset, so the test decides from the row's first few bytes ({@link #testHead}); any other row
 * goes through {@link RowSpans#startsWith}. REQUIRES: a VARCHAR column outside the key, of a table in its first
 * layout.
 */
public final class StoredPrefix implements ForwardCount.ValueTest {

    private final List<ColumnInfo> columns;
    private final boolean[] inKey;
    private final int column;
    private final byte[] prefix;
    /** The column count of the fast path's rows, or -1 when there is no fast path. */
    private final int count;
    /** The null bitmap's size in bytes, for {@link #count} columns. */
    private final int bitmapBytes;
    private final int headBytes;
    /**
     * The head read as one little-endian word, when it fits in eight bytes ({@link #testHead}'s fast path): the bits
     * that must match ({@code wordMask}: the column count, the column's null bit, the length's high bit, the prefix)
     * and their values ({@code wordExpected}); {@code wordHard} marks the bits whose mismatch the byte path must
     * judge (count and length high bit). {@code wordMask} is 0 when there is no fast path.
     */
    private final long wordMask;
    private final long wordExpected;
    private final long wordHard;

    public StoredPrefix(List<ColumnInfo> columns, boolean[] inKey, int column, byte[] prefix) {
        this.columns = columns;
        this.inKey = inKey;
        this.column = column;
        this.prefix = prefix;
        boolean fixed = columns.size() < 128 && !inKey[column];
        for (int i = 0; i < column; i++) {
            // a key column's stored value is absent (marked null), but for a TIMESTAMP WITH TIME ZONE's offset
            fixed &= inKey[i] && columns.get(i).type() != SqlType.TIMESTAMP_WITH_TIME_ZONE;
        }
        this.count = fixed ? columns.size() : -1;
        this.bitmapBytes = (columns.size() + 7) / 8;
        // column count (one byte below 128), bitmap, a one-byte length, the prefix
        this.headBytes = fixed ? 1 + bitmapBytes + 1 + prefix.length : 0;
        long mask = 0;
        long expected = 0;
        long hard = 0;
        if (fixed && headBytes <= 8) {
            mask = 0xffL | (1L << (8 * (1 + column / 8) + column % 8)) | (0x80L << (8 * (1 + bitmapBytes)));
            expected = count & 0xffL;
            hard = 0xffL | (0x80L << (8 * (1 + bitmapBytes)));
            for (int i = 0; i < prefix.length; i++) {
                int shift = 8 * (2 + bitmapBytes + i);
                mask |= 0xffL << shift;
                expected |= (prefix[i] & 0xffL) << shift;
            }
        }
        this.wordMask = mask;
        this.wordExpected = expected;
        this.wordHard = hard;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    @Override
    public boolean test(byte[] value, int length) {
        return RowSpans.startsWith(value, length, columns, inKey, column, prefix);
    }

    @Override
    public int headBytes() {
        return headBytes;
    }

    @Override
    public int testHead(byte[] head, int length) {
        if (head.length >= 8) {
            int verdict = testHeadWord((long) LONGS.get(head, 0), length);
            if (verdict != UNSURE) {
                return verdict;
            }
        }
        return testHeadBytes(head, length);
    }

    /** One word instead of a byte at a time: the scan asks this of every row it steps over. */
    @Override
    public int testHeadWord(long head, int length) {
        if (wordMask == 0 || length < headBytes) {
            return UNSURE;
        }
        long differs = (head ^ wordExpected) & wordMask;
        if (differs == 0) {
            return ((head >>> (8 * (1 + bitmapBytes))) & 0xff) >= prefix.length ? PASS : FAIL;
        }
        // NULL, or another prefix, in a row of the expected shape; another count or a long string: the byte path
        return (differs & wordHard) == 0 ? FAIL : UNSURE;
    }

    private int testHeadBytes(byte[] head, int length) {
        if (count < 0 || length < 1 + bitmapBytes + 1 || head[0] != count) {
            return UNSURE;
        }
        if ((head[1 + column / 8] & (1 << (column % 8))) != 0) {
            return FAIL; // NULL
        }
        int at = 1 + bitmapBytes;
        int len = head[at++];
        if (len < 0) {
            return UNSURE; // a string of 128 bytes or more: its length takes more than one byte
        }
        if (len < prefix.length || at + prefix.length > length) {
            return FAIL;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[at + i] != prefix[i]) {
                return FAIL;
            }
        }
        return PASS;
    }
}
