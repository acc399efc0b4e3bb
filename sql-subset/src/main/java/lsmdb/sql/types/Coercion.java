package lsmdb.sql.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;

/**
 * Conversion of a value to a column's type: on store ({@link #store}: exact, 22018 for a wrong type, 22003 out of
 * range, 22001 too long) and for {@code CAST} ({@link #cast}: fractions truncate toward zero, as SQLite does).
 */
public final class Coercion {

    private Coercion() {
    }

    /** Converts {@code v} for storage in column {@code c}, to the class {@link SqlType#javaClass()} names. */
    public static Object store(Object v, ColumnInfo c) throws SQLException {
        return convert(v, c, false);
    }

    /** {@code CAST(v AS type)}; the result is in the computing classes (integers as Long). */
    public static Object cast(Object v, ColumnInfo target) throws SQLException {
        Object r = convert(v, target, true);
        return r instanceof Integer i ? (Object) i.longValue() : r;
    }

    private static Object convert(Object v, ColumnInfo c, boolean cast) throws SQLException {
        if (v == null) {
            return null;
        }
        String col = c.name();
        switch (c.type()) {
            case TINYINT:
                return (int) inRange(toLong(v, col, cast), Byte.MIN_VALUE, Byte.MAX_VALUE, v, c);
            case SMALLINT:
                return (int) inRange(toLong(v, col, cast), Short.MIN_VALUE, Short.MAX_VALUE, v, c);
            case INTEGER:
                return (int) inRange(toLong(v, col, cast), Integer.MIN_VALUE, Integer.MAX_VALUE, v, c);
            case UUID:
                return toUuid(v, c);
            case TIME:
                return toTime(v, c, cast);
            case TIMESTAMP_WITH_TIME_ZONE:
                return toTimestampTz(v, c);
            case BIGINT:
                return v instanceof Long ? v : toLong(v, col, cast); // a Long stays the same object, not a copy
            case DOUBLE:
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                if (v instanceof String s) {
                    try {
                        return Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        throw Errors.wrongType(SqlValues.show(s) + " is not a number" + of(col));
                    }
                }
                throw wrong(v, c);
            case BOOLEAN:
                if (v instanceof Boolean b) {
                    return b;
                }
                if (v instanceof Number n && (cast || n.doubleValue() == 0 || n.doubleValue() == 1)) {
                    return SqlValues.isTrue(n);
                }
                if (v instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s.trim());
                }
                throw wrong(v, c);
            case VARCHAR:
            case CHAR: {
                String s = text(v, c);
                if (c.length() > 0 && s.codePointCount(0, s.length()) > c.length()) {
                    if (cast) {
                        return s.substring(0, s.offsetByCodePoints(0, c.length()));
                    }
                    throw Errors.tooLong("value of " + s.codePointCount(0, s.length()) + " characters is too long for "
                            + c.type().sqlName() + "(" + c.length() + ")" + of(col));
                }
                return s;
            }
            case VARBINARY: {
                byte[] b = v instanceof byte[] bytes ? bytes
                        : cast && v instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
                if (b == null) {
                    throw wrong(v, c);
                }
                if (c.length() > 0 && b.length > c.length()) {
                    throw Errors.tooLong("value of " + b.length + " bytes is too long for VARBINARY(" + c.length()
                            + ")" + of(col));
                }
                return b;
            }
            case DATE:
                return toDate(v, c);
            case TIMESTAMP:
                return toTimestamp(v, c);
            case DECIMAL: {
                BigDecimal d = toDecimal(v, col).setScale(c.scale(), RoundingMode.HALF_UP);
                if (d.precision() - d.scale() > c.length() - c.scale()) {
                    throw Errors.outOfRange("value " + SqlValues.show(v) + " does not fit DECIMAL(" + c.length() + ","
                            + c.scale() + ")" + of(col));
                }
                return d;
            }
            default:
                throw new IllegalStateException("unknown type " + c.type());
        }
    }

    private static long inRange(long l, long min, long max, Object v, ColumnInfo c) throws SQLException {
        if (l < min || l > max) {
            throw Errors.outOfRange("value " + SqlValues.show(v) + " is out of range for " + c.type().sqlName()
                    + " (" + min + " to " + max + ")" + of(c.name()));
        }
        return l;
    }

    private static java.util.UUID toUuid(Object v, ColumnInfo c) throws SQLException {
        if (v instanceof java.util.UUID u) {
            return u;
        }
        if (v instanceof String s) {
            return Temporal.parseUuid(s.trim(), c.name());
        }
        if (v instanceof byte[] b && b.length == 16) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
            return new java.util.UUID(buf.getLong(), buf.getLong());
        }
        throw wrong(v, c);
    }

    private static OffsetDateTime toTimestampTz(Object v, ColumnInfo c) throws SQLException {
        if (v instanceof OffsetDateTime o) {
            return o;
        }
        if (v instanceof java.time.ZonedDateTime z) {
            return z.toOffsetDateTime();
        }
        if (v instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (v instanceof Timestamp || v instanceof Date || v instanceof LocalDateTime || v instanceof LocalDate) {
            return Temporal.atSessionZone(toTimestamp(v, c).toLocalDateTime());
        }
        if (v instanceof String s) {
            return Temporal.parseTimestampTz(s.trim(), c.name());
        }
        throw wrong(v, c);
    }

    private static LocalTime toTime(Object v, ColumnInfo c, boolean cast) throws SQLException {
        if (v instanceof LocalTime t) {
            return t;
        }
        if (v instanceof java.sql.Time t) {
            return t.toLocalTime().plusNanos((t.getTime() % 1000 + 1000) % 1000 * 1_000_000L);
        }
        if (cast && v instanceof Timestamp t) {
            return t.toLocalDateTime().toLocalTime();
        }
        if (v instanceof String s) {
            return Temporal.parseTime(s.trim(), c.name(), cast);
        }
        throw wrong(v, c);
    }

    private static String of(String col) {
        return col == null || col.isEmpty() ? "" : " (column " + col + ")";
    }

    private static String text(Object v, ColumnInfo c) throws SQLException {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof java.util.Date || v instanceof java.util.UUID) {
            return v.toString();
        }
        if (v instanceof LocalTime t) {
            return Temporal.formatTime(t);
        }
        if (v instanceof OffsetDateTime o) {
            return Temporal.formatTimestampTz(o);
        }
        throw wrong(v, c);
    }

    private static Date toDate(Object v, ColumnInfo c) throws SQLException {
        if (v instanceof Date d) {
            return d;
        }
        if (v instanceof OffsetDateTime o) {
            return Date.valueOf(Temporal.asTimestamp(o).toLocalDateTime().toLocalDate());
        }
        if (v instanceof Timestamp t) {
            return Date.valueOf(t.toLocalDateTime().toLocalDate());
        }
        if (v instanceof java.util.Date d) {
            return new Date(d.getTime());
        }
        if (v instanceof LocalDate ld) {
            return Date.valueOf(ld);
        }
        if (v instanceof LocalDateTime ldt) {
            return Date.valueOf(ldt.toLocalDate());
        }
        if (v instanceof String s) {
            return Temporal.parseDate(s.trim(), c.name());
        }
        throw wrong(v, c);
    }

    private static Timestamp toTimestamp(Object v, ColumnInfo c) throws SQLException {
        if (v instanceof Timestamp t) {
            return t;
        }
        if (v instanceof OffsetDateTime o) {
            return Temporal.asTimestamp(o);
        }
        if (v instanceof Date d) {
            return Timestamp.valueOf(d.toLocalDate().atStartOfDay());
        }
        if (v instanceof java.util.Date d) {
            return new Timestamp(d.getTime());
        }
        if (v instanceof LocalDateTime ldt) {
            return Timestamp.valueOf(ldt);
        }
        if (v instanceof LocalDate ld) {
            return Timestamp.valueOf(ld.atStartOfDay());
        }
        if (v instanceof String s) {
            return Temporal.parseTimestamp(s.trim(), c.name());
        }
        throw wrong(v, c);
    }

    private static SQLException wrong(Object v, ColumnInfo c) {
        return Errors.wrongType("a value of type " + SqlValues.typeName(v) + " cannot be converted to "
                + c.type().sqlName() + of(c.name()));
    }

    private static long toLong(Object v, String col, boolean truncate) throws SQLException {
        if (SqlValues.isIntegral(v)) {
            return ((Number) v).longValue();
        }
        if (SqlValues.isApproximate(v)) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw Errors.outOfRange("value " + d + " is not a finite number" + of(col));
            }
            if (!truncate && d != Math.rint(d)) {
                throw Errors.wrongType("value " + v + " is not an integer" + of(col));
            }
            if (d < -0x1p63 || d >= 0x1p63) {
                throw Errors.outOfRange("value " + v + " is out of range" + of(col));
            }
            return (long) d;
        }
        if (v instanceof BigDecimal bd) {
            BigDecimal whole = truncate ? bd.setScale(0, RoundingMode.DOWN) : bd;
            try {
                return whole.longValueExact();
            } catch (ArithmeticException e) {
                if (whole.stripTrailingZeros().scale() > 0) {
                    throw Errors.wrongType("value " + bd.toPlainString() + " is not an integer" + of(col));
                }
                throw Errors.outOfRange("value " + bd.toPlainString() + " is out of range" + of(col));
            }
        }
        if (v instanceof BigInteger bi) {
            try {
                return bi.longValueExact();
            } catch (ArithmeticException e) {
                throw Errors.outOfRange("value " + bi + " is out of range" + of(col));
            }
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                try {
                    return toLong(new BigDecimal(s.trim()), col, truncate);
                } catch (NumberFormatException e2) {
                    throw Errors.wrongType(SqlValues.show(s) + " is not an integer" + of(col));
                }
            }
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw Errors.wrongType("a value of type " + SqlValues.typeName(v) + " is not an integer" + of(col));
    }

    private static BigDecimal toDecimal(Object v, String col) throws SQLException {
        if (v instanceof BigDecimal bd) {
            return bd;
        }
        if (SqlValues.isIntegral(v)) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (SqlValues.isApproximate(v)) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw Errors.outOfRange("value " + v + " is not a finite number" + of(col));
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw Errors.wrongType(SqlValues.show(s) + " is not a number" + of(col));
            }
        }
        throw Errors.wrongType("a value of type " + SqlValues.typeName(v) + " is not a number" + of(col));
    }
}
