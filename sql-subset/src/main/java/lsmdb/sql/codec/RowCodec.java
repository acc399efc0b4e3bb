package lsmdb.sql.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import lsmdb.core.util.Coding;
import lsmdb.sql.ColumnInfo;

/**
 * Reads the stored value of a row (the format {@link RowEncoder} writes) into a row's slots, whole or only the
 * columns a reader wants.
 */
public final class RowCodec {

    private RowCodec() {
    }

    /** Decodes {@code value} into a row whose key column is {@code key}. */
    public static Object[] decode(byte[] value, Object key, List<ColumnInfo> columns, int keyColumn) {
        Object[] row = new Object[columns.size()];
        row[keyColumn] = key;
        boolean[] inKey = new boolean[columns.size()];
        inKey[keyColumn] = true;
        decodeInto(value, columns, inKey, row);
        return row;
    }

    /** A table's stored row (its key and value) as a row of {@link Table#width()} slots. */
    public static Object[] decodeRow(lsmdb.sql.catalog.Table t, byte[] key, byte[] value) {
        Object[] row = new Object[t.width()];
        RowKeys.decode(t, key, row);
        if (t.stored().isPlain()) {
            decodeInto(value, t.columns(), t.inKey(), row);
        } else {
            VersionedRows.decodeInto(t, value, row);
        }
        return row;
    }

    /**
     * {@link #decodeRow(lsmdb.sql.catalog.Table, byte[], byte[])} building only the value columns {@code wanted}
     * marks (the others stay null); tables changed by ALTER are read whole.
     */
    public static Object[] decodeRow(lsmdb.sql.catalog.Table t, byte[] key, byte[] value, boolean[] wanted) {
        return decodeRow(t, key, value, wanted, RecentStrings.NONE);
    }

    /** {@link #decodeRow(lsmdb.sql.catalog.Table, byte[], byte[], boolean[])} taking strings from {@code strings}. */
    public static Object[] decodeRow(lsmdb.sql.catalog.Table t, byte[] key, byte[] value, boolean[] wanted,
                                     RecentStrings strings) {
        if (!t.stored().isPlain()) {
            return decodeRow(t, key, value);
        }
        return decodeRow(t, readsKey(t, wanted) ? key : null, value, value.length, wanted, strings);
    }

    /**
     * {@link #decodeRow(lsmdb.sql.catalog.Table, byte[], byte[], boolean[], RecentStrings)} of a value stored in
     * {@code value[0, length)}, a buffer its reader reuses: nothing decoded keeps a reference to it. Any table.
     */
    public static Object[] decodeBufferedRow(lsmdb.sql.catalog.Table t, byte[] key, byte[] value, int length,
                                             boolean[] wanted, RecentStrings strings) {
        if (!t.stored().isPlain()) {
            return decodeRow(t, key, Arrays.copyOf(value, length)); // rare (a table changed by ALTER): exact array
        }
        return decodeRow(t, readsKey(t, wanted) ? key : null, value, length, wanted, strings);
    }

    /** Whether a row decoded with {@code wanted} needs its key: a key column or the hidden row id is wanted. */
    public static boolean readsKey(lsmdb.sql.catalog.Table t, boolean[] wanted) {
        return wanted == null || wantsKey(t, wanted);
    }

    /**
     * {@link #decodeRow(lsmdb.sql.catalog.Table, byte[], byte[], boolean[], RecentStrings)} of a row stored in
     * {@code value[0, length)}, a buffer its reader reuses: nothing decoded keeps a reference to it. {@code key} is
     * null when {@link #readsKey} says the key is not needed (a reader then need not copy it out). REQUIRES: a table
     * in its first layout ({@code t.stored().isPlain()}).
     */
    public static Object[] decodeRow(lsmdb.sql.catalog.Table t, byte[] key, byte[] value, int length,
                                     boolean[] wanted, RecentStrings strings) {
        return decodeRow(t, key, key == null ? 0 : key.length, value, length, wanted, strings);
    }

