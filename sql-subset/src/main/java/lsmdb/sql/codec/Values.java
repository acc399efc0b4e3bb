package lsmdb.sql.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;

/**
 * SQL values as Java objects of each type's {@link SqlType#javaClass()}, and the conversions, comparisons and
 * arithmetic the subset needs. Expressions compute with Long, Double, BigDecimal, String, Boolean, byte[], Date and
 * Timestamp; a value is converted to its column's exact class when stored.
 */
public final class Values {

    private Values() {
    }

    /** Converts {@code v} for storage in column {@code c}: 22018 for a wrong type, 22003 out of range, 22001 too long. */
    public static Object coerce(Object v, ColumnInfo c) throws SQLException {
        if (v == null) {
            return null;
        }
        String col = c.name();
        switch (c.type()) {
            case INTEGER: {
                long l = toLong(v, col);
                if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                    throw Errors.outOfRange("value " + v + " is out of range for INTEGER column " + col);
                }
                return (int) l;
            }
            case BIGINT:
                return toLong(v, col);
            case DOUBLE:
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                if (v instanceof String s) {
                    try {
                        return Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        throw Errors.wrongType("'" + s + "' is not a number (column " + col + ")");
                    }
                }
                throw wrong(v, c);
            case BOOLEAN:
                if (v instanceof Boolean b) {
                    return b;
                }
                if (v instanceof Number n && (n.longValue() == 0 || n.longValue() == 1)) {
                    return n.longValue() == 1;
                }
                if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s);
                }
                throw wrong(v, c);
            case VARCHAR:
            case CHAR: {
                String s;
                if (v instanceof String str) {
                    s = str;
                } else if (v instanceof Number || v instanceof Boolean || v instanceof Date || v instanceof Timestamp) {
                    s = v instanceof BigDecimal bd ? bd.toPlainString() : v.toString();
                } else {
                    throw wrong(v, c);
                }
                if (c.length() > 0 && s.codePointCount(0, s.length()) > c.length()) {
                    throw Errors.tooLong("value of " + s.codePointCount(0, s.length()) + " characters is too long for "
                            + c.type().sqlName() + "(" + c.length() + ") column " + col);
                }
                return s;
            }
            case VARBINARY: {
                byte[] b;
                if (v instanceof byte[] bytes) {
                    b = bytes;
                } else {
                    throw wrong(v, c);
                }
                if (c.length() > 0 && b.length > c.length()) {
                    throw Errors.tooLong("value of " + b.length + " bytes is too long for VARBINARY(" + c.length()
                            + ") column " + col);
                }
                return b;
            }
            case DATE:
                if (v instanceof Date d) {
                    return d;
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
                if (v instanceof String s) {
                    return parseDate(s.trim(), col);
                }
                throw wrong(v, c);
            case TIMESTAMP:
                if (v instanceof Timestamp t) {
                    return t;
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
                    return parseTimestamp(s.trim(), col);
                }
                throw wrong(v, c);
            case DECIMAL: {
                BigDecimal d = toDecimal(v, col);
                int scale = c.scale();
                d = d.setScale(scale, RoundingMode.HALF_UP);
                if (d.precision() - d.scale() > c.length() - scale) {
                    throw Errors.outOfRange("value " + v + " does not fit DECIMAL(" + c.length() + "," + scale
                            + ") column " + col);
                }
                return d;
            }
            default:
                throw new IllegalStateException("unknown type " + c.type());
        }
    }

    private static SQLException wrong(Object v, ColumnInfo c) {
        return Errors.wrongType("a value of type " + typeName(v) + " cannot be stored in " + c.type().sqlName()
                + " column " + c.name());
    }

    public static String typeName(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return "integer";
        }
        if (v instanceof Double || v instanceof Float) {
            return "double";
        }
        if (v instanceof BigDecimal) {
            return "decimal";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof byte[]) {
            return "binary";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        return v.getClass().getSimpleName();
    }

    private static long toLong(Object v, String col) throws SQLException {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d != Math.rint(d) || Double.isNaN(d)) {
                throw Errors.wrongType("value " + v + " is not an integer (column " + col + ")");
            }
            if (d < Long.MIN_VALUE || d > Long.MAX_VALUE) {
                throw Errors.outOfRange("value " + v + " is out of range for column " + col);
            }
            return (long) d;
        }
        if (v instanceof BigDecimal bd) {
            try {
                return bd.longValueExact();
            } catch (ArithmeticException e) {
                if (bd.stripTrailingZeros().scale() > 0) {
                    throw Errors.wrongType("value " + bd + " is not an integer (column " + col + ")");
                }
                throw Errors.outOfRange("value " + bd + " is out of range for column " + col);
            }
        }
        if (v instanceof BigInteger bi) {
            try {
                return bi.longValueExact();
            } catch (ArithmeticException e) {
                throw Errors.outOfRange("value " + bi + " is out of range for column " + col);
            }
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                try {
                    return toLong(new BigDecimal(s.trim()), col);
                } catch (NumberFormatException e2) {
                    throw Errors.wrongType("'" + s + "' is not an integer (column " + col + ")");
                }
            }
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw Errors.wrongType("a value of type " + typeName(v) + " is not an integer (column " + col + ")");
    }

    private static BigDecimal toDecimal(Object v, String col) throws SQLException {
        if (v instanceof BigDecimal bd) {
            return bd;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw Errors.outOfRange("value " + v + " is not a finite number (column " + col + ")");
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
                throw Errors.wrongType("'" + s + "' is not a number (column " + col + ")");
            }
        }
        throw Errors.wrongType("a value of type " + typeName(v) + " is not a number (column " + col + ")");
    }

    public static Date parseDate(String s, String col) throws SQLException {
        try {
            return Date.valueOf(LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s));
        } catch (DateTimeParseException e) {
            throw Errors.wrongType("'" + s + "' is not a date (yyyy-mm-dd) for column " + col);
        }
    }

    public static Timestamp parseTimestamp(String s, String col) throws SQLException {
        try {
            if (s.length() == 10) {
                return Timestamp.valueOf(LocalDate.parse(s).atStartOfDay());
            }
            return Timestamp.valueOf(LocalDateTime.parse(s.replace(' ', 'T')));
        } catch (DateTimeParseException e) {
            throw Errors.wrongType("'" + s + "' is not a timestamp (yyyy-mm-dd hh:mm:ss[.f]) for column " + col);
        }
    }

    public static byte[] parseHex(String digits) throws SQLException {
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw Errors.syntax("bad binary literal X'" + digits + "'");
        }
    }

    // ---------------------------------------------------------------- comparison and arithmetic

    /** Compares two non-null values; 22018 when they cannot be compared. */
    public static int compare(Object a, Object b) throws SQLException {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (a instanceof Number && b instanceof Number) {
            if (a instanceof BigDecimal || b instanceof BigDecimal) {
                return decimal(a).compareTo(decimal(b));
            }
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (a instanceof String sa && b instanceof String sb) {
            return compareInUtf8Order(sa, sb);
        }
        if (a instanceof Boolean ba && b instanceof Boolean bb) {
            return Boolean.compare(ba, bb);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof java.util.Date || b instanceof java.util.Date) {
            Timestamp ta = asTimestamp(a);
            Timestamp tb = asTimestamp(b);
            if (ta != null && tb != null) {
                return ta.compareTo(tb);
            }
        }
        if (a instanceof String || b instanceof String) {
            // A string against a number or boolean: compare as that type when it converts.
            Object s = a instanceof String ? a : b;
            Object o = a instanceof String ? b : a;
            Object converted = convertLike((String) s, o);
            if (converted != null) {
                int c = compare(converted, o);
                return a instanceof String ? c : -c;
            }
        }
        throw Errors.wrongType("cannot compare " + typeName(a) + " with " + typeName(b));
    }

    /** Orders as the strings' UTF-8 bytes (= code point order, as keys sort), without encoding them. */
    static int compareInUtf8Order(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static Object convertLike(String s, Object like) {
        try {
            if (isIntegral(like)) {
                return Long.parseLong(s.trim());
            }
            if (like instanceof Number) {
                return new BigDecimal(s.trim());
            }
            if (like instanceof Boolean && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(s);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Timestamp asTimestamp(Object v) {
        if (v instanceof Timestamp t) {
            return t;
        }
        if (v instanceof Date d) {
            return Timestamp.valueOf(d.toLocalDate().atStartOfDay());
        }
        if (v instanceof String s) {
            try {
                return parseTimestamp(s.trim(), "?");
            } catch (SQLException e) {
                return null;
            }
        }
        return null;
    }

    public static boolean isIntegral(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal bd) {
            return bd;
        }
        if (isIntegral(v)) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        return BigDecimal.valueOf(((Number) v).doubleValue());
    }

    /** {@code a op b} for op in + - * /; integer division truncates; 22012 on division by zero. */
    public static Object arithmetic(char op, Object a, Object b) throws SQLException {
        if (a == null || b == null) {
            return null;
        }
        if (!(a instanceof Number) || !(b instanceof Number)) {
            throw Errors.wrongType("operator " + op + " needs numbers, not " + typeName(a) + " and " + typeName(b));
        }
        if (isIntegral(a) && isIntegral(b)) {
            long x = ((Number) a).longValue();
            long y = ((Number) b).longValue();
            try {
                return switch (op) {
                    case '+' -> Math.addExact(x, y);
                    case '-' -> Math.subtractExact(x, y);
                    case '*' -> Math.multiplyExact(x, y);
                    default -> {
                        if (y == 0) {
                            throw Errors.divisionByZero();
                        }
                        yield x / y;
                    }
                };
            } catch (ArithmeticException e) {
                throw Errors.outOfRange("integer overflow in " + x + " " + op + " " + y);
            }
        }
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            BigDecimal x = decimal(a);
            BigDecimal y = decimal(b);
            return switch (op) {
                case '+' -> x.add(y);
                case '-' -> x.subtract(y);
                case '*' -> x.multiply(y);
                default -> {
                    if (y.signum() == 0) {
                        throw Errors.divisionByZero();
                    }
                    yield x.divide(y, Math.max(10, x.scale()), RoundingMode.HALF_UP);
                }
            };
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return switch (op) {
            case '+' -> x + y;
            case '-' -> x - y;
            case '*' -> x * y;
            default -> {
                if (y == 0) {
                    throw Errors.divisionByZero();
                }
                yield x / y;
            }
        };
    }

    /** A value as text, for messages. */
    public static String show(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof byte[] b) {
            return "X'" + HexFormat.of().formatHex(b) + "'";
        }
        return String.valueOf(v);
    }
}
