package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Comparison;

/**
 * A decorrelated [NOT] EXISTS or [NOT] IN: the subquery runs once, its rows hashed on the correlation keys, and each
 * probe row passes or not by one lookup. {@code build} yields rows of {@code probeKeys.size()} key values, followed
 * (for NOT IN) by the subquery's value. Keys compare as SQL's {@code =}: a NULL key matches nothing.
 *
 * <p>EXISTS and IN are plain semi-joins (IN's operand is one more key). NOT EXISTS is an anti-join. NOT IN needs
 * SQL's NULL rules: a probe row passes when no subquery row has its correlation keys, or when its operand is not
 * NULL, differs from every value of those rows and none of them is NULL.
 */
public record SemiJoin(Node probe, Node build, List<Expr> probeKeys, Mode mode, String description) implements Node {

    public enum Mode { SEMI, ANTI, NULL_AWARE_ANTI }

    /** NOT IN's per-key state: the values seen and whether one was NULL. */
    private static final class Values {
        final Set<Object> set = new HashSet<>();
        boolean hasNull;
    }

    /** The hashed subquery: keys present (semi and anti) or each key's values (null-aware anti). */
    private record Built(Set<Object> present, Map<Object, Values> values) {
    }

    private int keyCount() {
        return mode == Mode.NULL_AWARE_ANTI ? probeKeys.size() - 1 : probeKeys.size();
    }

    /**
     * The subquery reads nothing of the enclosing rows, so its hash is built once per statement (also when this
     * join sits in a subquery that runs per row), and only when a probe row needs it.
     */
    private Built built(Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        Map<Object, Object> cache = ctx.subqueryResults();
        Built b = (Built) cache.get(this);
        if (b == null) {
            b = build(env, ctx);
            cache.put(this, b);
        }
        return b;
    }

    private Built build(Env env, ExecContext ctx) throws SQLException {
        int keys = keyCount();
        Set<Object> present = new HashSet<>();
        Map<Object, Values> values = mode == Mode.NULL_AWARE_ANTI ? new HashMap<>() : null;
        try (Cursor in = build.open(env.nested())) {
            for (Object[] r; (r = in.next()) != null; ) {
                ctx.reserve(r);
                Object k = key(r, keys);
                if (k == null) {
                    continue;
                }
                if (values == null) {
                    present.add(k);
                } else {
                    Values v = values.computeIfAbsent(k, x -> new Values());
                    Object value = r[keys];
                    if (value == null) {
                        v.hasNull = true;
                    } else {
                        v.set.add(Comparison.groupKey(value));
                    }
                }
            }
        }
        return new Built(present, values);
    }

    @Override
    public Cursor open(Env env) throws SQLException {
        int keys = keyCount();
        Cursor in = probe.open(env);
        Env local = new Env(env.params, env.outer, env.context);
        Object[] probeValues = new Object[probeKeys.size()];
        return new Cursor() {
            private Set<Object> present;
            private Map<Object, Values> values;

            @Override
            public Object[] next() throws SQLException {
                for (Object[] r; (r = in.next()) != null; ) {
                    if (present == null) {
                        Built b = built(env);
                        present = b.present();
                        values = b.values();
                    }
                    local.row = r;
                    for (int i = 0; i < probeValues.length; i++) {
                        probeValues[i] = probeKeys.get(i).eval(local);
                    }
                    if (passes()) {
                        return r;
                    }
                }
                return null;
            }

            private boolean passes() {
                Object k = key(probeValues, keys);
                if (values == null) {
                    return (k != null && present.contains(k)) == (mode == Mode.SEMI);
                }
                Values v = k == null ? null : values.get(k);
                if (v == null) {
                    return true;
                }
                Object operand = probeValues[keys];
                return operand != null && !v.hasNull && !v.set.contains(Comparison.groupKey(operand));
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    /** The hash key of the first {@code n} values; null when one is NULL (it matches nothing). */
    private static Object key(Object[] row, int n) {
        if (n == 1) {
            return row[0] == null ? null : Comparison.groupKey(row[0]);
        }
        Object[] k = new Object[n];
        for (int i = 0; i < n; i++) {
            if (row[i] == null) {
                return null;
            }
            k[i] = Comparison.groupKey(row[i]);
        }
        return Arrays.asList(k);
    }

    @Override
    public int width() {
        return probe.width();
    }

    @Override
    public void explain(List<String> out, int depth) {
        String kind = switch (mode) {
            case SEMI -> "HASH SEMI JOIN";
            case ANTI -> "HASH ANTI JOIN";
            case NULL_AWARE_ANTI -> "HASH NULL-AWARE ANTI JOIN";
        };
        out.add(Node.indent(depth) + kind + " ON " + probeKeys + " (" + description + ")");
        probe.explain(out, depth + 1);
        build.explain(out, depth + 1);
    }
}
