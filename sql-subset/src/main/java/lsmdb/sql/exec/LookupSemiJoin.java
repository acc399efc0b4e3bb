package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;

/**
 * A correlated [NOT] EXISTS / [NOT] IN whose subquery reaches its table through the key or an index on the
 * correlation columns: per probe row one lookup (EXISTS stops at the first row found), nothing held in memory.
 * {@code predicate} is the subquery condition itself, so SQL's NULL rules are its own; {@code inner} is its plan,
 * shown by EXPLAIN.
 */
public record LookupSemiJoin(Node probe, Expr predicate, Node inner, boolean anti) implements Node {

    @Override
    public Cursor open(Env env) throws SQLException {
        // The predicate does the lookup per probe row: the rows it holds TRUE for pass, as through a filter.
        return new Basic.Filter(probe, predicate).open(env);
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
