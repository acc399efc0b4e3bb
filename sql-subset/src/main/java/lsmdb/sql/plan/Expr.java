package lsmdb.sql.plan;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.Errors;
import lsmdb.sql.codec.Values;

/**
 * An expression of the subset, evaluated over one row ({@code Object[]} in the table's column order) and the bound
 * parameters. Comparisons follow SQL's three-valued logic: null stands for UNKNOWN.
 */
public sealed interface Expr {

    Object eval(Object[] row, Object[] params) throws SQLException;

    /** Whether the expression reads no column (its value is fixed once parameters are bound). */
    default boolean isConstant() {
        return true;
    }

    record Literal(Object value) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            return value;
        }
    }

    record Param(int index) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            return params[index];
        }
    }

    record Column(int index, String name) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) {
            return row[index];
        }

        @Override
        public boolean isConstant() {
            return false;
        }
    }

    record Arithmetic(char op, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) throws SQLException {
            return Values.arithmetic(op, left.eval(row, params), right.eval(row, params));
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }

    record Concat(Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) throws SQLException {
            Object a = left.eval(row, params);
            Object b = right.eval(row, params);
            if (a == null || b == null) {
                return null;
            }
            if (a instanceof byte[] || b instanceof byte[]) {
                throw Errors.wrongType("|| needs strings, not binary values");
            }
            return text(a) + text(b);
        }

        private static String text(Object v) {
            return v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString();
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }

    record Negate(Expr operand) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) throws SQLException {
            Object v = operand.eval(row, params);
            return v == null ? null : Values.arithmetic('-', 0L, v);
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant();
        }
    }

    /** {@code =, <>, <, <=, >, >=}. */
    record Compare(String op, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) throws SQLException {
            Object a = left.eval(row, params);
            Object b = right.eval(row, params);
            if (a == null || b == null) {
                return null;
            }
            int c = Values.compare(a, b);
            return switch (op) {
                case "=" -> c == 0;
                case "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }

    record And(Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) throws SQLException {
            Boolean a = truth(left.eval(row, params));
            if (Boolean.FALSE.equals(a)) {
                return false;
            }
            Boolean b = truth(right.eval(row, params));
            if (Boolean.FALSE.equals(b)) {
                return false;
            }
            return a == null || b == null ? null : true;
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }

    record Or(Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) throws SQLException {
            Boolean a = truth(left.eval(row, params));
            if (Boolean.TRUE.equals(a)) {
                return true;
            }
            Boolean b = truth(right.eval(row, params));
            if (Boolean.TRUE.equals(b)) {
                return true;
            }
            return a == null || b == null ? null : false;
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }

    record Not(Expr operand) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) throws SQLException {
            Boolean v = truth(operand.eval(row, params));
            return v == null ? null : !v;
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant();
        }
    }

    record IsNull(Expr operand, boolean negated) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) throws SQLException {
            return (operand.eval(row, params) == null) != negated;
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant();
        }
    }

    record In(Expr operand, List<Expr> list, boolean negated) implements Expr {
        @Override
        public Object eval(Object[] row, Object[] params) throws SQLException {
            Object v = operand.eval(row, params);
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (Expr e : list) {
                Object x = e.eval(row, params);
                if (x == null) {
                    sawNull = true;
                } else if (Values.compare(v, x) == 0) {
                    return !negated;
                }
            }
            return sawNull ? null : negated;
        }

        @Override
        public boolean isConstant() {
            return false;
        }
    }

    /** A boolean view of a value: null is UNKNOWN; anything else but a boolean is a type error. */
    static Boolean truth(Object v) throws SQLException {
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw Errors.wrongType("a condition must be true or false, not " + Values.show(v));
    }
}
