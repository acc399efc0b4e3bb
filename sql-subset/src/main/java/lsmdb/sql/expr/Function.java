package lsmdb.sql.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import lsmdb.sql.Errors;
import lsmdb.sql.types.Arithmetic;
import lsmdb.sql.types.SqlValues;
import lsmdb.sql.types.Temporal;

/** A call of one of the scalar functions of SPEC §3.2. NULL arguments give NULL unless the function says otherwise. */
public record Function(Fn fn, List<Expr> args) implements Expr {

    public enum Fn {
        UPPER(1, 1), LOWER(1, 1), LENGTH(1, 1), CHAR_LENGTH(1, 1), SUBSTRING(2, 3), TRIM(1, 2), LTRIM(1, 2),
        RTRIM(1, 2), REPLACE(3, 3), CONCAT(1, 255), POSITION(2, 2), ABS(1, 1), ROUND(1, 2), FLOOR(1, 1),
        CEIL(1, 1), CEILING(1, 1), MOD(2, 2), POWER(2, 2), SQRT(1, 1), SIGN(1, 1), CURRENT_DATE(0, 0),
        CURRENT_TIME(0, 0), CURRENT_TIMESTAMP(0, 1), NOW(0, 1), LOCALTIMESTAMP(0, 1), EXTRACT(2, 2);

        public final int minArgs;
        public final int maxArgs;

        Fn(int minArgs, int maxArgs) {
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
        }

        /** Whether its value depends on when it is evaluated, not only on its arguments. */
        public boolean readsClock() {
            return this == CURRENT_DATE || this == CURRENT_TIME || this == CURRENT_TIMESTAMP || this == NOW
                    || this == LOCALTIMESTAMP;
        }

        /** The function named {@code name} (any case; CHARACTER_LENGTH and SUBSTR are aliases), or null. */
        public static Fn named(String name) {
            String n = name.toUpperCase(Locale.ROOT);
            switch (n) {
                case "CHARACTER_LENGTH", "LEN" -> n = "CHAR_LENGTH";
                case "SUBSTR" -> n = "SUBSTRING";
                case "POW" -> n = "POWER";
                case "UCASE" -> n = "UPPER";
                case "LCASE" -> n = "LOWER";
                default -> { }
            }
            for (Fn f : values()) {
                if (f.name().equals(n)) {
                    return f;
                }
            }
            return null;
        }
    }

