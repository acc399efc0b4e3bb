package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Comparison;

/**
 * GROUP BY by hashing: one output row per group, in the order groups were first seen, holding the group values then
 * the aggregates' results. Without GROUP BY there is exactly one row, also over no input rows. When the groups (and
 * DISTINCT aggregates' values) outgrow maxQueryMemory, the grouping goes on in bounded memory by sorting
 * ({@link GroupSpill}); its groups then come in no particular order.
 */
public record Aggregate(Node input, List<Expr> groups, List<Call> calls) implements Node {

    public enum Kind { COUNT_STAR, COUNT, SUM, AVG, MIN, MAX }

    /** One aggregate: {@code kind(DISTINCT? arg)}; arg is null for COUNT(*). */
    public record Call(Kind kind, Expr arg, boolean distinct) {
        @Override
        public String toString() {
            return kind == Kind.COUNT_STAR ? "COUNT(*)"
                    : kind.name() + "(" + (distinct ? "DISTINCT " : "") + arg + ")";
        }
    }

    /** One group: its values (as first seen) and its aggregates' states. */
    record Group(Object[] values, Accumulator[] accs) {
    }

    /** What a group is counted as beyond its values: its accumulators. */
    private static final long ACC_BYTES = 32;

    @Override
    public Cursor open(Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        Env local = new Env(env.params, env.outer, env.context);
        Expr[] args = new Expr[calls.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = calls.get(i).arg();
        }
        // keyed by the group value itself when there is one, so a row that joins a known group allocates nothing
        Map<Object, Group> table = new LinkedHashMap<>();
        Expr[] groupExprs = groups.toArray(new Expr[0]);
        Object[] values = new Object[groupExprs.length];
        Group whole = groupExprs.length == 0 ? new Group(values, Accumulator.of(calls)) : null;
        if (whole != null) {
            table.put(List.of(), whole);
        }
        long held = 0;
        try {
            try (Cursor in = input.open(env)) {
                for (Object[] r; (r = in.next()) != null; ) {
                    ctx.tick();
                    local.row = r;
                    Group g = whole;
                    long bytes = 0;
                    if (g == null) {
                        for (int i = 0; i < values.length; i++) {
                            values[i] = groupExprs[i].eval(local);
                        }
                        Object key = values.length == 1 ? Comparison.groupKey(values[0])
                                : SetOps.rowKey(values, values.length);
                        g = table.get(key);
                        if (g == null) {
                            g = new Group(values.clone(), Accumulator.of(calls));
                            table.put(key, g);
                            bytes = ExecContext.footprint(g.values()) + ACC_BYTES * args.length;
                        }
                    }
                    bytes += add(g.accs(), args, local);
                    held += bytes;
                    if (bytes > 0 && !ctx.tryReserve(bytes)) {
                        // past the budget: what the table holds and the rest of the input are grouped by sorting
                        ctx.release(held);
                        held = 0; // the sort counts what it holds, and gives it back itself
                        return GroupSpill.group(table.values(), in, local, groupExprs, calls, ctx);
                    }
                }
            }
            List<Object[]> out = new ArrayList<>(table.size());
            for (Group g : table.values()) {
                out.add(result(g));
            }
            return releasing(Cursors.of(out), ctx, held);
        } catch (SQLException | RuntimeException e) {
            ctx.release(held); // the table is dropped with the failure: so is its count
            throw e;
        }
    }

    /**
     * {@code rows}, giving back {@code held} bytes once, at their end or when closed before: a subquery's grouping
     * may run once per outer row.
     */
    private static Cursor releasing(Cursor rows, ExecContext ctx, long held) {
        return new Cursor() {
            private boolean given;

            @Override
            public Object[] next() throws SQLException {
                Object[] r = rows.next();
                if (r == null) {
                    giveBack();
                }
                return r;
            }

            @Override
            public void close() {
                giveBack();
                rows.close();
            }

            private void giveBack() {
                if (!given) {
                    given = true;
                    ctx.release(held);
                }
            }
        };
    }

    /** Folds the row in {@code local} into the group's accumulators; the bytes of the DISTINCT values it added. */
    static long add(Accumulator[] a, Expr[] args, Env local) throws SQLException {
        long bytes = 0;
        for (int i = 0; i < a.length; i++) {
            Expr arg = args[i];
            if (arg == null) {
                a[i].countRow(); // COUNT(*)
            } else {
                Object v = arg.eval(local);
                if (a[i].add(v)) {
                    bytes += ExecContext.setEntryFootprint(v);
                }
            }
        }
        return bytes;
    }

    /** The output row of a group: its values, then its aggregates' results. */
    static Object[] result(Group g) {
        Object[] row = new Object[g.values().length + g.accs().length];
        System.arraycopy(g.values(), 0, row, 0, g.values().length);
        for (int i = 0; i < g.accs().length; i++) {
            row[g.values().length + i] = g.accs()[i].result();
        }
        return row;
    }

    @Override
    public int width() {
        return groups.size() + calls.size();
    }

    @Override
    public void explain(List<String> out, int depth) {
        out.add(Node.indent(depth) + "HASH AGGREGATE" + (groups.isEmpty() ? "" : " GROUP BY " + groups) + " " + calls);
        input.explain(out, depth + 1);
    }
}
