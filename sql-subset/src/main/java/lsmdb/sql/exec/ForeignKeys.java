package lsmdb.sql.exec;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.ForeignKey;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.IndexKeys;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.codec.RowKeys;
import lsmdb.sql.types.Comparison;
import lsmdb.sql.types.Coercion;
import lsmdb.sql.types.SqlValues;

/**
 * Foreign key enforcement (SPEC §3.1): a child row's values must exist in the parent (23503), and a parent row that
 * children reference cannot be deleted or re-keyed (23503). Checks read the statement's {@link ReadView} (the
 * transaction's snapshot and its own writes) and run when the statement's writes are complete, so rows that refer
 * to each other within one statement are fine.
 *
 * <p>The parent row a child needs is written back unchanged with the child: that puts it in the transaction's write
 * set, so a concurrent delete or re-key of that parent and the insert of the child cannot both commit (the
 * engine's first-committer-wins check fails one with 40001). A delete of a parent writes the parent row anyway.
 */
public final class ForeignKeys {

    private ForeignKeys() {
    }

    /**
     * A foreign key resolved against the catalog of the moment.
     *
     * @param parentIndex the parent's unique index on the referenced columns, or null when they are its primary key
     * @param childIndex  an index of the child that starts with the key's columns, or null (then: its primary key
     *                    if that starts with them, else a scan)
     */
    public record Link(ForeignKey fk, Table child, int[] childSlots, Table parent, int[] parentSlots,
                       Index parentIndex, Index childIndex) {
    }

    public static Link resolve(Catalog catalog, ForeignKey fk) throws SQLException {
        Table child = catalog.get(fk.table());
        Table parent = catalog.get(fk.parentTable());
        if (child == null || parent == null) {
            throw Errors.noSuchTable(child == null ? fk.table() : fk.parentTable());
        }
        if (fk.columns().size() != fk.parentColumns().size()) {
            throw Errors.syntax("foreign key " + fk.name() + " names " + fk.columns().size() + " columns but "
                    + "references " + fk.parentColumns().size());
        }
        int[] childSlots = slots(child, fk.columns());
        int[] parentSlots = slots(parent, fk.parentColumns());
        Index parentIndex = null;
        if (!Arrays.equals(parentSlots, parent.hasHiddenRowId() ? new int[0] : parent.keySlots())) {
            for (Index ix : catalog.indexes(parent.name())) {
                if (ix.unique() && Arrays.equals(ix.slots(), parentSlots)) {
                    parentIndex = ix;
                }
            }
            if (parentIndex == null) {
                throw Errors.unsupported("a foreign key to " + parent.name() + " " + fk.parentColumns()
                        + ", which is neither its primary key nor a UNIQUE constraint (in that column order)");
            }
        }
        Index childIndex = null;
        for (Index ix : catalog.indexes(child.name())) {
            if (ix.slots().length >= childSlots.length
                    && Arrays.equals(Arrays.copyOf(ix.slots(), childSlots.length), childSlots)) {
                childIndex = ix;
            }
        }
        return new Link(fk, child, childSlots, parent, parentSlots, parentIndex, childIndex);
    }

    private static int[] slots(Table t, List<String> columns) throws SQLException {
        int[] slots = new int[columns.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = t.slot(columns.get(i));
            if (slots[i] < 0 || slots[i] >= t.columns().size()) {
                throw Errors.noSuchColumn(columns.get(i), t.name());
            }
        }
        return slots;
    }

    /** The foreign keys a statement writing {@code t} must keep, or null when none concerns it. */
    static Checks of(ExecContext ctx, Table t) throws SQLException {
        Catalog catalog = ctx.catalog();
        if (catalog == null || catalog.allForeignKeys().isEmpty()) {
            return null;
        }
        List<Link> asChild = new ArrayList<>();
        for (ForeignKey fk : catalog.foreignKeys(t.name())) {
            asChild.add(resolve(catalog, fk));
        }
        List<Link> asParent = new ArrayList<>();
        for (ForeignKey fk : catalog.referencing(t.name())) {
            asParent.add(resolve(catalog, fk));
        }
        return asChild.isEmpty() && asParent.isEmpty() ? null : new Checks(ctx, asChild, asParent);
    }