    @Override
    public Object eval(Env env) throws SQLException {
        switch (fn) {
            case CURRENT_DATE:
                return new Date(startOfDay(env));
            case CURRENT_TIME:
                return new Timestamp(env.context.statementTimeMillis()).toLocalDateTime().toLocalTime();
            case CURRENT_TIMESTAMP, NOW, LOCALTIMESTAMP:
                return new Timestamp(env.context.statementTimeMillis());
            case CONCAT: {
                StringBuilder b = new StringBuilder();
                for (Expr a : args) {
                    Object v = a.eval(env);
                    if (v != null) {
                        b.append(Operators.text(v));
                    }
                }
                return b.toString();
            }
            default:
                break;
        }
        Object a = args.get(0).eval(env);
        if (a == null) {
            return null;
        }
        Object b = args.size() > 1 ? args.get(1).eval(env) : null;
        if (args.size() > 1 && b == null && fn != Fn.EXTRACT) {
            return null;
        }
        return switch (fn) {
            case UPPER -> text(a).toUpperCase(Locale.ROOT);
            case LOWER -> text(a).toLowerCase(Locale.ROOT);
            case LENGTH, CHAR_LENGTH -> a instanceof byte[] bytes ? (long) bytes.length
                    : (long) text(a).codePointCount(0, text(a).length());
            case SUBSTRING -> substring(env, text(a), b);
            case TRIM, LTRIM, RTRIM -> trim(text(a), b == null ? " " : text(b));
            case REPLACE -> {
                Object c = args.get(2).eval(env);
                yield c == null ? null : text(a).replace(text(b), text(c));
            }
            case POSITION -> (long) (text(b).indexOf(text(a)) < 0 ? 0
                    : text(b).codePointCount(0, text(b).indexOf(text(a))) + 1);
            case ABS -> SqlValues.isIntegral(a) ? Math.abs(((Number) a).longValue()) < 0
                    ? Arithmetic.negate(a) : (Object) Math.abs(((Number) a).longValue())
                    : a instanceof BigDecimal d ? d.abs() : (Object) Math.abs(number(a).doubleValue());
            case ROUND -> round(a, b == null ? 0 : (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE,
                    number(b).longValue())));
            case FLOOR -> roundTo(a, RoundingMode.FLOOR);
            case CEIL, CEILING -> roundTo(a, RoundingMode.CEILING);
            case MOD -> Arithmetic.apply('%', a, b);
            case POWER -> Math.pow(number(a).doubleValue(), number(b).doubleValue());
            case SQRT -> number(a).doubleValue() < 0 ? null : (Object) Math.sqrt(number(a).doubleValue());
            case SIGN -> (long) (a instanceof BigDecimal d ? d.signum()
                    : (int) Math.signum(number(a).doubleValue()));
            case EXTRACT -> extract(text(a), b);
            default -> throw new IllegalStateException(fn.name());
        };
    }

    private String trim(String s, String chars) {
        int start = 0;
        int end = s.length();
        if (fn != Fn.RTRIM) {
            while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
                start++;
            }
        }
        if (fn != Fn.LTRIM) {
            while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        return s.substring(start, end);
    }

    private Object substring(Env env, String s, Object startValue) throws SQLException {
        long start = number(startValue).longValue();
        int points = s.codePointCount(0, s.length());
        long length = points + 1L;
        if (args.size() > 2) {
            Object l = args.get(2).eval(env);
            if (l == null) {
                return null;
            }
            length = number(l).longValue();
            if (length < 0) {
                throw Errors.outOfRange("SUBSTRING length " + length + " is negative");
            }
        }
        // SQL positions are 1-based; characters before position 1 count against the length.
        long from = Math.max(start, 1);
        long to = Math.min(points + 1L, start + length);
        if (to <= from) {
            return "";
        }
        int b = s.offsetByCodePoints(0, (int) (from - 1));
        int e = s.offsetByCodePoints(0, (int) (to - 1));
        return s.substring(b, e);
    }

    /** ROUND's digits beyond this are refused: a scale of 10^9 would allocate without bound. */
    private static final int MAX_ROUND_DIGITS = 1000;

    private static Object round(Object a, int digits) throws SQLException {
        if (digits > MAX_ROUND_DIGITS || digits < -MAX_ROUND_DIGITS) {
            throw Errors.outOfRange("ROUND digits must be within -" + MAX_ROUND_DIGITS + ".." + MAX_ROUND_DIGITS
                    + ", not " + digits);
        }
        if (SqlValues.isIntegral(a)) {
            if (digits >= 0) {
                return ((Number) a).longValue();
            }
            return BigDecimal.valueOf(((Number) a).longValue()).setScale(digits, RoundingMode.HALF_UP).longValue();
        }
        if (a instanceof BigDecimal d) {
            return d.setScale(digits, RoundingMode.HALF_UP);
        }
        double d = number(a).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return d;
        }
        return BigDecimal.valueOf(d).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }

    private static Object roundTo(Object a, RoundingMode mode) throws SQLException {
        if (SqlValues.isIntegral(a)) {
            return ((Number) a).longValue();
        }
        if (a instanceof BigDecimal d) {
            return d.setScale(0, mode);
        }
        double d = number(a).doubleValue();
        return mode == RoundingMode.FLOOR ? Math.floor(d) : Math.ceil(d);
    }

    private static Object extract(String field, Object v) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof java.time.LocalTime time) {
            return switch (field.toUpperCase(Locale.ROOT)) {
                case "HOUR" -> (long) time.getHour();
                case "MINUTE" -> (long) time.getMinute();
                case "SECOND" -> (long) time.getSecond();
                default -> throw Errors.unsupported("EXTRACT(" + field + " ...) of a TIME");
            };
        }
        if (v instanceof java.time.OffsetDateTime o) {
            v = Timestamp.valueOf(o.toLocalDateTime()); // the fields as written, at the value's own offset
        }
        Timestamp t = v instanceof Timestamp ts ? ts : v instanceof Date d
                ? Timestamp.valueOf(d.toLocalDate().atStartOfDay()) : Temporal.parseTimestamp(text(v), null);
        LocalDateTime l = t.toLocalDateTime();
        return switch (field.toUpperCase(Locale.ROOT)) {
            case "YEAR" -> (long) l.getYear();
            case "MONTH" -> (long) l.getMonthValue();
            case "DAY" -> (long) l.getDayOfMonth();
            case "HOUR" -> (long) l.getHour();
            case "MINUTE" -> (long) l.getMinute();
            case "SECOND" -> (long) l.getSecond();
            case "DOW" -> (long) (l.getDayOfWeek().getValue() % 7);
            case "DOY" -> (long) l.getDayOfYear();
            default -> throw Errors.unsupported("EXTRACT(" + field + " ...)");
        };
    }

    private static long startOfDay(Env env) {
        return Timestamp.valueOf(new Timestamp(env.context.statementTimeMillis()).toLocalDateTime().toLocalDate()
                .atStartOfDay()).getTime();
    }

    private static String text(Object v) {
        return Operators.text(v);
    }

    private static Number number(Object v) throws SQLException {
        if (v instanceof Number n) {
            return n;
        }
        try {
            return new BigDecimal(text(v).trim());
        } catch (NumberFormatException e) {
            throw Errors.wrongType(SqlValues.show(v) + " is not a number");
        }
    }

    @Override
    public String toString() {
        return fn.name() + args.toString().replace('[', '(').replace(']', ')');
    }
}