    /**
     * {@link #decodeRow(lsmdb.sql.catalog.Table, byte[], byte[], int, boolean[], RecentStrings)} of a key in
     * {@code key[0, keyLength)}, a buffer its reader reuses too.
     */
    public static Object[] decodeRow(lsmdb.sql.catalog.Table t, byte[] key, int keyLength, byte[] value, int length,
                                     boolean[] wanted, RecentStrings strings) {
        Object[] row = new Object[t.width()];
        if (key != null) {
            RowKeys.decode(t, key, keyLength, row);
        }
        decodeInto(value, length, t.columns(), t.inKey(), row, wanted, strings);
        return row;
    }

    /**
     * {@link #decodeRow(lsmdb.sql.catalog.Table, byte[], byte[], boolean[])} into {@code row}, a reader's own array
     * of {@link lsmdb.sql.catalog.Table#width()} slots that it reuses row after row (it copies out what it keeps):
     * every slot is cleared first, so nothing of the previous row stays. Returns {@code row}, or a fresh row for a
     * table changed by ALTER (read whole).
     */
    /**
     * {@link #decodeRowInto(lsmdb.sql.catalog.Table, byte[], byte[], boolean[], Object[])} of a value stored in
     * {@code value[0, length)}, a buffer its reader reuses: nothing decoded keeps a reference to it.
     */
    public static Object[] decodeRowInto(lsmdb.sql.catalog.Table t, byte[] key, byte[] value, int length,
                                         boolean[] wanted, Object[] row) {
        if (!t.stored().isPlain()) {
            return decodeRow(t, key, Arrays.copyOf(value, length));
        }
        Arrays.fill(row, null);
        if (readsKey(t, wanted)) {
            RowKeys.decode(t, key, key.length, row);
        }
        decodeInto(value, length, t.columns(), t.inKey(), row, wanted, RecentStrings.NONE);
        return row;
    }

    public static Object[] decodeRowInto(lsmdb.sql.catalog.Table t, byte[] key, byte[] value, boolean[] wanted,
                                         Object[] row) {
        if (!t.stored().isPlain()) {
            return decodeRow(t, key, value);
        }
        Arrays.fill(row, null);
        if (readsKey(t, wanted)) {
            RowKeys.decode(t, key, key.length, row);
        }
        decodeInto(value, value.length, t.columns(), t.inKey(), row, wanted, RecentStrings.NONE);
        return row;
    }

