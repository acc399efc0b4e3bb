package lsmdb.sql.expr;

import java.math.BigDecimal;
import java.sql.SQLException;
import lsmdb.sql.types.Arithmetic;

/** Arithmetic and string concatenation. */
public final class Operators {

    private Operators() {
    }

    public record Arith(char op, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            Object a = left.eval(env);
            if (a == null) {
                return null;
            }
            Object b = right.eval(env);
            if (a instanceof Long x && b instanceof Long y && op != '/' && op != '%') {
                try {
                    return switch (op) {
                        case '+' -> Math.addExact(x, y);
                        case '-' -> Math.subtractExact(x, y);
                        default -> Math.multiplyExact(x, y);
                    };
                } catch (ArithmeticException overflow) {
                    return Arithmetic.apply(op, a, b);
                }
            }
            return Arithmetic.apply(op, a, b);
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    public record Negate(Expr operand) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            return Arithmetic.negate(operand.eval(env));
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant();
        }

        @Override
        public String toString() {
            return "-" + operand;
        }
    }

    public record Concat(Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            Object a = left.eval(env);
            Object b = right.eval(env);
            if (a == null || b == null) {
                return null;
            }
            return text(a) + text(b);
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        public String toString() {
            return "(" + left + " || " + right + ")";
        }
    }

    static String text(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof java.time.LocalTime t) {
            return lsmdb.sql.types.Temporal.formatTime(t);
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return lsmdb.sql.types.Temporal.formatTimestampTz(o);
        }
        return v.toString();
    }
}
