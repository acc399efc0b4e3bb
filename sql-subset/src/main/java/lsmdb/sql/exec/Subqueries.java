package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Comparison;

/**
 * Subqueries as expressions. A correlated one runs once per outer row (its plan reads the enclosing rows through
 * {@link Env#outer}); an uncorrelated one runs once per statement and its result is kept in the execution context.
 */
public final class Subqueries {

    private Subqueries() {
    }

    private static List<Object[]> rows(Node plan, Env env, int max) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (Cursor c = plan.open(env.nested())) {
            for (Object[] r; (max < 0 || out.size() < max) && (r = c.next()) != null; ) {
                out.add(r);
            }
        }
        return out;
    }

    private static Object cached(Expr owner, boolean correlated, Env env, Compute compute) throws SQLException {
        if (correlated) {
            return compute.run();
        }
        var cache = ((ExecContext) env.context).subqueryResults();
        Object v = cache.get(owner);
        if (v == null && !cache.containsKey(owner)) {
            v = compute.run();
            cache.put(owner, v);
        }
        return v;
    }

    private interface Compute {
        Object run() throws SQLException;
    }

    /** {@code (SELECT x ...)}: its one value, NULL without rows, 21000 with more than one; {@code type} is x's. */
    public record Scalar(Node plan, boolean correlated, lsmdb.sql.SqlType type) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            return cached(this, correlated, env, () -> {
                List<Object[]> r = rows(plan, env, 2);
                if (r.size() > 1) {
                    throw new SQLException("a scalar subquery returned more than one row", "21000");
                }
                return r.isEmpty() ? null : r.get(0)[0];
            });
        }

        @Override
        public String toString() {
            return "(SUBQUERY)";
        }
    }

    public record Exists(Node plan, boolean correlated, boolean not) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            boolean any = (Boolean) cached(this, correlated, env, () -> !rows(plan, env, 1).isEmpty());
            return any != not;
        }

        @Override
        public String toString() {
            return (not ? "NOT " : "") + "EXISTS (SUBQUERY)";
        }
    }

    /** {@code e [NOT] IN (SELECT ...)} with SQL's NULL rules, over a hash set of the subquery's values. */
    public record In(Expr operand, Node plan, boolean correlated, boolean not) implements Expr {
        private record Values(Set<Object> set, boolean hasNull, boolean empty) {
        }

        @Override
        public Object eval(Env env) throws SQLException {
            Values vs = (Values) cached(this, correlated, env, () -> {
                Set<Object> set = new HashSet<>();
                boolean hasNull = false;
                List<Object[]> all = rows(plan, env, -1);
                for (Object[] r : all) {
                    if (r[0] == null) {
                        hasNull = true;
                    } else {
                        set.add(Comparison.groupKey(r[0]));
                    }
                }
                return new Values(set, hasNull, all.isEmpty());
            });
            if (vs.empty()) {
                return not;
            }
            Object v = operand.eval(env);
            if (v == null) {
                return null;
            }
            if (vs.set().contains(Comparison.groupKey(v))) {
                return !not;
            }
            if (v instanceof String) {
                // A string equal to a number ('1' = 1) is found by comparing; the hash set holds exact forms.
                for (Object x : vs.set()) {
                    if (!(x instanceof String) && compares(v, x)) {
                        return !not;
                    }
                }
            }
            return vs.hasNull() ? null : not;
        }

        private static boolean compares(Object v, Object x) {
            try {
                Object xv = x instanceof java.nio.ByteBuffer b ? b.array() : x;
                return Comparison.compare(v, xv) == 0;
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return operand + (not ? " NOT IN " : " IN ") + "(SUBQUERY)";
        }
    }
}
