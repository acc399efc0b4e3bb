package lsmdb.sql.bind;

import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;
import lsmdb.sql.expr.Conditional;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.plan.Query;

/**
 * The columns of a UNION. A column whose parts have different numeric types has their common type (SQL's rule, as
 * {@link Typing#numeric} orders them: DOUBLE over DECIMAL over the integers); where that is DOUBLE the other parts'
 * values are cast to it, so {@code SELECT bigint_col UNION SELECT double_col} gives doubles, and equal values
 * written in both types are one row.
 */
final class UnionTypes {

    private UnionTypes() {
    }

    /** The parts, with casts where a column becomes DOUBLE; {@code columns} receives the union's columns. */
    static List<Query> unify(List<Query> parts, List<ColumnInfo> columns) {
        List<ColumnInfo> first = parts.get(0).columns();
        List<Query> out = new ArrayList<>(parts);
        for (int i = 0; i < first.size(); i++) {
            SqlType t = first.get(i).type();
            for (Query q : parts) {
                SqlType u = q.columns().get(i).type();
                if (u != t && t.isNumeric() && u.isNumeric()) {
                    t = Typing.numeric(t, u);
                }
            }
            ColumnInfo c = first.get(i);
            columns.add(t == c.type() ? c : new ColumnInfo(c.name(), t, 0, t == SqlType.DECIMAL ? 10 : 0,
                    c.nullable(), false, ""));
            if (t == SqlType.DOUBLE) {
                for (int p = 0; p < out.size(); p++) {
                    if (out.get(p).columns().get(i).type() != SqlType.DOUBLE) {
                        out.set(p, cast(out.get(p), i, columns.get(i)));
                    }
                }
            }
        }
        return out;
    }

    /** {@code q} with output column {@code i} cast to {@code target}. */
    private static Query cast(Query q, int i, ColumnInfo target) {
        List<ColumnInfo> cols = new ArrayList<>(q.columns());
        ColumnInfo c = cols.get(i);
        cols.set(i, new ColumnInfo(c.name(), target.type(), 0, 0, c.nullable(), false, c.table()));
        if (q instanceof Query.Select s) {
            List<Expr> outputs = new ArrayList<>(s.outputs());
            outputs.set(i, new Conditional.Cast(outputs.get(i), target));
            return new Query.Select(s.sources(), s.joins(), s.where(), s.width(), s.aggregated(), s.groupBy(),
                    s.calls(), s.having(), List.copyOf(outputs), s.visible(), s.distinct(), s.order(), s.limit(),
                    s.offset(), List.copyOf(cols), s.subqueries());
        }
        Query.Union u = (Query.Union) q;
        List<Query> parts = new ArrayList<>();
        for (Query part : u.parts()) {
            parts.add(cast(part, i, target));
        }
        return new Query.Union(List.copyOf(parts), u.all(), u.order(), u.limit(), u.offset(), List.copyOf(cols));
    }
}
