package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.IndexKeys;
import lsmdb.sql.codec.RowEncoder;
import lsmdb.sql.codec.RowKeys;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;

/**
 * {@code ON CONFLICT (cols) DO UPDATE SET c = e, ... [WHERE cond]}: when an inserted row meets a row already
 * holding its values of the conflict target (the primary key, or a unique index), that row is updated instead.
 * SET and WHERE read rows of two tables' width: the existing row, then the proposed one ({@code EXCLUDED}).
 * The update keeps secondary indexes and unique checks (23505) as UPDATE does. Rows are taken in order, so a
 * statement proposing the same key twice updates the row its first proposal inserted or updated (as SQLite does;
 * PostgreSQL refuses such a statement).
 *
 * @param target the unique index named by the conflict target, or null for the primary key
 * @param slots  the columns SET assigns
 * @param values their expressions, in the order of {@code slots}
 * @param where  the condition an existing row must meet to be updated, or null
 */
public record ConflictUpdate(Index target, int[] slots, List<Expr> values, Expr where) {

    /** What {@link #resolve} did. */
    enum Outcome { NO_CONFLICT, UPDATED, SKIPPED }

    /**
     * When {@code row} conflicts on the target, updates the existing row (adding it to {@code changed}, if given)
     * or skips it when WHERE does not hold; otherwise changes nothing and returns NO_CONFLICT.
     */
    Outcome resolve(ExecContext ctx, TreeMap<byte[], byte[]> out, Table t, List<IndexKeys> ixs, Object[] row,
                    byte[] key, Env env, List<Object[]> changed) throws SQLException {
        byte[] oldKey = key;
        if (target != null) {
            IndexKeys ik = new IndexKeys(target, t);
            if (!ik.enforcesUniqueness(row)) {
                return Outcome.NO_CONFLICT;
            }
            oldKey = Dml.lookup(ctx, out, ik.entryKey(row, key));
            if (oldKey == null) {
                return Outcome.NO_CONFLICT;
            }
        }
        Object[] old = Dml.read(ctx, out, t, oldKey);
        if (old == null) {
            return Outcome.NO_CONFLICT;
        }
        int w = t.width();
        Object[] both = Arrays.copyOf(old, 2 * w);
        System.arraycopy(row, 0, both, w, w);
        Env local = new Env(env.params, env.outer, env.context);
        local.row = both;
        if (where != null && !Boolean.TRUE.equals(where.eval(local))) {
            return Outcome.SKIPPED;
        }
        Object[] updated = old.clone();
        for (int i = 0; i < slots.length; i++) {
            updated[slots[i]] = values.get(i).eval(local);
        }
        Dml.check(t, updated);
        write(ctx, out, t, ixs, old, oldKey, updated);
        if (changed != null) {
            ctx.keepChanged(changed, updated);
        }
        return Outcome.UPDATED;
    }

    /** Replaces {@code old} (stored under {@code oldKey}) by {@code row}, moving its key and index entries. */
    private static void write(ExecContext ctx, TreeMap<byte[], byte[]> out, Table t, List<IndexKeys> ixs,
                              Object[] old, byte[] oldKey, Object[] row) throws SQLException {
        byte[] key = RowKeys.encode(t, row);
        boolean moved = !Arrays.equals(key, oldKey);
        if (moved && Dml.exists(ctx, out, key)) {
            throw lsmdb.sql.Errors.duplicateKey(t.name(), "(the new key of the row updated ON CONFLICT)");
        }
        for (IndexKeys ik : ixs) {
            byte[] before = ik.entryKey(old, oldKey);
            byte[] after = ik.entryKey(row, key);
            if (Arrays.equals(before, after) && !moved) {
                continue;
            }
            out.put(before, ReadView.DELETED);
            if (ik.enforcesUniqueness(row) && Dml.exists(ctx, out, after)) {
                throw Dml.duplicateEntry(ik, row);
            }
            out.put(after, ik.entryValue(row, key));
        }
        if (moved) {
            out.put(oldKey, ReadView.DELETED);
        }
        byte[] value = RowEncoder.encodeRow(t, row);
        ctx.holdWrite(key, value);
        out.put(key, value);
    }
}
