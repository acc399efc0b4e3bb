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
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;

/**
 * Order-preserving (memcomparable) encoding of primary-key values: the unsigned byte order of the encodings is the
 * type's natural order, so key ranges and {@code ORDER BY key} are plain engine scans.
 *
 * <pre>
 * TINYINT, SMALLINT, INTEGER, BIGINT  8 bytes big-endian, sign bit flipped (negative before positive)
 * DOUBLE           8 bytes: IEEE bits, all flipped for negatives, sign bit flipped for positives
 * BOOLEAN          1 byte, 0 or 1
 * DATE             epoch day as INTEGER above
 * TIMESTAMP        epoch second (UTC wall clock) as above | nanos (4 bytes big-endian)
 * DECIMAL          0x01 for zero; positive: 0x02 | magnitude length (1 byte) | magnitude big-endian;
 *                  negative: 0x00 | 255 - length | magnitude bytes inverted (unscaled value at the column's scale)
 * VARCHAR, CHAR, VARBINARY  the UTF-8 or raw bytes as they are
 * UUID             16 bytes: most then least significant 64 bits, big-endian as they are (unsigned 128-bit order)
 * TIME             nanosecond of the day as INTEGER above (8 bytes)
 * TIMESTAMP WITH TIME ZONE  the instant: epoch second as INTEGER above | nanos (4 bytes big-endian); the offset is
 *                  not part of the key (equal instants are equal values) and is kept in the row (see RowCodec)
 * </pre>
 *
 * Strings need no terminator: the key is the last (only) component of a row key, so a prefix sorts first already.
 */
public final class KeyCodec {

    private KeyCodec() {
    }

    public static byte[] encode(Object v, ColumnInfo c) {
        return switch (c.type()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> long8(((Number) v).longValue());
            case UUID -> {
                java.util.UUID u = (java.util.UUID) v;
                byte[] b = Arrays.copyOf(long8Raw(u.getMostSignificantBits()), 16);
                System.arraycopy(long8Raw(u.getLeastSignificantBits()), 0, b, 8, 8);
                yield b;
            }
            case TIME -> long8(((LocalTime) v).toNanoOfDay());
            case DOUBLE -> {
                double d = (Double) v;
                if (d == 0.0) {
                    d = 0.0; // -0.0 and 0.0 are one key
                }
                long bits = Double.doubleToLongBits(d);
                yield long8Raw(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
            }
            case BOOLEAN -> new byte[] {(byte) ((Boolean) v ? 1 : 0)};
            case DATE -> long8(((Date) v).toLocalDate().toEpochDay());
            case TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE -> {
                long second;
                int n;
                if (v instanceof OffsetDateTime o) {
                    second = o.toEpochSecond();
                    n = o.getNano();
                } else {
                    LocalDateTime t = ((Timestamp) v).toLocalDateTime();
                    second = t.toEpochSecond(ZoneOffset.UTC);
                    n = t.getNano();
                }
                byte[] b = Arrays.copyOf(long8(second), 12);
                b[8] = (byte) (n >>> 24);
                b[9] = (byte) (n >>> 16);
                b[10] = (byte) (n >>> 8);
                b[11] = (byte) n;
                yield b;
            }
            case DECIMAL -> decimal(((BigDecimal) v).setScale(c.scale()).unscaledValue());
            case VARCHAR, CHAR -> ((String) v).getBytes(StandardCharsets.UTF_8);
            case VARBINARY -> ((byte[]) v).clone();
        };
    }

    public static Object decode(byte[] b, int off, int len, ColumnInfo c) {
        return switch (c.type()) {
            case TINYINT, SMALLINT, INTEGER -> (int) readLong8(b, off);
            case UUID -> new java.util.UUID(readRaw8(b, off), readRaw8(b, off + 8));
            case TIME -> LocalTime.ofNanoOfDay(readLong8(b, off));
            case BIGINT -> readLong8(b, off);
            case DOUBLE -> {
                long bits = readRaw8(b, off);
                yield Double.longBitsToDouble(bits < 0 ? bits ^ Long.MIN_VALUE : ~bits);
            }
            case BOOLEAN -> b[off] != 0;
            case DATE -> Date.valueOf(LocalDate.ofEpochDay(readLong8(b, off)));
            case TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE -> {
                long sec = readLong8(b, off);
                int nanos = (b[off + 8] & 0xff) << 24 | (b[off + 9] & 0xff) << 16 | (b[off + 10] & 0xff) << 8
                        | (b[off + 11] & 0xff);
                yield c.type() == SqlType.TIMESTAMP
                        ? Timestamp.valueOf(LocalDateTime.ofEpochSecond(sec, nanos, ZoneOffset.UTC))
                        : OffsetDateTime.ofInstant(Instant.ofEpochSecond(sec, nanos), ZoneOffset.UTC);
            }
            case DECIMAL -> new BigDecimal(undecimal(b, off, len), c.scale());
            case VARCHAR, CHAR -> new String(b, off, len, StandardCharsets.UTF_8);
            case VARBINARY -> Arrays.copyOfRange(b, off, off + len);
        };
    }

    private static byte[] long8(long v) {
        return long8Raw(v ^ Long.MIN_VALUE);
    }

    /** Whether {@link #encode} of a column of type {@code t} is {@link #putIntegral}'s 8 bytes. */
    static boolean isIntegral(SqlType t) {
        return t == SqlType.BIGINT || t == SqlType.INTEGER || t == SqlType.SMALLINT || t == SqlType.TINYINT;
    }

    /** Writes the 8 bytes {@link #encode} gives an integral value at {@code off} of {@code b}. */
    static void putIntegral(long v, byte[] b, int off) {
        v ^= Long.MIN_VALUE;
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static byte[] long8Raw(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    /** The 8 bytes at {@code off} as a big-endian long; an {@link IndexOutOfBoundsException} past the end. */
    private static long readRaw8(byte[] b, int off) {
        return lsmdb.core.util.Coding.getBigEndian64(b, off);
    }

    static long readLong8(byte[] b, int off) {
        return readRaw8(b, off) ^ Long.MIN_VALUE;
    }

    private static byte[] decimal(BigInteger unscaled) {
        int sign = unscaled.signum();
        if (sign == 0) {
            return new byte[] {1};
        }
        byte[] mag = unscaled.abs().toByteArray();
        int start = mag[0] == 0 ? 1 : 0;
        int n = mag.length - start;
        byte[] out = new byte[2 + n];
        if (sign > 0) {
            out[0] = 2;
            out[1] = (byte) n;
            System.arraycopy(mag, start, out, 2, n);
        } else {
            out[0] = 0;
            out[1] = (byte) (255 - n);
            for (int i = 0; i < n; i++) {
                out[2 + i] = (byte) ~mag[start + i];
            }
        }
        return out;
    }

    private static BigInteger undecimal(byte[] b, int off, int len) {
        if (b[off] == 1) {
            return BigInteger.ZERO;
        }
        int n = len - 2;
        byte[] mag = new byte[n + 1];
        if (b[off] == 2) {
            System.arraycopy(b, off + 2, mag, 1, n);
            return new BigInteger(mag);
        }
        for (int i = 0; i < n; i++) {
            mag[1 + i] = (byte) ~b[off + 2 + i];
        }
        return new BigInteger(mag).negate();
    }
}
