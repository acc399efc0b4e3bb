package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Comparison;

/**
 * ORDER BY: a full sort, or with {@code limit} set a top-N that keeps only limit + offset rows in a bounded heap.
 * Rows that compare equal keep their input order (the sort is stable).
 */
public record Sort(Node input, List<SortKey> keys, Expr limit, Expr offset) implements Node {

    /** NULLs sort first ascending and last descending unless {@code nullsFirst} says otherwise. */
    public record SortKey(Expr expr, boolean descending, Boolean nullsFirst) {
        boolean nullFirst() {
            return nullsFirst != null ? nullsFirst : !descending;
        }

        @Override
        public String toString() {
            return expr + (descending ? " DESC" : "") + (nullsFirst == null ? "" : nullsFirst ? " NULLS FIRST"
                    : " NULLS LAST");
        }
    }

    private record Keyed(Object[] key, Object[] row, long seq) {
    }

    /** Carries a comparison failure out of a Comparator. */
    private static final class Failed extends RuntimeException {
        Failed(SQLException e) {
            super(e);
        }
    }

    @Override
    public Cursor open(Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        long lim = limit == null ? -1 : Basic.count(limit, env, -1);
        long off = Basic.count(offset, env, 0);
        long keep = lim < 0 ? -1 : lim + off;
        Comparator<Keyed> order = comparator();
        List<Keyed> rows;
        Env local = new Env(env.params, env.outer, env.context);
        try (Cursor in = input.open(env)) {
            if (keep >= 0) {
                PriorityQueue<Keyed> heap = new PriorityQueue<>(order.reversed());
                long seq = 0;
                for (Object[] r; keep > 0 && (r = in.next()) != null; ) {
                    Keyed k = new Keyed(key(local, r), r, seq++);
                    if (heap.size() < keep) {
                        ctx.reserve(r);
                        heap.add(k);
                    } else if (order.compare(k, heap.peek()) < 0) {
                        heap.poll();
                        heap.add(k);
                    }
                    ctx.tick();
                }
                rows = new ArrayList<>(heap);
            } else {
                rows = new ArrayList<>();
                long seq = 0;
                for (Object[] r; (r = in.next()) != null; ) {
                    ctx.reserve(r);
                    rows.add(new Keyed(key(local, r), r, seq++));
                }
            }
            rows.sort(order);
        } catch (Failed f) {
            throw (SQLException) f.getCause();
        }
        List<Keyed> sorted = rows;
        long end = lim < 0 ? sorted.size() : Math.min(sorted.size(), off + lim);
        return new Cursor() {
            int i = (int) Math.min(off, sorted.size());

            @Override
            public Object[] next() {
                return i < end ? sorted.get(i++).row() : null;
            }

            @Override
            public void close() {
            }
        };
    }

    private Object[] key(Env local, Object[] row) throws SQLException {
        local.row = row;
        Object[] k = new Object[keys.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = keys.get(i).expr().eval(local);
        }
        return k;
    }

    private Comparator<Keyed> comparator() {
        return (a, b) -> {
            for (int i = 0; i < keys.size(); i++) {
                SortKey sk = keys.get(i);
                Object x = a.key()[i];
                Object y = b.key()[i];
                int c;
                if (x == null || y == null) {
                    c = x == y ? 0 : (x == null) == sk.nullFirst() ? -1 : 1;
                } else {
                    try {
                        c = Comparison.compare(x, y);
                    } catch (SQLException e) {
                        throw new Failed(e);
                    }
                    if (sk.descending()) {
                        c = -c;
                    }
                }
                if (c != 0) {
                    return c;
                }
            }
            return Long.compare(a.seq(), b.seq());
        };
    }

    @Override
    public int width() {
        return input.width();
    }

    @Override
    public void explain(List<String> out, int depth) {
        out.add(Node.indent(depth) + (limit == null ? "SORT " : "TOP-N " + limit + " ") + keys);
        input.explain(out, depth + 1);
    }
}
