package lsmdb.sql.codec;

import java.util.List;
import lsmdb.core.util.Coding;
import lsmdb.sql.ColumnInfo;

/**
 * Where values lie in a stored row (the format of {@link RowEncoder}), found without decoding them: byte spans a
 * caller can compare, and a string prefix test.
 */
public final class RowSpans {

    private RowSpans() {
    }

    /**
     * Where the stored bytes of the columns {@code columnsWanted} (ascending) lie in stored row {@code value}, found
     * without decoding anything: {@code starts[i]}/{@code ends[i]} for {@code columnsWanted[i]}, start -1 when it is
     * NULL (or the row was stored before it existed). Equal bytes are equal values, so a caller can recognise a
     * value it met before without building it. REQUIRES: a table in its first layout, columns outside the key.
     */
    public static void spans(byte[] value, List<ColumnInfo> columns, boolean[] inKey, int[] columnsWanted,
                             int[] starts, int[] ends) {
        spans(value, value.length, columns, inKey, columnsWanted, starts, ends);
    }

    /** {@link #spans(byte[], List, boolean[], int[], int[], int[])} of a row stored in {@code value[0, length)}. */
    public static void spans(byte[] value, int length, List<ColumnInfo> columns, boolean[] inKey,
                             int[] columnsWanted, int[] starts, int[] ends) {
        try {
            spansOf(value, length, columns, inKey, columnsWanted, starts, ends);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw Malformed.storedRow(e);
        }
    }

    private static void spansOf(byte[] value, int length, List<ColumnInfo> columns, boolean[] inKey,
                                int[] columnsWanted, int[] starts, int[] ends) {
        int[] pos = {0};
        int limit = length;
        int stored = Coding.getVarint32(value, pos, limit);
        int bitmap = pos[0];
        pos[0] = RowCodec.within(pos[0] + (stored + 7) / 8, limit);
        int next = 0;
        for (int i = 0; i < stored && next < columnsWanted.length; i++) {
            boolean isNull = (value[bitmap + i / 8] & (1 << (i % 8))) != 0;
            if (i == columnsWanted[next]) {
                starts[next] = isNull ? -1 : pos[0];
            }
            if (!isNull) {
                skip(value, pos, limit, columns.get(i), inKey[i]);
            }
            if (i == columnsWanted[next]) {
                ends[next++] = pos[0];
            }
        }
        for (; next < columnsWanted.length; next++) {
            starts[next] = -1;
        }
    }

    /**
     * Whether column {@code column} of stored row {@code value} is a non-NULL string whose UTF-8 bytes start with
     * {@code prefix}; decodes nothing. REQUIRES: a VARCHAR column outside the key, of a table in its first layout.
     */
    public static boolean startsWith(byte[] value, List<ColumnInfo> columns, boolean[] inKey, int column,
                                     byte[] prefix) {
        return startsWith(value, value.length, columns, inKey, column, prefix);
    }

    /** As above, over the stored value in {@code value[0, length)} (a reused buffer). */
    public static boolean startsWith(byte[] value, int length, List<ColumnInfo> columns, boolean[] inKey, int column,
                                     byte[] prefix) {
        try {
            return columnStartsWith(value, length, columns, inKey, column, prefix);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw Malformed.storedRow(e);
        }
    }

    private static boolean columnStartsWith(byte[] value, int length, List<ColumnInfo> columns, boolean[] inKey,
                                            int column, byte[] prefix) {
        int[] pos = {0};
        int limit = length;
        int stored = Coding.getVarint32(value, pos, limit);
        if (column >= stored) {
            return false;
        }
        int bitmap = pos[0];
        pos[0] = RowCodec.within(pos[0] + (stored + 7) / 8, limit);
        for (int i = 0; i <= column; i++) {
            if ((value[bitmap + i / 8] & (1 << (i % 8))) != 0) {
                if (i == column) {
                    return false;
                }
                continue;
            }
            if (i < column) {
                skip(value, pos, limit, columns.get(i), inKey[i]);
            }
        }
        int len = Coding.getVarint32(value, pos, limit);
        int at = pos[0];
        if (len < prefix.length || at + prefix.length > limit) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) { // a LIKE prefix is a few bytes: a loop beats a general compare
            if (value[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Steps {@code pos} over one stored value of column {@code c}, building nothing. */
    private static void skip(byte[] value, int[] pos, int limit, ColumnInfo c, boolean inKey) {
        pos[0] = RowCodec.skipAt(value, pos[0], limit, c, inKey);
    }
}
