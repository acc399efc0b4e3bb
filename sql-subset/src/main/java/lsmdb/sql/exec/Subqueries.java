package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;

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

    /**
     * {@code e [NOT] IN (SELECT ...)} with SQL's NULL rules, over a hash set of the subquery's values counted against
     * maxQueryMemory ({@link InSubqueryValues}).
     */
    public record In(Expr operand, Node plan, boolean correlated, boolean not) implements Expr {
        @Override
        public Object eval(Env env) throws SQLException {
            InSubqueryValues vs = (InSubqueryValues) cached(this, correlated, env,
                    () -> InSubqueryValues.load(plan, env));
            try {
                if (vs.empty()) {
                    return not;
                }
                Boolean in = vs.contains(operand.eval(env));
                return in == null ? null : in != not;
            } finally {
                if (correlated) {
                    vs.release((ExecContext) env.context); // loaded for this row alone
                }
            }
        }

        @Override
        public String toString() {
            return operand + (not ? " NOT IN " : " IN ") + "(SUBQUERY)";
        }
    }
}
