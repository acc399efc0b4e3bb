package lsmdb.sql.codec;

import java.util.List;
import lsmdb.sql.SqlType;
import lsmdb.sql.ColumnInfo;

/**
 * Finds where one column's stored bytes lie in a row of a table in its first layout ({@code RowEncoder}'s format),
 * as {@code RowSpans.spans} does for any columns, but for a single column through a skip program made once: per
 * column before it, how to step over its bytes. An index build asks this for every row of its table.
 *
 * <p>Not thread-safe: {@link #start()} and {@link #end()} hold the last answer.
 */
public final class StoredSpan {

    /** How a stored column is stepped over (see {@code RowEncoder}'s format). */
    private static final byte VARINTS_1 = 1;
    private static final byte VARINTS_2 = 2;
    private static final byte VARINTS_3 = 3;
    private static final byte LENGTH_PREFIXED = 4;
    private static final byte SCALE_THEN_LENGTH_PREFIXED = 5;
    /** {@code FIXED + n}: n bytes. */
    private static final byte FIXED = 16;

    private final int column;
    private final byte[] program;
    private int start;
    private int end;

    /** A span finder for {@code column} of rows with these columns; {@code inKey} as the table's. */
    public StoredSpan(List<ColumnInfo> columns, boolean[] inKey, int column) {
        this.column = column;
        this.program = new byte[column + 1];
        for (int i = 0; i <= column; i++) {
            program[i] = step(columns.get(i).type(), inKey[i]);
        }
    }

    private static byte step(SqlType type, boolean inKey) {
        return switch (type) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME -> VARINTS_1;
            case TIMESTAMP_WITH_TIME_ZONE -> inKey ? VARINTS_1 : VARINTS_3;
            case UUID -> FIXED + 16;
            case DOUBLE -> FIXED + 8;
            case BOOLEAN -> FIXED + 1;
            case VARCHAR, CHAR, VARBINARY -> LENGTH_PREFIXED;
            case TIMESTAMP -> VARINTS_2;
            case DECIMAL -> SCALE_THEN_LENGTH_PREFIXED;
        };
    }

    /**
     * Finds the column in stored row {@code value[0, length)}: false when it is NULL (or the row was stored before
     * it existed), else true with its bytes at {@link #start()} to {@link #end()}. A row that ends early is
     * corruption ({@link Malformed}).
     */
    public boolean find(byte[] value, int length) {
        try {
            return locate(value, length);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw Malformed.storedRow(e);
        }
    }

    private boolean locate(byte[] value, int length) {
        int p = 0;
        int stored = 0;
        for (int shift = 0; ; shift += 7) {
            if (p >= length || shift > 28) {
                throw new IllegalArgumentException("malformed row: column count");
            }
            int b = value[p++];
            stored |= (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (column >= stored) {
            return false;
        }
        int bitmap = p;
        p += (stored + 7) >>> 3;
        if (p > length) {
            throw new IllegalArgumentException("malformed row: null bitmap ends past the row");
        }
        for (int i = 0; ; i++) {
            if ((value[bitmap + (i >>> 3)] & (1 << (i & 7))) != 0) {
                if (i == column) {
                    return false;
                }
                continue;
            }
            int from = p;
            byte op = program[i];
            switch (op) {
                case VARINTS_1 -> p = skipVarint(value, p, length);
                case VARINTS_2 -> p = skipVarint(value, skipVarint(value, p, length), length);
                case VARINTS_3 -> p = skipVarint(value, skipVarint(value, skipVarint(value, p, length), length), length);
                case LENGTH_PREFIXED -> p = skipLengthPrefixed(value, p, length);
                case SCALE_THEN_LENGTH_PREFIXED -> p = skipLengthPrefixed(value, skipVarint(value, p, length), length);
                default -> p += op - FIXED;
            }
            if (p > length) {
                throw new IllegalArgumentException("malformed row: column " + i + " ends past the row");
            }
            if (i == column) {
                start = from;
                end = p;
                return true;
            }
        }
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    private static int skipVarint(byte[] b, int p, int length) {
        while (p < length && b[p] < 0) {
            p++;
        }
        if (p >= length) {
            throw new IllegalArgumentException("malformed row: truncated varint");
        }
        return p + 1;
    }

    private static int skipLengthPrefixed(byte[] b, int p, int length) {
        int n = 0;
        for (int shift = 0; ; shift += 7) {
            if (p >= length || shift > 28) {
                throw new IllegalArgumentException("malformed row: length");
            }
            int x = b[p++];
            n |= (x & 0x7f) << shift;
            if (x >= 0) {
                break;
            }
        }
        return p + n;
    }
}
