package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.SqlValues;

/**
 * A correlated [NOT] EXISTS / [NOT] IN whose subquery reaches its table through the key or an index on the
 * correlation columns: per probe row one lookup (EXISTS stops at the first row found), nothing held in memory.
 * {@code predicate} is the subquery condition itself, so SQL's NULL rules are its own; {@code inner} is its plan,
 * shown by EXPLAIN.
 */
public record LookupSemiJoin(Node probe, Expr predicate, Node inner, boolean anti) implements Node {

    @Override
    public Cursor open(Env env) throws SQLException {
        Cursor in = probe.open(env);
        Env local = new Env(env.params, env.outer, env.context);
        return new Cursor() {
            @Override
            public Object[] next() throws SQLException {
                for (Object[] r; (r = in.next()) != null; ) {
                    local.row = r;
                    if (SqlValues.isTrue(predicate.eval(local))) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    @Override
    public int width() {
        return probe.width();
    }

    @Override
    public void explain(List<String> out, int depth) {
        out.add(Node.indent(depth) + (anti ? "LOOKUP ANTI JOIN (" : "LOOKUP SEMI JOIN (") + predicate + ")");
        probe.explain(out, depth + 1);
        inner.explain(out, depth + 1);
    }
}
