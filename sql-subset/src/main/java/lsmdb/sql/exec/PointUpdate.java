package lsmdb.sql.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeMap;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.codec.RowEncoder;
import lsmdb.sql.codec.RowKeys;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Coercion;
import lsmdb.sql.types.SqlValues;

/**
 * An UPDATE whose rows are found by primary-key points ({@code UPDATE t SET c = ? WHERE k = ?}) on a table without
 * indexes or foreign keys, done without building whole rows: each stored row is fetched once, only the columns
 * the WHERE and SET expressions read are decoded, and the new stored value is the old one with the set columns'
 * bytes replaced ({@link RowEncoder#patch}). Anything else is left to the general path in {@link Dml}.
 */
final class PointUpdate {

    private PointUpdate() {
    }

    /**
     * Runs the update if it has this shape, adding its writes to {@code out}; the number of rows changed, or -1
     * (nothing done) when it has another shape.
     *
     * @param reads the table slots the WHERE and SET expressions read
     */
    static long run(Table t, Node source, int[] slots, List<Expr> values, boolean[] reads, Env env,
                    TreeMap<byte[], byte[]> out) throws SQLException {
        if (!t.stored().isPlain()) {
            return -1;
        }
        for (int s : slots) {
            if (t.inKey()[s] || s >= t.columns().size()) {
                return -1;
            }
        }
        Expr predicate = null;
        Node input = source;
        if (input instanceof Basic.Filter f) {
            predicate = f.predicate();
            input = f.input();
        }
        if (!(input instanceof TableScan scan) || scan.table() != t || scan.offset() != 0
                || scan.width() != t.width()) {
            return -1;
        }
        ExecContext ctx = (ExecContext) env.context;
        if (ForeignKeys.of(ctx, t) != null) {
            return -1;
        }
        List<KeyAccess.Span> spans = scan.access().spans(scan.keys(), new Env(env.params, env.outer, env.context));
        for (KeyAccess.Span s : spans) {
            if (!s.point()) {
                return -1;
            }
        }
        List<ColumnInfo> cols = t.slots();
        Env local = new Env(env.params, env.outer, env.context);
        Object[] set = new Object[slots.length];
        long n = 0;
        for (KeyAccess.Span s : spans) {
            byte[] key = s.from();
            byte[] old = stored(ctx, key);
            if (old == null) {
                continue;
            }
            ctx.tick();
            Object[] row = new Object[t.width()];
            RowKeys.decode(t, key, row);
            RowCodec.decodeInto(old, t.columns(), t.inKey(), row, reads);
            local.row = row;
            if (predicate != null && !SqlValues.isTrue(predicate.eval(local))) {
                continue;
            }
            for (int i = 0; i < slots.length; i++) {
                ColumnInfo c = cols.get(slots[i]);
                Object v = Coercion.store(values.get(i).eval(local), c);
                if (v == null && (!c.nullable() || c.primaryKey())) {
                    throw Errors.notNull(c.name());
                }
                set[i] = v;
            }
            byte[] value = RowEncoder.patch(old, t.columns(), t.inKey(), slots, set);
            if (value == null) { // stored before columns were added: rebuild it whole
                Object[] whole = RowCodec.decodeRow(t, key, old);
                for (int i = 0; i < slots.length; i++) {
                    whole[slots[i]] = set[i];
                }
                Dml.check(t, whole);
                value = RowEncoder.encodeRow(t, whole);
            }
            ctx.holdWrite(key, value);
            out.put(key, value);
            n++;
        }
        return n;
    }

    /** The row stored under {@code key} as the statement sees it (its transaction's writes first), or null. */
    private static byte[] stored(ExecContext ctx, byte[] key) throws SQLException {
        try {
            return ctx.view().get(key);
        } catch (IOException e) {
            throw Errors.io(e);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        }
    }
}