    /** One statement's pending checks, run by {@link #finish} once its writes are in {@code out}. */
    static final class Checks {
        private final ExecContext ctx;
        private final List<Link> asChild;
        private final List<Link> asParent;
        private final List<Object[]> needParents = new ArrayList<>();
        private final List<Object[]> goneParents = new ArrayList<>();

        Checks(ExecContext ctx, List<Link> asChild, List<Link> asParent) {
            this.ctx = ctx;
            this.asChild = asChild;
            this.asParent = asParent;
        }

        void inserted(Object[] row) {
            if (!asChild.isEmpty()) {
                needParents.add(row);
            }
        }

        void deleted(Object[] row) {
            if (!asParent.isEmpty()) {
                goneParents.add(row);
            }
        }

        void updated(Object[] old, Object[] row) throws SQLException {
            for (Link l : asChild) {
                if (changed(old, row, l.childSlots())) {
                    needParents.add(row);
                    break;
                }
            }
            for (Link l : asParent) {
                if (changed(old, row, l.parentSlots())) {
                    goneParents.add(old);
                    break;
                }
            }
        }

        /** Runs the checks; 23503 names the key and the values. */
        void finish(TreeMap<byte[], byte[]> out) throws SQLException {
            for (Object[] row : needParents) {
                for (Link l : asChild) {
                    requireParent(ctx.view(), out, l, row);
                }
            }
            for (Object[] row : goneParents) {
                for (Link l : asParent) {
                    if (!stillThere(out, l, row)) {
                        requireNoChildren(ctx.view(), out, l, row);
                    }
                }
            }
        }

        /** Whether the parent values of {@code row} are still held by a row (an update that kept them elsewhere). */
        private boolean stillThere(TreeMap<byte[], byte[]> out, Link l, Object[] row) throws SQLException {
            Object[] values = values(row, l.parentSlots(), l.parent(), l.parentSlots());
            return values != null && parentKey(ctx.view(), out, l, values) != null;
        }
    }

