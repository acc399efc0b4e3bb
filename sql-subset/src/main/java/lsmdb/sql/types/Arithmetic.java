package lsmdb.sql.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.SQLException;
import lsmdb.sql.Errors;

/**
 * {@code + - * / %} with SQL's rules: NULL in, NULL out; two integers give an integer (division truncates toward
 * zero, overflow is 22003); DOUBLE dominates DECIMAL, DECIMAL dominates integers; division by zero is 22012.
 */
public final class Arithmetic {

    private static final MathContext DIVISION = new MathContext(38, RoundingMode.HALF_UP);

    private Arithmetic() {
    }

    public static Object apply(char op, Object a, Object b) throws SQLException {
        if (a == null || b == null) {
            return null;
        }
        Number x = number(a, op);
        Number y = number(b, op);
        if (SqlValues.isIntegral(x) && SqlValues.isIntegral(y)) {
            return integral(op, x.longValue(), y.longValue());
        }
        if (SqlValues.isApproximate(x) || SqlValues.isApproximate(y)) {
            return approximate(op, x.doubleValue(), y.doubleValue());
        }
        return decimal(op, Comparison.exact(x), Comparison.exact(y));
    }

    public static Object negate(Object a) throws SQLException {
        if (a == null) {
            return null;
        }
        Number n = number(a, '-');
        if (SqlValues.isIntegral(n)) {
            long v = n.longValue();
            if (v == Long.MIN_VALUE) {
                throw Errors.outOfRange("integer overflow in -(" + v + ")");
            }
            return -v;
        }
        if (n instanceof BigDecimal d) {
            return d.negate();
        }
        return -n.doubleValue();
    }

    private static Number number(Object v, char op) throws SQLException {
        if (v instanceof Number n) {
            return n;
        }
        if (v instanceof String s) {
            try {
                String t = s.trim();
                return t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0
                        ? (Number) Long.parseLong(t) : new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw Errors.wrongType("operator " + op + " needs numbers, not the string " + SqlValues.show(s));
            }
        }
        throw Errors.wrongType("operator " + op + " needs numbers, not " + SqlValues.typeName(v));
    }

    private static Object integral(char op, long x, long y) throws SQLException {
        try {
            return switch (op) {
                case '+' -> Math.addExact(x, y);
                case '-' -> Math.subtractExact(x, y);
                case '*' -> Math.multiplyExact(x, y);
                case '/' -> {
                    if (y == 0) {
                        throw Errors.divisionByZero();
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        throw new ArithmeticException();
                    }
                    yield x / y;
                }
                case '%' -> {
                    if (y == 0) {
                        throw Errors.divisionByZero();
                    }
                    yield y == -1 ? 0L : x % y;
                }
                default -> throw new IllegalArgumentException("operator " + op);
            };
        } catch (ArithmeticException e) {
            throw Errors.outOfRange("integer overflow in " + x + " " + op + " " + y);
        }
    }

    private static Object approximate(char op, double x, double y) throws SQLException {
        return switch (op) {
            case '+' -> x + y;
            case '-' -> x - y;
            case '*' -> x * y;
            case '/' -> {
                if (y == 0) {
                    throw Errors.divisionByZero();
                }
                yield x / y;
            }
            case '%' -> {
                if (y == 0) {
                    throw Errors.divisionByZero();
                }
                yield x % y;
            }
            default -> throw new IllegalArgumentException("operator " + op);
        };
    }

    private static Object decimal(char op, BigDecimal x, BigDecimal y) throws SQLException {
        return switch (op) {
            case '+' -> x.add(y);
            case '-' -> x.subtract(y);
            case '*' -> x.multiply(y);
            case '/' -> {
                if (y.signum() == 0) {
                    throw Errors.divisionByZero();
                }
                BigDecimal q = x.divide(y, DIVISION);
                yield q.scale() > Math.max(10, x.scale()) ? q.setScale(Math.max(10, x.scale()), RoundingMode.HALF_UP) : q;
            }
            case '%' -> {
                if (y.signum() == 0) {
                    throw Errors.divisionByZero();
                }
                yield x.remainder(y);
            }
            default -> throw new IllegalArgumentException("operator " + op);
        };
    }
}
