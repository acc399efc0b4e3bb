package lsmdb.sql.types;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Arrays;
import lsmdb.sql.Errors;

/**
 * Ordering and equality of SQL values. Numbers compare by value across Long, Double and BigDecimal (-0.0 equals 0.0,
 * as SQL says; NaN sorts above every number); strings by code point, the order their keys have.
 */
public final class Comparison {

    private Comparison() {
    }

    /** Compares two non-null values; 22018 when they cannot be compared. */
    public static int compare(Object a, Object b) throws SQLException {
        if (SqlValues.isIntegral(a) && SqlValues.isIntegral(b)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (a instanceof Number na && b instanceof Number nb) {
            return compareNumbers(na, nb);
        }
        if (a instanceof String sa && b instanceof String sb) {
            return compareCodePoints(sa, sb);
        }
        if (a instanceof Boolean ba && b instanceof Boolean bb) {
            return Boolean.compare(ba, bb);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof java.util.UUID x && b instanceof java.util.UUID y) {
            int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if (a instanceof java.time.LocalTime x && b instanceof java.time.LocalTime y) {
            return x.compareTo(y);
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.toInstant().compareTo(y.toInstant()); // by the instant alone, as SQL compares them
        }
        if (a instanceof OffsetDateTime && (b instanceof java.util.Date || b instanceof String)
                || b instanceof OffsetDateTime && (a instanceof java.util.Date || a instanceof String)) {
            OffsetDateTime x = withZone(a);
            OffsetDateTime y = withZone(b);
            if (x != null && y != null) {
                return x.toInstant().compareTo(y.toInstant());
            }
        }
        if (a instanceof java.util.Date || b instanceof java.util.Date) {
            Timestamp ta = Temporal.asTimestamp(a);
            Timestamp tb = Temporal.asTimestamp(b);
            if (ta != null && tb != null) {
                return ta.compareTo(tb);
            }
        }
        if (a instanceof String || b instanceof String) {
            // A string against a number or boolean compares as that type when it converts.
            boolean stringFirst = a instanceof String;
            Object other = stringFirst ? b : a;
            Object converted = convertLike((String) (stringFirst ? a : b), other);
            if (converted != null) {
                int c = compare(converted, other);
                return stringFirst ? c : -c;
            }
        }
        if (a instanceof Boolean && b instanceof Number || a instanceof Number && b instanceof Boolean) {
            return compare(a instanceof Boolean x ? (x ? 1L : 0L) : a, b instanceof Boolean y ? (y ? 1L : 0L) : b);
        }
        throw Errors.wrongType("cannot compare " + SqlValues.typeName(a) + " with " + SqlValues.typeName(b));
    }

    /** A timestamp, date or string as a timestamp with time zone (local ones in the session's zone); null if not. */
    private static OffsetDateTime withZone(Object v) {
        if (v instanceof OffsetDateTime o) {
            return o;
        }
        try {
            if (v instanceof String s) {
                return Temporal.parseTimestampTz(s.trim(), null);
            }
            Timestamp t = Temporal.asTimestamp(v);
            return t == null ? null : Temporal.atSessionZone(t.toLocalDateTime());
        } catch (SQLException e) {
            return null;
        }
    }

    private static int compareNumbers(Number a, Number b) {
        boolean approximate = SqlValues.isApproximate(a) || SqlValues.isApproximate(b);
        if (approximate) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
                return Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
            }
        }
        return exact(a).compareTo(exact(b));
    }

    /** The exact value of a finite number. */
    static BigDecimal exact(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (SqlValues.isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(n.doubleValue());
    }

    /** Orders as the strings' UTF-8 bytes (= code point order, as keys sort), without encoding them. */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static Object convertLike(String s, Object like) {
        try {
            if (SqlValues.isIntegral(like)) {
                return new BigDecimal(s.trim());
            }
            if (like instanceof Number) {
                return new BigDecimal(s.trim());
            }
            if (like instanceof Boolean && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(s);
            }
            if (like instanceof java.util.UUID) {
                return Temporal.parseUuid(s.trim(), null);
            }
            if (like instanceof java.time.LocalTime) {
                return Temporal.parseTime(s.trim(), null, false);
            }
        } catch (NumberFormatException | SQLException e) {
            return null;
        }
        return null;
    }

    /**
     * A form of {@code v} whose {@code equals}/{@code hashCode} agree with {@link #compare} being 0, for hash joins,
     * grouping and DISTINCT: numbers of equal value map to one object, byte arrays compare by content.
     */
    public static Object groupKey(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Long) {
            return v;
        }
        if (SqlValues.isIntegral(v)) {
            return ((Number) v).longValue();
        }
        if (SqlValues.isApproximate(v)) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
                return (long) d;
            }
            return Double.isNaN(d) || Double.isInfinite(d) ? (Object) d : new BigDecimal(d).stripTrailingZeros();
        }
        if (v instanceof BigDecimal d) {
            BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            if (s.scale() <= 0 && s.abs().compareTo(BigDecimal.valueOf(0x1p62)) < 0) {
                return s.longValueExact();
            }
            return s;
        }
        if (v instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        if (v instanceof java.sql.Date) {
            return Temporal.asTimestamp(v);
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant(); // equal instants group together whatever their offsets
        }
        return v;
    }
}
