package lsmdb.sql.exec;

import java.sql.SQLException;
import lsmdb.sql.SqlType;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.RowKeys;
import lsmdb.sql.expr.Env;

/**
 * An inner index join's probe side that is a primary-key point whose row the query reads only key columns of
 * ({@code FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id = ?}): the row is its key, so it is made
 * from the key, not read; the join only has to know that it exists, which the inner side's first multi-get answers
 * with its own rows ({@link IndexScan#lookupOneAtATime(ExecContext, Env, byte[])}), and an empty inner side makes
 * the question moot. One engine read fewer per execution, and none of the point-read path run.
 */
record KeyOnlyProbe(TableScan scan) {

    /** The probe of {@code probe} joined to {@code inner}, or null when they are not this shape. */
    static KeyOnlyProbe of(Node probe, Lookup inner, boolean outer) {
        TableScan ts = PointProbe.keyPoint(probe);
        if (outer || !(inner instanceof IndexScan ix) || ix.indexOnly() || ts == null) {
            return null;
        }
        Table t = ts.table();
        if (!t.stored().isPlain() || t.hasHiddenRowId() || ts.wanted() == null) {
            return null;
        }
        boolean[] wanted = ts.wanted();
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i] && !t.inKey()[i]) {
                return null;
            }
        }
        for (int k : t.keySlots()) {
            if (t.slots().get(k).type() == SqlType.TIMESTAMP_WITH_TIME_ZONE) { // its key keeps no offset
                return null;
            }
        }
        return new KeyOnlyProbe(ts);
    }

    /**
     * This execution's probe key; null when a bound is NULL (no row), {@link KeyAccess#NOT_ONE_KEY} when its value
     * converts into no key exactly (then the probe is read as usual).
     */
    byte[] key(Env env) throws SQLException {
        return KeyAccess.onlyKey(scan.access().exactSpans(scan.keys(), new Env(env.params, env.outer, env.context)));
    }

    /** The probe row {@code key} stands for: its key columns at the scan's offset, every other slot NULL. */
    Object[] row(byte[] key) {
        Table t = scan.table();
        Object[] own = new Object[t.width()];
        RowKeys.decode(t, key, own);
        Object[] row = new Object[scan.width()];
        System.arraycopy(own, 0, row, scan.offset(), own.length);
        return row;
    }
}
