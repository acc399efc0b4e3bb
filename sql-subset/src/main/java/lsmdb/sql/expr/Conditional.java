package lsmdb.sql.expr;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.types.Coercion;
import lsmdb.sql.types.Comparison;
import lsmdb.sql.types.SqlValues;

/** CASE, COALESCE, NULLIF and CAST. */
public final class Conditional {

    private Conditional() {
    }

    /** Simple CASE when {@code operand} is set (compared with each WHEN value), searched CASE otherwise. */
    public record Case(Expr operand, List<Expr> whens, List<Expr> thens, Expr otherwise) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            Object v = operand == null ? null : operand.eval(env);
            for (int i = 0; i < whens.size(); i++) {
                Object w = whens.get(i).eval(env);
                boolean hit = operand == null ? SqlValues.isTrue(w)
                        : v != null && w != null && Comparison.compare(v, w) == 0;
                if (hit) {
                    return thens.get(i).eval(env);
                }
            }
            return otherwise == null ? null : otherwise.eval(env);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("CASE");
            if (operand != null) {
                b.append(' ').append(operand);
            }
            for (int i = 0; i < whens.size(); i++) {
                b.append(" WHEN ").append(whens.get(i)).append(" THEN ").append(thens.get(i));
            }
            if (otherwise != null) {
                b.append(" ELSE ").append(otherwise);
            }
            return b.append(" END").toString();
        }
    }

    public record Coalesce(List<Expr> args) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            for (Expr a : args) {
                Object v = a.eval(env);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "COALESCE" + args.toString().replace('[', '(').replace(']', ')');
        }
    }

    public record NullIf(Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            Object a = left.eval(env);
            Object b = right.eval(env);
            return a != null && b != null && Comparison.compare(a, b) == 0 ? null : a;
        }

        @Override
        public String toString() {
            return "NULLIF(" + left + ", " + right + ")";
        }
    }

    public record Cast(Expr operand, ColumnInfo target) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            return Coercion.cast(operand.eval(env), target);
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant();
        }

        @Override
        public String toString() {
            return "CAST(" + operand + " AS " + target.type().sqlName() + ")";
        }
    }
}
