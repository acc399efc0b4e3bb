package lsmdb.sql.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDateTime;
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
 *
 * <p>This class writes the format; {@link RowCodec} reads it and {@link RowSpans} finds values in it without
 * decoding them.
 */
public final class RowEncoder {

    private RowEncoder() {
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
                pos[0] = RowCodec.skipAt(old, pos[0], limit, columns.get(i), inKey[i]);
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
                    RowCodec.putBigEndian(buf, p, u.getMostSignificantBits());
                    RowCodec.putBigEndian(buf, p + 8, u.getLeastSignificantBits());
                    p += 16;
                }
                case TIMESTAMP_WITH_TIME_ZONE -> {
                    OffsetDateTime o = (OffsetDateTime) v;
                    if (!inKey) {
                        varint64(RowCodec.zigzag(o.toEpochSecond()));
                        varint32(o.getNano());
                    }
                    varint64(RowCodec.zigzag(o.getOffset().getTotalSeconds()));
                }
                case TINYINT, SMALLINT, INTEGER, BIGINT -> varint64(RowCodec.zigzag(((Number) v).longValue()));
                case DATE -> varint64(RowCodec.zigzag(((Date) v).toLocalDate().toEpochDay()));
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
                    varint64(RowCodec.zigzag(t.toEpochSecond(ZoneOffset.UTC)));
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

    /** The stored value of a row of {@code t} (a row of {@link Table#width()} slots), in its current layout. */
    public static byte[] encodeRow(lsmdb.sql.catalog.Table t, Object[] row) {
        return t.stored().isPlain() ? encode(row, t.columns(), t.inKey()) : VersionedRows.encode(t, row);
    }
}
