package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.List;
import lsmdb.core.Snapshot;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.RowCursor;
import lsmdb.sql.SqlType;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;

/**
 * A query that reads table columns from one primary-key range, in key order, up to a LIMIT, with no condition beyond
 * the range ({@code SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 100}). The driver reads its rows through
 * {@link #openRows}, a cursor straight over the engine's entries ({@link KeyRangeCursor}); anything else (a
 * subquery, an execution whose bounds do not convert into the key exactly) runs {@code general}, the same query as
 * operators, which answers identically.
 *
 * @param general the operators this node stands for (Limit over Project over the keyed filter or scan)
 * @param scan    the table scan at the bottom of {@code general}
 * @param exact   whether {@code general} filters the scan on the range's own conditions (a keyed filter with
 *                nothing else to check): an execution then needs spans that hold exactly the rows they select
 * @param shape   per output column, the table column it reads, and what the rows decode of each entry (worked
 *                out once per plan, not per execution)
 * @param limit   the LIMIT (null: none)
 */
public record KeyRangeRows(Node general, TableScan scan, boolean exact, KeyRangeCursor.Shape shape, Expr limit)
        implements Node {

    /**
     * {@code root} as a key range query when it has that shape: [Project of plain columns over] [Limit without
     * OFFSET] over a Project of plain columns over the scan (or a keyed filter over it with no other condition); null
     * otherwise. TIME columns are left to the general path, whose rows convert them to {@code java.sql.Time}.
     */
    public static KeyRangeRows of(Node root) {
        Node n = root;
        int[] visible = null;
        if (n instanceof Basic.Project top && (top.input() instanceof Basic.Limit
                || top.input() instanceof Basic.Project)) {
            // the visible columns of outputs that include one only ORDER BY reads (SELECT v ... ORDER BY k)
            visible = top.columnSlots();
            if (visible == null) {
                return null;
            }
            n = top.input();
        }
        Expr limit = null;
        if (n instanceof Basic.Limit l) {
            if (l.offset() != null) {
                return null;
            }
            limit = l.limit();
            n = l.input();
        }
        if (!(n instanceof Basic.Project p)) {
            return null;
        }
        n = p.input();
        boolean exact = false;
        if (n instanceof Basic.Filter f) {
            if (!f.keyed() || f.rest() != null || f.exactInput() != null) {
                return null;
            }
            exact = true;
            n = f.input();
        }
        if (!(n instanceof TableScan scan) || scan.likePrefix() != null || scan.offset() != 0
                || scan.access().alternatives().size() != 1) {
            return null;
        }
        int[] slots = p.columnSlots();
        if (slots == null) {
            return null;
        }
        if (visible != null) {
            int[] shown = new int[visible.length];
            for (int i = 0; i < shown.length; i++) {
                shown[i] = slots[visible[i]];
            }
            slots = shown;
        }
        List<ColumnInfo> tableColumns = scan.table().columns();
        for (int c : slots) {
            if (c >= tableColumns.size() || tableColumns.get(c).type() == SqlType.TIME) {
                return null;
            }
        }
        return new KeyRangeRows(root, scan, exact, KeyRangeCursor.Shape.of(scan.table(), slots), limit);
    }

    @Override
    public Cursor open(Env env) throws SQLException {
        return general.open(env);
    }

    /**
     * This execution's rows for the driver, holding {@code release} (the statement's own snapshot; null: none), closed
     * once when they are closed or run out; null, with nothing opened or released, when the execution does not fit (its bounds do not convert into one exact key range, or the table
     * has been altered): then {@link #open} it.
     */
    public RowCursor openRows(Env env, List<ColumnInfo> resultColumns, Snapshot release) throws SQLException {
        if (!scan.table().stored().isPlain()) {
            return null;
        }
        long rows = Basic.count(limit, env, Long.MAX_VALUE); // before the bounds, as the general path's Limit
        Env keyEnv = new Env(env.params, env.outer, env.context);
        List<KeyAccess.Span> spans = exact ? scan.access().exactSpans(scan.keys(), keyEnv)
                : scan.access().spans(scan.keys(), keyEnv);
        if (spans == null || spans.size() > 1 || (spans.size() == 1 && spans.get(0).point())) {
            return null;
        }
        ExecContext ctx = (ExecContext) env.context;
        ReadView.Scan range = spans.isEmpty() || rows == 0 ? null
                : ctx.view().scan(spans.get(0).from(), spans.get(0).to(), scan.reverse());
        return new KeyRangeCursor(resultColumns, scan.table(), shape, ctx, range, rows, release);
    }

    @Override
    public int width() {
        return general.width();
    }

    @Override
    public void explain(List<String> out, int depth) {
        general.explain(out, depth);
    }
}