    /**
     * {@link #decodeRow(lsmdb.sql.catalog.Table, byte[], int, byte[], int, boolean[], RecentStrings)} into
     * {@code row}, a row of {@link lsmdb.sql.catalog.Table#width()} slots its reader reuses from row to row: the
     * slots {@code wanted} marks are set (NULL ones cleared), the others left as they are. {@code wanted} is not
     * null here, and {@code key} is null only when no key slot is wanted.
     */
    public static void decodeRowInto(lsmdb.sql.catalog.Table t, byte[] key, int keyLength, byte[] value, int length,
                                     boolean[] wanted, RecentStrings strings, Object[] row) {
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i]) {
                row[i] = null; // decoding skips NULL values: a slot still holding the last row's would be read
            }
        }
        if (key != null) {
            RowKeys.decode(t, key, keyLength, row);
        }
        decodeInto(value, length, t.columns(), t.inKey(), row, wanted, strings);
    }

    /** Whether a key column (or the hidden row id, which {@code wanted} does not cover) is wanted. */
    private static boolean wantsKey(lsmdb.sql.catalog.Table t, boolean[] wanted) {
        for (int k : t.keySlots()) {
            if (k >= wanted.length || wanted[k]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fills the non-key slots of {@code row} from {@code value}; columns the row was stored without stay null.
     * REQUIRES: the key slots ({@code inKey}) are filled already.
     */
    public static void decodeInto(byte[] value, List<ColumnInfo> columns, boolean[] inKey, Object[] row) {
        decodeInto(value, columns, inKey, row, null);
    }

    /**
     * {@link #decodeInto(byte[], List, boolean[], Object[])} for the columns {@code wanted} marks only (all when
     * null): the others are stepped over without building their values, and reading stops after the last wanted.
     */
    public static void decodeInto(byte[] value, List<ColumnInfo> columns, boolean[] inKey, Object[] row,
                                  boolean[] wanted) {
        decodeInto(value, columns, inKey, row, wanted, RecentStrings.NONE);
    }

    /**
     * {@link #decodeInto(byte[], List, boolean[], Object[], boolean[])} taking strings from {@code strings}. The read
     * position is a local, not an {@code int[]}: such an array is allocated per row whenever the JIT does not inline
     * every reader it is passed to, which depends on what else the process ran before (seen: 24 bytes a row).
     */
    static void decodeInto(byte[] value, List<ColumnInfo> columns, boolean[] inKey, Object[] row,
                           boolean[] wanted, RecentStrings strings) {
        decodeInto(value, value.length, columns, inKey, row, wanted, strings);
    }

    private static void decodeInto(byte[] value, int length, List<ColumnInfo> columns, boolean[] inKey, Object[] row,
                                   boolean[] wanted, RecentStrings strings) {
        try {
            decodeColumns(value, length, columns, inKey, row, wanted, strings);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NegativeArraySizeException
                 | java.time.DateTimeException e) {
            throw Malformed.storedRow(e);
        }
    }

    private static void decodeColumns(byte[] value, int length, List<ColumnInfo> columns, boolean[] inKey,
                                      Object[] row, boolean[] wanted, RecentStrings strings) {
        int n = columns.size();
        int last = n - 1;
        if (wanted != null) {
            while (last >= 0 && !wanted[last]) {
                last--;
            }
        }
        int limit = length;
        int stored = Coding.varint32At(value, 0, limit);
        int bitmap = Coding.varintEnd(value, 0, limit);
        int p = within(bitmap + (stored + 7) / 8, limit);
        int decoded = Math.min(stored, last + 1);
        for (int i = 0; i < decoded; i++) {
            if ((value[bitmap + i / 8] & (1 << (i % 8))) != 0) {
                continue;
            }
            ColumnInfo c = columns.get(i);
            if (wanted != null && !wanted[i]) {
                p = skipAt(value, p, limit, c, inKey[i]);
                continue;
            }
            p = decodeColumn(value, p, limit, c, inKey[i], row, i, strings);
        }
        if (decoded == stored && p != limit) {
            throw new IllegalArgumentException("the row's columns end at " + p + ", its bytes at " + limit);
        }
    }

    /**
     * Decodes column {@code c}'s stored value at {@code p} into {@code row[i]}; where the value ends. A method of its
     * own, above C2's inlining size (325 bytecodes), so that the column loop is a small compile unit: with this
     * switch inside it, the loop compiled to 27-37 KB (C2, over a second of compiling that ran into index_point_2t),
     * and was compiled again in the measured run; now the loop is ~7.5 KB and the switch is compiled on its own.
     */
    private static int decodeColumn(byte[] value, int p, int limit, ColumnInfo c, boolean inKey, Object[] row, int i,
                                    RecentStrings strings) {
        switch (c.type()) {
            case TINYINT, SMALLINT, INTEGER -> {
                row[i] = (int) unzigzag(Coding.varint64At(value, p, limit));
                p = Coding.varintEnd(value, p, limit);
            }
            case TIMESTAMP_WITH_TIME_ZONE -> {
                OffsetDateTime instant;
                if (inKey) {
                    instant = (OffsetDateTime) row[i];
                } else {
                    long sec = unzigzag(Coding.varint64At(value, p, limit));
                    p = Coding.varintEnd(value, p, limit);
                    int nanos = Coding.varint32At(value, p, limit);
                    p = Coding.varintEnd(value, p, limit);
                    instant = OffsetDateTime.ofInstant(Instant.ofEpochSecond(sec, nanos), ZoneOffset.UTC);
                }
                int offset = (int) unzigzag(Coding.varint64At(value, p, limit));
                p = Coding.varintEnd(value, p, limit);
                row[i] = instant.withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offset));
            }
            case TIME -> {
                row[i] = LocalTime.ofNanoOfDay(Coding.varint64At(value, p, limit));
                p = Coding.varintEnd(value, p, limit);
            }
            case UUID -> {
                within(p + 16, limit);
                row[i] = new java.util.UUID(bigEndian(value, p), bigEndian(value, p + 8));
                p += 16;
            }
            case BIGINT -> {
                row[i] = unzigzag(Coding.varint64At(value, p, limit));
                p = Coding.varintEnd(value, p, limit);
            }
            case DATE -> {
                row[i] = Date.valueOf(LocalDate.ofEpochDay(unzigzag(Coding.varint64At(value, p, limit))));
                p = Coding.varintEnd(value, p, limit);
            }
            case DOUBLE -> {
                within(p + 8, limit);
                row[i] = Double.longBitsToDouble(Coding.getFixed64(value, p));
                p += 8;
            }
            case BOOLEAN -> {
                within(p + 1, limit);
                row[i] = value[p++] != 0;
            }
            case VARCHAR, CHAR -> {
                int len = Coding.varint32At(value, p, limit);
                p = Coding.varintEnd(value, p, limit);
                within(p + len, limit);
                row[i] = strings.get(value, p, len);
                p += len;
            }
            case VARBINARY -> {
                int len = Coding.varint32At(value, p, limit);
                p = Coding.varintEnd(value, p, limit);
                within(p + len, limit);
                row[i] = Arrays.copyOfRange(value, p, p + len);
                p += len;
            }
            case TIMESTAMP -> {
                long sec = unzigzag(Coding.varint64At(value, p, limit));
                p = Coding.varintEnd(value, p, limit);
                int nanos = Coding.varint32At(value, p, limit);
                p = Coding.varintEnd(value, p, limit);
                row[i] = Timestamp.valueOf(LocalDateTime.ofEpochSecond(sec, nanos, ZoneOffset.UTC));
            }
            case DECIMAL -> {
                int scale = Coding.varint32At(value, p, limit);
                p = Coding.varintEnd(value, p, limit);
                int len = Coding.varint32At(value, p, limit);
                p = Coding.varintEnd(value, p, limit);
                within(p + len, limit);
                if (len <= 8) { // the common case: the unscaled value fits a long, so no BigInteger is built
                    long u = len == 0 ? 0 : value[p]; // sign-extended first byte
                    for (int k = 1; k < len; k++) {
                        u = (u << 8) | (value[p + k] & 0xff);
                    }
                    row[i] = BigDecimal.valueOf(u, scale);
                } else {
                    row[i] = new BigDecimal(new BigInteger(Arrays.copyOfRange(value, p, p + len)), scale);
                }
                p += len;
            }
            default -> throw new IllegalStateException("no decoding for " + c.type());
        }
        return p;
    }

    /** {@code end}, the end of a stored value, when it lies within the row's {@code limit}. */
    static int within(int end, int limit) {
        if (end > limit || end < 0) {
            throw new IllegalArgumentException("a value runs past the row's end");
        }
        return end;
    }

    /** Where the stored value of column {@code c} that starts at {@code p} ends; builds nothing. */
    static int skipAt(byte[] value, int p, int limit, ColumnInfo c, boolean inKey) {
        switch (c.type()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME -> p = Coding.varintEnd(value, p, limit);
            case TIMESTAMP_WITH_TIME_ZONE -> {
                if (!inKey) {
                    p = Coding.varintEnd(value, Coding.varintEnd(value, p, limit), limit);
                }
                p = Coding.varintEnd(value, p, limit);
            }
            case UUID -> p += 16;
            case DOUBLE -> p += 8;
            case BOOLEAN -> p++;
            case VARCHAR, CHAR, VARBINARY -> {
                int len = Coding.varint32At(value, p, limit);
                p = Coding.varintEnd(value, p, limit) + len;
            }
            case TIMESTAMP -> p = Coding.varintEnd(value, Coding.varintEnd(value, p, limit), limit);
            case DECIMAL -> {
                p = Coding.varintEnd(value, p, limit);
                int len = Coding.varint32At(value, p, limit);
                p = Coding.varintEnd(value, p, limit) + len;
            }
            default -> {
                // no other type has a stored form to step over
            }
        }
        return within(p, limit);
    }

    static void putBigEndian(byte[] b, int p, long v) {
        for (int i = 7; i >= 0; i--) {
            b[p + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long bigEndian(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[p + i] & 0xff);
        }
        return v;
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
