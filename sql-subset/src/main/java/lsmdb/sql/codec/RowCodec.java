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
import lsmdb.sql.SqlType;

/**
 * The stored value of a row: every column but the key (which the row key holds).
 *
 * <pre>
 * row   = column count (varint32) | null bitmap (1 bit per column, column i at bit i % 8 of byte i / 8) | value*
 * value, for each non-null non-key column in order:
 *   TINYINT, SMALLINT, INTEGER, BIGINT, DATE (epoch day)   zigzag varint64
 *   TIME                                varint64 nanosecond of the day
 *   UUID                                16 bytes: most then least significant 64 bits, big-endian
 *   DOUBLE                              8 bytes (IEEE bits, fixed64)
 *   BOOLEAN                             1 byte
 *   VARCHAR, CHAR, VARBINARY            varint32 length | UTF-8 or raw bytes
 *   TIMESTAMP                           zigzag varint64 epoch second (UTC wall clock) | varint32 nanos
 *   DECIMAL                             varint32 scale | varint32 length | unscaled two's-complement bytes
 *   TIMESTAMP WITH TIME ZONE            zigzag varint64 epoch second | varint32 nanos | zigzag varint64 offset
 *                                       seconds; in a key column (whose key holds the instant) the offset alone
 * </pre>
 *
 * Key columns are left out (marked null in the bitmap), except a TIMESTAMP WITH TIME ZONE key column's offset.
 *
 * The column count lets a table gain columns later: a row stored with fewer columns reads the rest as NULL. It is
 * also the row's schema version: a table that ALTER TABLE changed stores its columns in the order of its
 * {@link lsmdb.sql.catalog.StoredSchema} (dropped ones stay, as NULL, and added ones are appended), and
 * {@link VersionedRows} reads a row through the columns that existed when it was written.
 */
public final class RowCodec {

    private RowCodec() {
    }

    public static byte[] encode(Object[] row, List<ColumnInfo> columns, int keyColumn) {
        boolean[] inKey = new boolean[columns.size()];
        inKey[keyColumn] = true;
        return encode(row, columns, inKey);
    }

    /** Encodes the columns of {@code row} that are not {@code inKey} (the row key holds those). */
    public static byte[] encode(Object[] row, List<ColumnInfo> columns, boolean[] inKey) {
        int n = columns.size();
        Out o = Out.start(n);
        int bitmap = o.p - (n + 7) / 8;
        for (int i = 0; i < n; i++) {
            Object v = row[i];
            if (v == null || inKey[i] && columns.get(i).type() != SqlType.TIMESTAMP_WITH_TIME_ZONE) {
                o.buf[bitmap + i / 8] |= (byte) (1 << (i % 8));
                continue;
            }
            o.value(columns.get(i).type(), v, inKey[i]);
        }
        return o.finish();
    }

    /**
     * The stored value {@code old} of a plain row with the columns {@code slots} set to {@code values} (stored
     * forms, already checked): the other columns' bytes are copied as they are, nothing else is decoded or built.
     * Null when {@code old} was stored with another column count (the caller decodes and encodes the row instead).
     */
    public static byte[] patch(byte[] old, List<ColumnInfo> columns, boolean[] inKey, int[] slots, Object[] values) {
        try {
            return patched(old, columns, inKey, slots, values);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw Malformed.storedRow(e);
        }
    }

