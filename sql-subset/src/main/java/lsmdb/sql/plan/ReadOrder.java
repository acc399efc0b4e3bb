package lsmdb.sql.plan;

import java.util.List;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.exec.IndexScan;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.exec.Sort;
import lsmdb.sql.exec.TableScan;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Expr;

/**
 * Whether reading a one-source block's table by its key, or by one of its indexes, gives the block's ORDER BY, so
 * that no sort is needed (and a LIMIT can stop the read early).
 */
final class ReadOrder {
    private final Query.Select s;

    ReadOrder(Query.Select s) {
        this.s = s;
    }

    /**
     * Whether reading the key columns {@code keys} (table columns, at {@code offset} in the block) forwards (false)
     * or backwards (true) gives the ORDER BY; null when neither does.
     */
    Boolean of(int[] keys, int offset, KeyAccess access) {
        return of(keys, new boolean[keys.length], offset, access);
    }

    /** As above for key columns stored in the directions {@code desc} (true: descending). */
    private Boolean of(int[] keys, boolean[] desc, int offset, KeyAccess access) {
        if (s.order().isEmpty() || s.aggregated() || s.distinct() || access.alternatives().size() > 1) {
            return null;
        }
        Boolean descending = null;
        int matched = -1;
        for (int start = 0; start <= Math.min(access.eqCount(), keys.length - 1) && matched < 0; start++) {
            matched = start;
            descending = null;
            for (int i = 0; i < s.order().size(); i++) {
                Sort.SortKey k = s.order().get(i);
                Expr out = k.expr() instanceof ColumnRef r && r.depth() == 0 ? s.outputs().get(r.index()) : null;
                boolean isKey = start + i < keys.length && out instanceof ColumnRef c && c.depth() == 0
                        && c.index() == offset + keys[start + i];
                boolean backwards = isKey && k.descending() != desc[start + i];
                if (!isKey || descending != null && descending != backwards) {
                    matched = -1;
                    break;
                }
                descending = backwards;
            }
        }
        return matched < 0 ? null : descending;
    }

    /**
     * An index whose order gives the ORDER BY read forwards (each sort key in its column's direction, NULLs first
     * for ASC and last for DESC columns, as the index keeps them), when it is the
     * index the conditions {@code conds} pick anyway, or when none narrows the scan and a LIMIT lets reading stop
     * early. Not descending: reading an index backwards would return rows with equal sort keys in another order
     * than sorting does.
     */
    IndexScan orderingIndex(Query.Source src, List<Expr> conds) {
        Index narrowing = AccessPaths.bestIndex(src.indexes(), src.offset(), conds, Exprs::rowFree);
        for (Index ix : src.indexes()) {
            if (narrowing != null ? ix != narrowing : s.limit() == null) {
                continue;
            }
            KeyAccess access = AccessPaths.choose(ix.slots(), src.offset(), conds, Exprs::rowFree);
            if (Boolean.FALSE.equals(of(ix.slots(), ix.descending(), src.offset(), access))
                    && defaultNulls()) {
                return new IndexScan(new TableScan(src.table(), src.alias(), KeyAccess.FULL, false, src.offset(),
                        s.width()), ix, access);
            }
        }
        return null;
    }

    /** Whether every sort key puts NULLs where an index column of its direction keeps them (first if ASC). */
    private boolean defaultNulls() {
        for (Sort.SortKey k : s.order()) {
            if (k.nullsFirst() != null && k.nullsFirst() == k.descending()) {
                return false;
            }
        }
        return true;
    }
}
