package lsmdb.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What each typed getter of a result set answers for a column's value (an object of its column type's Java class,
 * never null here): JDBC's conversions between SQL and Java types. Stateless.
 */
final class ValueConversions {

    private ValueConversions() {
    }

    static SQLException cannot(Object v, String to) {
        return Jdbc.badValue("cannot read " + (v instanceof String s ? "'" + s + "'" : v.getClass().getSimpleName()
                + " " + v) + " as " + to);
    }

    static String string(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return lsmdb.sql.types.Temporal.formatTimestampTz(o);
        }
        return v.toString();
    }

    /** {@code v} as a whole number in [min, max], a fraction truncated toward zero; {@code to} names the target. */
    static long integral(Object v, String to, long min, long max) throws SQLException {
        long n;
        if (v instanceof Long l) {
            n = l;
        } else if (v instanceof Integer i) {
            n = i;
        } else if (v instanceof Double d) {
            n = d.longValue();
        } else if (v instanceof BigDecimal d) {
            n = d.setScale(0, RoundingMode.DOWN).longValue();
        } else if (v instanceof Boolean b) {
            n = b ? 1 : 0;
        } else if (v instanceof String s) {
            try {
                n = new BigDecimal(s.trim()).setScale(0, RoundingMode.DOWN).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw cannot(v, to);
            }
        } else {
            throw cannot(v, to);
        }
        if (n < min || n > max) {
            throw new java.sql.SQLDataException("value " + v + " does not fit " + to, "22003");
        }
        return n;
    }

    static boolean bool(Object v) throws SQLException {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("1")) {
                return true;
            }
            if (t.equals("false") || t.equals("0")) {
                return false;
            }
        }
        throw cannot(v, "boolean");
    }

    static double dbl(Object v) throws SQLException {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw cannot(v, "double");
            }
        }
        throw cannot(v, "double");
    }

    static BigDecimal decimal(Object v) throws SQLException {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Integer || v instanceof Long) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw cannot(v, "BigDecimal");
            }
        }
        throw cannot(v, "BigDecimal");
    }

    /** A copy: the caller may change the array it gets. */
    static byte[] bytes(Object v) throws SQLException {
        if (v instanceof byte[] b) {
            return b.clone();
        }
        if (v instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        throw cannot(v, "bytes");
    }

    static Date date(Object v) throws SQLException {
        if (v instanceof Date d) {
            return d;
        }
        if (v instanceof Timestamp t) {
            return Date.valueOf(t.toLocalDateTime().toLocalDate());
        }
        if (v instanceof String s) {
            try {
                return Date.valueOf(LocalDate.parse(s.trim()));
            } catch (RuntimeException e) {
                throw cannot(v, "Date");
            }
        }
        throw cannot(v, "Date");
    }

    static Timestamp timestamp(Object v) throws SQLException {
        if (v instanceof Timestamp t) {
            return t;
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return Timestamp.from(o.toInstant());
        }
        if (v instanceof Date d) {
            return Timestamp.valueOf(d.toLocalDate().atStartOfDay());
        }
        if (v instanceof String s) {
            try {
                return Timestamp.valueOf(LocalDateTime.parse(s.trim().replace(' ', 'T')));
            } catch (RuntimeException e) {
                throw cannot(v, "Timestamp");
            }
        }
        throw cannot(v, "Timestamp");
    }

    static Time time(Object v) throws SQLException {
        if (v instanceof Time t) {
            return t;
        }
        return Time.valueOf(timestamp(v).toLocalDateTime().toLocalTime());
    }

    /** {@code getObject(i, type)}'s answer for a value that is not already a {@code type}. */
    static Object as(Object v, Class<?> type) throws SQLException {
        if (type == String.class) {
            return string(v);
        } else if (type == Integer.class) {
            return (int) integral(v, "int", Integer.MIN_VALUE, Integer.MAX_VALUE);
        } else if (type == Long.class) {
            return integral(v, "long", Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (type == Short.class) {
            return (short) integral(v, "short", Short.MIN_VALUE, Short.MAX_VALUE);
        } else if (type == Byte.class) {
            return (byte) integral(v, "byte", Byte.MIN_VALUE, Byte.MAX_VALUE);
        } else if (type == Double.class) {
            return dbl(v);
        } else if (type == Float.class) {
            return (float) dbl(v);
        } else if (type == Boolean.class) {
            return bool(v);
        } else if (type == BigDecimal.class) {
            return decimal(v);
        } else if (type == byte[].class) {
            return bytes(v);
        } else if (type == Date.class) {
            return date(v);
        } else if (type == Timestamp.class) {
            return timestamp(v);
        } else if (type == LocalDate.class) {
            return date(v).toLocalDate();
        } else if (type == LocalDateTime.class) {
            return timestamp(v).toLocalDateTime();
        } else if (type == java.time.Instant.class && v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        } else if (type == java.time.ZonedDateTime.class && v instanceof java.time.OffsetDateTime o) {
            return o.toZonedDateTime();
        } else if (type == Time.class) {
            return time(v);
        } else if (type == java.time.LocalTime.class) {
            return Jdbc.localTime(time(v));
        } else if (type == java.util.UUID.class && v instanceof String s) {
            try {
                return java.util.UUID.fromString(s.trim());
            } catch (IllegalArgumentException e) {
                throw cannot(v, "UUID");
            }
        }
        throw cannot(v, type.getSimpleName());
    }
}
