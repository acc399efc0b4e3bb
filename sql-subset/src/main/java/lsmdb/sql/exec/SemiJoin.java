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
 *
 * <p>A subquery past maxQueryMemory is hash-partitioned to temporary files with the probe rows ({@link
 * SpilledSemiJoin}).
 */
public record SemiJoin(Node probe, Node build, List<Expr> probeKeys, Mode mode, String description) implements Node {

    public enum Mode { SEMI, ANTI, NULL_AWARE_ANTI }

    /** NOT IN's per-key state: the values seen and whether one was NULL. */
    private static final class Values {
        final Set<Object> set = new HashSet<>();
        boolean hasNull;
    }

    /** The hashed subquery rows: keys present (semi and anti) or each key's values (null-aware anti). */
    final class Built {
        private final int keys = keyCount();
        private final Set<Object> present = new HashSet<>();
        private final Map<Object, Values> values = mode == Mode.NULL_AWARE_ANTI ? new HashMap<>() : null;

        /** Adds a subquery row (a NULL key matches nothing: the row is dropped). */
        void add(Object[] r) {
            Object k = key(r, keys);
            if (k == null) {
                return;
            }
            if (values == null) {
                present.add(k);
                return;
            }
            Values v = values.computeIfAbsent(k, x -> new Values());
            Object value = r[keys];
            if (value == null) {
                v.hasNull = true;
            } else {
                v.set.add(Comparison.groupKey(value));
            }
        }

        /**
         * Whether a probe row of these key values (and NOT IN's operand) passes. A NOT IN probe row fails when a
         * row of its keys is NULL, equal to its operand, or its operand is NULL: so over several chunks of the
         * subquery it passes when it passes each, as a NOT EXISTS does, and an IN or EXISTS when it passes one.
         */
        boolean passes(Object[] probeValues) {
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
    }

    int keyCount() {
        return mode == Mode.NULL_AWARE_ANTI ? probeKeys.size() - 1 : probeKeys.size();
    }

    /**
     * The subquery reads nothing of the enclosing rows, so its hash is built once per statement (also when this
     * join sits in a subquery that runs per row), and only when a probe row needs it. Null when it outgrew
     * maxQueryMemory: then each execution partitions it anew ({@link SpilledSemiJoin}).
     */
    private Built built(Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        Map<Object, Object> cache = ctx.subqueryResults();
        Object b = cache.get(this);
        if (b == null) {
            b = build(env, ctx);
            cache.put(this, b);
        }
        return b instanceof Built built ? built : null;
    }

    /** The built hash, or {@link #TOO_BIG} (its memory given back) when it did not fit the budget. */
    private Object build(Env env, ExecContext ctx) throws SQLException {
        Built b = new Built();
        long held = 0;
        try (Cursor in = build.open(env.nested())) {
            for (Object[] r; (r = in.next()) != null; ) {
                long bytes = ExecContext.footprint(r);
                held += bytes;
                if (!ctx.tryReserve(bytes)) {
                    ctx.release(held);
                    return TOO_BIG;
                }
                ctx.tick();
                b.add(r);
            }
        } catch (SQLException | RuntimeException e) {
            ctx.release(held); // no hash is kept for the statement: nor its count
            throw e;
        }
        return b;
    }

    /** Cached in place of a hash that outgrew the budget, so later executions spill without trying again. */
    private static final Object TOO_BIG = new Object();

    /** The probe key values of {@code row}, in {@code into}. */
    void probeValues(Env local, Object[] row, Object[] into) throws SQLException {
        local.row = row;
        for (int i = 0; i < into.length; i++) {
            into[i] = probeKeys.get(i).eval(local);
        }
    }

    @Override
    public Cursor open(Env env) throws SQLException {
        Cursor in = probe.open(env);
        Env local = new Env(env.params, env.outer, env.context);
        Object[] probeValues = new Object[probeKeys.size()];
        return new Cursor() {
            private Built built;
            /** The rows once the subquery spilled: the probe side read and partitioned too. */
            private Cursor spilled;

            @Override
            public Object[] next() throws SQLException {
                if (spilled != null) {
                    return spilled.next();
                }
                for (Object[] r; (r = in.next()) != null; ) {
                    if (built == null) {
                        built = built(env);
                        if (built == null) {
                            spilled = SpilledSemiJoin.open(SemiJoin.this, env, local, r, in);
                            return spilled.next();
                        }
                    }
                    probeValues(local, r, probeValues);
                    if (built.passes(probeValues)) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                if (spilled != null) {
                    spilled.close();
                }
                in.close();
            }
        };
    }

    /** The hash key of the first {@code n} values; null when one is NULL (it matches nothing). */
    static Object key(Object[] row, int n) {
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