    private static boolean changed(Object[] old, Object[] row, int[] slots) throws SQLException {
        for (int s : slots) {
            if (old[s] == null ? row[s] != null : row[s] == null || Comparison.compare(old[s], row[s]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** 23503 unless the parent of {@code childRow} exists; the parent row joins the write set (see above). */
    public static void requireParent(ReadView view, TreeMap<byte[], byte[]> out, Link l, Object[] childRow)
            throws SQLException {
        Object[] values = values(childRow, l.childSlots(), l.parent(), l.parentSlots());
        if (values == null) {
            return; // a NULL in the key's columns: nothing referenced (SQL's MATCH SIMPLE)
        }
        byte[] key = parentKey(view, out, l, values);
        if (key == null) {
            throw new SQLIntegrityConstraintViolationException("foreign key " + l.fk().name() + " of table "
                    + l.child().name() + ": no row of " + l.parent().name() + " has " + l.fk().parentColumns()
                    + " = " + show(values), "23503");
        }
        if (out != null && !out.containsKey(key)) {
            out.put(key, get(view, null, key));
        }
    }

    /** 23503 when a child row references the parent values of {@code parentRow}. */
    static void requireNoChildren(ReadView view, TreeMap<byte[], byte[]> out, Link l, Object[] parentRow)
            throws SQLException {
        Object[] values = values(parentRow, l.parentSlots(), l.child(), l.childSlots());
        if (values != null && hasChild(view, out, l, values)) {
            throw new SQLIntegrityConstraintViolationException("foreign key " + l.fk().name() + ": rows of "
                    + l.child().name() + " reference the row of " + l.parent().name() + " with "
                    + l.fk().parentColumns() + " = " + show(values) + "; delete or change them first", "23503");
        }
    }

    /** The values at {@code from} converted to the columns at {@code to} of {@code target}, or null if one is NULL. */
    private static Object[] values(Object[] row, int[] from, Table target, int[] to) throws SQLException {
        Object[] v = new Object[from.length];
        for (int i = 0; i < from.length; i++) {
            if (row[from[i]] == null) {
                return null;
            }
            v[i] = Coercion.store(row[from[i]], target.slots().get(to[i]));
        }
        return v;
    }

    /** The row key of the parent holding {@code values} in the referenced columns, or null. */
    private static byte[] parentKey(ReadView view, TreeMap<byte[], byte[]> out, Link l, Object[] values)
            throws SQLException {
        if (l.parentIndex() == null) {
            Object[] row = new Object[l.parent().width()];
            for (int i = 0; i < values.length; i++) {
                row[l.parentSlots()[i]] = values[i];
            }
            byte[] key = RowKeys.encode(l.parent(), row);
            return get(view, out, key) == null ? null : key;
        }
        byte[] entry = new IndexKeys(l.parentIndex(), l.parent()).prefix(values, values.length);
        return get(view, out, entry);
    }

    private static boolean hasChild(ReadView view, TreeMap<byte[], byte[]> out, Link l, Object[] values)
            throws SQLException {
        Table child = l.child();
        if (l.childIndex() != null) {
            byte[] prefix = new IndexKeys(l.childIndex(), child).prefix(values, values.length);
            return anyLive(view, out, prefix, RowKeys.after(prefix));
        }
        int[] keys = child.keySlots();
        if (!child.hasHiddenRowId() && keys.length >= values.length
                && Arrays.equals(Arrays.copyOf(keys, values.length), l.childSlots())) {
            if (keys.length == values.length) {
                Object[] row = new Object[child.width()];
                for (int i = 0; i < values.length; i++) {
                    row[keys[i]] = values[i];
                }
                return get(view, out, RowKeys.encode(child, row)) != null;
            }
            byte[] prefix = RowKeys.prefix(child, values, values.length, false);
            return anyLive(view, out, prefix, RowKeys.after(prefix));
        }
        return anyRow(view, out, l, values);
    }

    /** Whether a live entry lies in {@code [from, to)} (an index's or a key prefix's range). */
    private static boolean anyLive(ReadView view, TreeMap<byte[], byte[]> out, byte[] from, byte[] to) {
        try (ReadView.Scan s = view.scan(from, to, false)) {
            while (s.next()) {
                if (out == null || out.get(s.key()) != ReadView.DELETED) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a row of the child holds {@code values} in the key's columns: a scan, for a child without index. */
    private static boolean anyRow(ReadView view, TreeMap<byte[], byte[]> out, Link l, Object[] values)
            throws SQLException {
        Table child = l.child();
        try (ReadView.Scan s = view.scan(child.prefix(), child.prefixEnd(), false)) {
            while (s.next()) {
                if (out != null && out.get(s.key()) == ReadView.DELETED) {
                    continue;
                }
                Object[] row = RowCodec.decodeRow(child, s.key(), s.value());
                boolean match = true;
                for (int i = 0; i < values.length && match; i++) {
                    Object v = row[l.childSlots()[i]];
                    match = v != null && Comparison.compare(v, values[i]) == 0;
                }
                if (match) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] get(ReadView view, TreeMap<byte[], byte[]> out, byte[] key) throws SQLException {
        byte[] mine = out == null ? null : out.get(key);
        if (mine != null) {
            return mine == ReadView.DELETED ? null : mine;
        }
        try {
            return view.get(key);
        } catch (IOException e) {
            throw Errors.io(e);
        }
    }

    private static String show(Object[] values) {
        StringBuilder b = new StringBuilder();
        for (Object v : values) {
            b.append(b.length() == 0 ? "" : ", ").append(SqlValues.show(v));
        }
        return values.length == 1 ? b.toString() : "(" + b + ")";
    }
}