    private static byte[] patched(byte[] old, List<ColumnInfo> columns, boolean[] inKey, int[] slots,
                                  Object[] values) {
        int n = columns.size();
        int[] pos = {0};
        int limit = old.length;
        if (Coding.getVarint32(old, pos, limit) != n) {
            return null;
        }
        int oldBitmap = pos[0];
        int bitmapBytes = (n + 7) / 8;
        pos[0] += bitmapBytes;
        int lastSet = -1;
        for (int s : slots) {
            if (s < n) {
                lastSet = Math.max(lastSet, s);
            }
        }
        Out o = Out.start(n);
        int bitmap = o.p - bitmapBytes;
        System.arraycopy(old, oldBitmap, o.buf, bitmap, bitmapBytes);
        // Unchanged columns are copied as runs: old[run, next set column's start). Nothing past the last set
        // column is parsed; that run goes straight into the result (a YCSB update rewrites one of ten fields).
        int run = pos[0];
        for (int i = 0; i <= lastSet; i++) {
            int set = -1;
            for (int j = 0; j < slots.length; j++) {
                if (slots[j] == i) {
                    set = j;
                }
            }
            int from = pos[0];
            if ((old[oldBitmap + i / 8] & (1 << (i % 8))) == 0) {
                skip(old, pos, limit, columns.get(i), inKey[i]);
            }
            if (set < 0) {
                continue;
            }
            o.bytes(old, run, from - run);
            run = pos[0];
            Object v = values[set];
            byte bit = (byte) (1 << (i % 8));
            if (v == null || inKey[i] && columns.get(i).type() != SqlType.TIMESTAMP_WITH_TIME_ZONE) {
                o.buf[bitmap + i / 8] |= bit;
                continue;
            }
            o.buf[bitmap + i / 8] &= (byte) ~bit;
            o.value(columns.get(i).type(), v, inKey[i]);
        }
        return o.finish(old, run, limit - run);
    }

    /**
     * A thread's encoding buffer: a row is built here and copied out once at its final size, so encoding a row
     * allocates its result and nothing else (no growing copies, no per-string byte arrays for ASCII text).
     */
    private static final class Out {
        private static final ThreadLocal<Out> MINE = ThreadLocal.withInitial(Out::new);
        /** A buffer grown past this is dropped after use, so one huge row does not pin memory. */
        private static final int KEEP = 64 << 10;

        byte[] buf = new byte[1024];
        int p;

        /** This thread's buffer holding the column count and an all-zero null bitmap for {@code n} columns. */
        static Out start(int n) {
            Out o = MINE.get();
            int bitmapBytes = (n + 7) / 8;
            o.p = 0;
            o.ensure(5 + bitmapBytes);
            o.p = Coding.putVarint32(o.buf, 0, n);
            Arrays.fill(o.buf, o.p, o.p + bitmapBytes, (byte) 0);
            o.p += bitmapBytes;
            return o;
        }

        byte[] finish() {
            byte[] out = Arrays.copyOf(buf, p);
            if (buf.length > KEEP) {
                buf = new byte[1024];
            }
            return out;
        }

        /** The bytes built so far followed by {@code tail[off, off + len)}, in one array of the final size. */
        byte[] finish(byte[] tail, int off, int len) {
            byte[] out = new byte[p + len];
            System.arraycopy(buf, 0, out, 0, p);
            System.arraycopy(tail, off, out, p, len);
            if (buf.length > KEEP) {
                buf = new byte[1024];
            }
            return out;
        }

