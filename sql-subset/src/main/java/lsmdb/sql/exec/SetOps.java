package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lsmdb.sql.expr.Env;
import lsmdb.sql.types.Comparison;

/** DISTINCT and UNION [ALL]. */
public final class SetOps {

    private SetOps() {
    }

    /** A row's values in a form whose equals/hashCode follow SQL equality (NULLs equal each other here, as DISTINCT wants). */
    static List<Object> rowKey(Object[] row, int n) {
        Object[] k = new Object[n];
        for (int i = 0; i < n; i++) {
            k[i] = Comparison.groupKey(row[i]);
        }
        return Arrays.asList(k);
    }

    /**
     * The first of each set of equal rows, in input order. Past maxQueryMemory the rows not yet seen are found by
     * sorting instead ({@link DistinctSpill}), and come after those handed out in no particular order.
     */
    public record Distinct(Node input) implements Node {
        @Override
        public Cursor open(Env env) throws SQLException {
            ExecContext ctx = (ExecContext) env.context;
            Cursor in = input.open(env);
            return new Cursor() {
                /** The rows handed out, by their values: kept to be written out should the set outgrow the budget. */
                private Map<List<Object>, Object[]> seen = new HashMap<>();
                private long held;
                private boolean full;
                private Cursor spilled;

                @Override
                public Object[] next() throws SQLException {
                    if (full && spilled == null) {
                        ctx.release(held);
                        Map<List<Object>, Object[]> handedOut = seen;
                        seen = null; // given up either way, also should the spill fail
                        spilled = DistinctSpill.rest(handedOut.values(), in, ctx);
                    }
                    if (spilled != null) {
                        return spilled.next();
                    }
                    for (Object[] r; (r = in.next()) != null; ) {
                        if (seen.putIfAbsent(rowKey(r, r.length), r) == null) {
                            long bytes = ExecContext.footprint(r);
                            held += bytes;
                            full = !ctx.tryReserve(bytes);
                            ctx.tick();
                            return r;
                        }
                    }
                    // no later row is compared with the set: the statement's later operators have its budget
                    ctx.release(held);
                    held = 0;
                    seen.clear();
                    return null;
                }

                @Override
                public void close() {
                    if (spilled != null) {
                        spilled.close();
                    } else if (seen != null) {
                        // a subquery's DISTINCT runs again for each outer row: its set is gone, so is its share
                        ctx.release(held);
                        seen = null;
                    }
                    in.close();
                }
            };
        }

        @Override
        public int width() {
            return input.width();
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + "DISTINCT");
            input.explain(out, depth + 1);
        }
    }

    /** The rows of each input in turn. */
    public record UnionAll(List<Node> inputs) implements Node {
        @Override
        public Cursor open(Env env) throws SQLException {
            List<Node> all = new ArrayList<>(inputs);
            return new Cursor() {
                int i = -1;
                Cursor cur;

                @Override
                public Object[] next() throws SQLException {
                    for (;;) {
                        if (cur != null) {
                            Object[] r = cur.next();
                            if (r != null) {
                                return r;
                            }
                            cur.close();
                            cur = null;
                        }
                        if (++i >= all.size()) {
                            return null;
                        }
                        cur = all.get(i).open(env);
                    }
                }

                @Override
                public void close() {
                    if (cur != null) {
                        cur.close();
                    }
                }
            };
        }

        @Override
        public int width() {
            return inputs.get(0).width();
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + "UNION ALL");
            for (Node n : inputs) {
                n.explain(out, depth + 1);
            }
        }
    }
}
