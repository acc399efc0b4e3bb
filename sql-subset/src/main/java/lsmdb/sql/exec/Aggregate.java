package lsmdb.sql.exec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Arithmetic;
import lsmdb.sql.types.Comparison;

/**
 * GROUP BY by hashing: one output row per group, in the order groups were first seen, holding the group values then
 * the aggregates' results. Without GROUP BY there is exactly one row, also over no input rows.
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

    @Override
    public Cursor open(Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        Env local = new Env(env.params, env.outer, env.context);
        Expr[] args = new Expr[calls.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = calls.get(i).arg();
        }
        if (groups.isEmpty()) {
            return Cursors.of(java.util.Collections.singletonList(whole(env, ctx, local, args)));
        }
        // keyed by the group value itself when there is one, so a row that joins a known group allocates nothing
        Map<Object, Object[]> groupRows = new LinkedHashMap<>();
        Map<Object, Acc[]> accs = new LinkedHashMap<>();
        Expr[] groupExprs = groups.toArray(new Expr[0]);
        Object[] values = new Object[groupExprs.length];
        try (Cursor in = input.open(env)) {
            for (Object[] r; (r = in.next()) != null; ) {
                ctx.tick();
                local.row = r;
                for (int i = 0; i < values.length; i++) {
                    values[i] = groupExprs[i].eval(local);
                }
                Object key = values.length == 1 ? Comparison.groupKey(values[0])
                        : SetOps.rowKey(values, values.length);
                Acc[] a = accs.get(key);
                if (a == null) {
                    a = newAccs();
                    accs.put(key, a);
                    Object[] g = values.clone();
                    groupRows.put(key, g);
                    ctx.reserve(g);
                }
                add(a, args, local);
            }
        }
        List<Object[]> out = new ArrayList<>(accs.size());
        for (Map.Entry<Object, Acc[]> e : accs.entrySet()) {
            Object[] g = groupRows.get(e.getKey());
            Object[] row = new Object[g.length + calls.size()];
            System.arraycopy(g, 0, row, 0, g.length);
            Acc[] a = e.getValue();
            for (int i = 0; i < a.length; i++) {
                row[g.length + i] = a[i].result();
            }
            out.add(row);
        }
        return Cursors.of(out);
    }

    /** Without GROUP BY: one row, also over no input rows; no per-row lookup of a group. */
    private Object[] whole(Env env, ExecContext ctx, Env local, Expr[] args) throws SQLException {
        Acc[] a = newAccs();
        try (Cursor in = input.open(env)) {
            for (Object[] r; (r = in.next()) != null; ) {
                ctx.tick();
                local.row = r;
                add(a, args, local);
            }
        }
        Object[] row = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            row[i] = a[i].result();
        }
        return row;
    }

    private static void add(Acc[] a, Expr[] args, Env local) throws SQLException {
        for (int i = 0; i < a.length; i++) {
            Expr arg = args[i];
            if (arg == null) {
                a[i].count++; // COUNT(*)
            } else {
                a[i].add(arg.eval(local));
            }
        }
    }

    private Acc[] newAccs() {
        return newAccs(calls);
    }

    static Acc[] newAccs(List<Call> calls) {
        Acc[] a = new Acc[calls.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = new Acc(calls.get(i));
        }
        return a;
    }

    /** One aggregate's running state for one group. */
    static final class Acc {
        private final Call call;
        private final Set<Object> seen;
        private long count;
        private Object value;

        Acc(Call call) {
            this.call = call;
            this.seen = call.distinct() ? new HashSet<>() : null;
        }

        void add(Object v) throws SQLException {
            if (v == null) {
                return;
            }
            if (seen != null && !seen.add(Comparison.groupKey(v))) {
                return;
            }
            count++;
            switch (call.kind()) {
                case COUNT_STAR, COUNT -> { }
                case SUM, AVG -> {
                    if (!(v instanceof Number)) {
                        v = Arithmetic.apply('+', 0L, v);
                    }
                    value = value == null ? widen(v) : Arithmetic.apply('+', value, widen(v));
                }
                case MIN -> value = value == null || Comparison.compare(v, value) < 0 ? v : value;
                case MAX -> value = value == null || Comparison.compare(v, value) > 0 ? v : value;
                default -> throw new IllegalStateException();
            }
        }

        /** Sums of integers run in BIGINT and move to DECIMAL instead of overflowing. */
        private Object widen(Object v) {
            return v instanceof Integer || v instanceof Short || v instanceof Byte ? (Object) ((Number) v).longValue() : v;
        }

        Object result() throws SQLException {
            return switch (call.kind()) {
                case COUNT_STAR, COUNT -> count;
                case SUM, MIN, MAX -> value;
                case AVG -> {
                    if (value == null) {
                        yield null;
                    }
                    if (value instanceof BigDecimal d) {
                        yield d.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128);
                    }
                    yield ((Number) value).doubleValue() / count;
                }
            };
        }
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