        void ensure(int extra) {
            if (p + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, p + extra + 64));
            }
        }

        void bytes(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, p, len);
            p += len;
        }

        void varint64(long v) {
            ensure(10);
            p = Coding.putVarint64(buf, p, v);
        }

        void varint32(int v) {
            ensure(5);
            p = Coding.putVarint32(buf, p, v);
        }

        /** VARCHAR text as varint32 length | UTF-8; ASCII text is written char by char without a byte array. */
        void text(String s) {
            int len = s.length();
            ensure(5 + len);
            int start = p;
            int q = Coding.putVarint32(buf, p, len);
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    p = start;
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    varint32(b.length);
                    bytes(b, 0, b.length);
                    return;
                }
                buf[q + i] = (byte) c;
            }
            p = q + len;
        }

        /** One non-null value of a column of type {@code type} ({@code inKey}: only a key column's extra part). */
        void value(SqlType type, Object v, boolean inKey) {
            switch (type) {
                case TIME -> varint64(((LocalTime) v).toNanoOfDay());
                case UUID -> {
                    ensure(16);
                    java.util.UUID u = (java.util.UUID) v;
                    putBigEndian(buf, p, u.getMostSignificantBits());
                    putBigEndian(buf, p + 8, u.getLeastSignificantBits());
                    p += 16;
                }
                case TIMESTAMP_WITH_TIME_ZONE -> {
                    OffsetDateTime o = (OffsetDateTime) v;
                    if (!inKey) {
                        varint64(zigzag(o.toEpochSecond()));
                        varint32(o.getNano());
                    }
                    varint64(zigzag(o.getOffset().getTotalSeconds()));
                }
                case TINYINT, SMALLINT, INTEGER, BIGINT -> varint64(zigzag(((Number) v).longValue()));
                case DATE -> varint64(zigzag(((Date) v).toLocalDate().toEpochDay()));
                case DOUBLE -> {
                    ensure(8);
                    Coding.putFixed64(buf, p, Double.doubleToLongBits((Double) v));
                    p += 8;
                }
                case BOOLEAN -> {
                    ensure(1);
                    buf[p++] = (byte) ((Boolean) v ? 1 : 0);
                }
                case VARCHAR, CHAR, VARBINARY -> {
                    if (v instanceof String s) {
                        text(s);
                    } else {
                        byte[] b = (byte[]) v;
                        varint32(b.length);
                        bytes(b, 0, b.length);
                    }
                }
                case TIMESTAMP -> {
                    LocalDateTime t = ((Timestamp) v).toLocalDateTime();
                    varint64(zigzag(t.toEpochSecond(ZoneOffset.UTC)));
                    varint32(t.getNano());
                }
                case DECIMAL -> {
                    BigDecimal d = (BigDecimal) v;
                    byte[] b = d.unscaledValue().toByteArray();
                    varint32(d.scale());
                    varint32(b.length);
                    bytes(b, 0, b.length);
                }
                default -> throw new IllegalStateException();
            }
        }
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
        return decodeRow(t, key, value, wanted, null);
    }

    /** {@link #decodeRow(lsmdb.sql.catalog.Table, byte[], byte[], boolean[])} taking strings from {@code strings}. */
    public static Object[] decodeRow(lsmdb.sql.catalog.Table t, byte[] key, byte[] value, boolean[] wanted,
                                     Strings strings) {
        if (!t.stored().isPlain()) {
            return decodeRow(t, key, value);
        }
        return decodeRow(t, readsKey(t, wanted) ? key : null, value, value.length, wanted, strings);
    }

    /** Whether a row decoded with {@code wanted} needs its key: a key column or the hidden row id is wanted. */
    public static boolean readsKey(lsmdb.sql.catalog.Table t, boolean[] wanted) {
        return wanted == null || wantsKey(t, wanted);
    }

    /**
     * {@link #decodeRow(lsmdb.sql.catalog.Table, byte[], byte[], boolean[], Strings)} of a row stored in
     * {@code value[0, length)}, a buffer its reader reuses: nothing decoded keeps a reference to it. {@code key} is
     * null when {@link #readsKey} says the key is not needed (a reader then need not copy it out). REQUIRES: a table
     * in its first layout ({@code t.stored().isPlain()}).
     */
    public static Object[] decodeRow(lsmdb.sql.catalog.Table t, byte[] key, byte[] value, int length,
                                     boolean[] wanted, Strings strings) {
        return decodeRow(t, key, key == null ? 0 : key.length, value, length, wanted, strings);
    }

    /**
     * {@link #decodeRow(lsmdb.sql.catalog.Table, byte[], byte[], int, boolean[], Strings)} of a key in
     * {@code key[0, keyLength)}, a buffer its reader reuses too.
     */
    public static Object[] decodeRow(lsmdb.sql.catalog.Table t, byte[] key, int keyLength, byte[] value, int length,
                                     boolean[] wanted, Strings strings) {
        Object[] row = new Object[t.width()];
        if (key != null) {
            RowKeys.decode(t, key, keyLength, row);
        }
        decodeInto(value, length, t.columns(), t.inKey(), row, wanted, strings);
        return row;
    }

    /**
     * Strings decoded lately by one reader of many rows, found again by their bytes: a column of few distinct values
     * (a status, a city) then builds each string once and hands out strings whose hash is already known. It stops
     * looking once misses clearly outnumber hits (a column of distinct names). Not thread-safe.
     */
    public static final class Strings {
        private static final int SLOTS = 64;
        private static final int LONGEST = 32;
        /** Made with the first string short enough to look up: a scan of long values only never needs them. */
        private byte[][] bytes;
        private String[] strings;
        private int hits;
        private int misses;

        String get(byte[] b, int off, int len) {
            if (len > LONGEST || misses > hits + 256) {
                return new String(b, off, len, StandardCharsets.UTF_8);
            }
            if (bytes == null) {
                bytes = new byte[SLOTS][];
                strings = new String[SLOTS];
            }
            int h = len == 0 ? 0 : (len * 31 + b[off] * 7 + b[off + len - 1] * 3 + b[off + (len >> 1)]) & (SLOTS - 1);
            // two slots per hash: two values that share a slot ("paid" and "packed") would otherwise evict each other
            // on every row, each a miss that builds a string and hashes it again
            int h2 = h ^ 1;
            byte[] k = bytes[h];
            if (k != null && Arrays.equals(k, 0, k.length, b, off, off + len)) {
                hits++;
                return strings[h];
            }
            byte[] k2 = bytes[h2];
            if (k2 != null && Arrays.equals(k2, 0, k2.length, b, off, off + len)) {
                hits++;
                return strings[h2];
            }
            misses++;
            String s = new String(b, off, len, StandardCharsets.UTF_8);
            int slot = k == null || k2 != null ? h : h2;
            bytes[slot] = Arrays.copyOfRange(b, off, off + len);
            strings[slot] = s;
            return s;
        }
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

    /** The stored value of a row of {@code t} (a row of {@link Table#width()} slots), in its current layout. */
    public static byte[] encodeRow(lsmdb.sql.catalog.Table t, Object[] row) {
        return t.stored().isPlain() ? encode(row, t.columns(), t.inKey()) : VersionedRows.encode(t, row);
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
        decodeInto(value, columns, inKey, row, wanted, null);
    }

    /**
     * {@link #decodeInto(byte[], List, boolean[], Object[], boolean[])} taking strings from {@code strings}. The read
     * position is a local, not an {@code int[]}: such an array is allocated per row whenever the JIT does not inline
     * every reader it is passed to, which depends on what else the process ran before (seen: 24 bytes a row).
     */
    static void decodeInto(byte[] value, List<ColumnInfo> columns, boolean[] inKey, Object[] row,
                           boolean[] wanted, Strings strings) {
        decodeInto(value, value.length, columns, inKey, row, wanted, strings);
    }

    private static void decodeInto(byte[] value, int length, List<ColumnInfo> columns, boolean[] inKey, Object[] row,
                                   boolean[] wanted, Strings strings) {
        try {
            decodeColumns(value, length, columns, inKey, row, wanted, strings);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NegativeArraySizeException
                 | java.time.DateTimeException e) {
            throw Malformed.storedRow(e);
        }
    }

    private static void decodeColumns(byte[] value, int length, List<ColumnInfo> columns, boolean[] inKey,
                                      Object[] row, boolean[] wanted, Strings strings) {
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
            switch (c.type()) {
                case TINYINT, SMALLINT, INTEGER -> {
                    row[i] = (int) unzigzag(Coding.varint64At(value, p, limit));
                    p = Coding.varintEnd(value, p, limit);
                }
                case TIMESTAMP_WITH_TIME_ZONE -> {
                    OffsetDateTime instant;
                    if (inKey[i]) {
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
                    row[i] = strings == null ? new String(value, p, len, StandardCharsets.UTF_8)
                            : strings.get(value, p, len);
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
        }
        if (decoded == stored && p != limit) {
            throw new IllegalArgumentException("the row's columns end at " + p + ", its bytes at " + limit);
        }
    }

    /** {@code end}, the end of a stored value, when it lies within the row's {@code limit}. */
    private static int within(int end, int limit) {
        if (end > limit || end < 0) {
            throw new IllegalArgumentException("a value runs past the row's end");
        }
        return end;
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
        pos[0] = within(pos[0] + (stored + 7) / 8, limit);
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
        pos[0] = within(pos[0] + (stored + 7) / 8, limit);
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
        pos[0] = skipAt(value, pos[0], limit, c, inKey);
    }

    /** Where the stored value of column {@code c} that starts at {@code p} ends; builds nothing. */
    private static int skipAt(byte[] value, int p, int limit, ColumnInfo c, boolean inKey) {
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

    private static void putBigEndian(byte[] b, int p, long v) {
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

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
