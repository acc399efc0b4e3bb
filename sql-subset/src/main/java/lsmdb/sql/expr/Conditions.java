package lsmdb.sql.expr;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import lsmdb.sql.types.Comparison;
import lsmdb.sql.types.SqlValues;

/** Boolean expressions with SQL's three-valued logic: null stands for UNKNOWN. */
public final class Conditions {

    private Conditions() {
    }

    /** Evaluates a condition to TRUE/FALSE/null. */
    static Boolean truth(Object v) {
        return v == null ? null : SqlValues.isTrue(v);
    }

    public enum CompareOp {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        public final String symbol;

        CompareOp(String symbol) {
            this.symbol = symbol;
        }

        boolean test(int c) {
            return switch (this) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }

        /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
        public CompareOp flip() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }
    }

    public record Compare(CompareOp op, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            Object a = left.eval(env);
            if (a == null) {
                return null;
            }
            Object b = right.eval(env);
            if (b == null) {
                return null;
            }
            if (a instanceof Long x && b instanceof Long y) {
                return op.test(Long.compare(x, y));
            }
            return op.test(Comparison.compare(a, b));
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        public String toString() {
            return left + " " + op.symbol + " " + right;
        }
    }

    public record And(List<Expr> terms) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            boolean unknown = false;
            for (Expr t : terms) {
                Boolean b = truth(t.eval(env));
                if (b == null) {
                    unknown = true;
                } else if (!b) {
                    return Boolean.FALSE;
                }
            }
            return unknown ? null : Boolean.TRUE;
        }

        @Override
        public String toString() {
            return terms.stream().map(t -> "(" + t + ")").collect(Collectors.joining(" AND "));
        }
    }

    public record Or(List<Expr> terms) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            boolean unknown = false;
            for (Expr t : terms) {
                Boolean b = truth(t.eval(env));
                if (b == null) {
                    unknown = true;
                } else if (b) {
                    return Boolean.TRUE;
                }
            }
            return unknown ? null : Boolean.FALSE;
        }

        @Override
        public String toString() {
            return terms.stream().map(t -> "(" + t + ")").collect(Collectors.joining(" OR "));
        }
    }

    public record Not(Expr operand) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            Boolean b = truth(operand.eval(env));
            return b == null ? null : !b;
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant();
        }

        @Override
        public String toString() {
            return "NOT (" + operand + ")";
        }
    }

    public record IsNull(Expr operand, boolean not) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            return (operand.eval(env) == null) != not;
        }

        @Override
        public String toString() {
            return operand + (not ? " IS NOT NULL" : " IS NULL");
        }
    }

    public record Between(Expr operand, Expr low, Expr high, boolean not) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            Object v = operand.eval(env);
            Object lo = low.eval(env);
            Object hi = high.eval(env);
            Boolean above = v == null || lo == null ? null : Comparison.compare(v, lo) >= 0;
            Boolean below = v == null || hi == null ? null : Comparison.compare(v, hi) <= 0;
            Boolean in;
            if (Boolean.FALSE.equals(above) || Boolean.FALSE.equals(below)) {
                in = false;
            } else if (above == null || below == null) {
                in = null;
            } else {
                in = true;
            }
            return in == null ? null : in != not;
        }

        @Override
        public String toString() {
            return operand + (not ? " NOT" : "") + " BETWEEN " + low + " AND " + high;
        }
    }

    /** {@code e [NOT] IN (v, ...)}: TRUE on a match, else UNKNOWN if e or any value is NULL, else FALSE. */
    public record InList(Expr operand, List<Expr> values, boolean not) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            Object v = operand.eval(env);
            if (v == null) {
                return values.isEmpty() ? (Object) not : null;
            }
            boolean sawNull = false;
            for (Expr e : values) {
                Object x = e.eval(env);
                if (x == null) {
                    sawNull = true;
                } else if (Comparison.compare(v, x) == 0) {
                    return !not;
                }
            }
            return sawNull ? null : not;
        }

        @Override
        public String toString() {
            return operand + (not ? " NOT IN (" : " IN (")
                    + values.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
        }
    }
}
