package lsmdb.sql.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.IndexKeys;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.codec.RowEncoder;
import lsmdb.sql.codec.RowKeys;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Coercion;
import lsmdb.sql.types.SqlValues;

/**
 * INSERT, UPDATE and DELETE: rows read through the statement's {@link ReadView}, writes collected in {@code out}
 * (sorted; {@link ReadView#DELETED} marks a delete), which the session commits in one atomic batch or adds to its
 * transaction. A statement that fails leaves {@code out} for the caller to discard.
 */
public final class Dml {

    private Dml() {
    }

    /** What to do with an inserted row whose key exists (UPDATE: what its {@link ConflictUpdate} says). */
    public enum OnConflict { FAIL, REPLACE, IGNORE, UPDATE }

    /**
     * Inserts the rows of {@code source}; source column i goes to table slot {@code slots[i]}, other columns get
     * what {@code fill} says (NULL without a DEFAULT) and a table without a key gets a fresh hidden row id. Each row
     * written (inserted, or updated ON CONFLICT) is added to {@code changed} when that is not null.
     */
    public static long insert(Table t, List<Index> indexes, Node source, int[] slots, OnConflict onConflict,
                              RowFill fill, ConflictUpdate onUpdate, Env env, TreeMap<byte[], byte[]> out,
                              List<Object[]> changed) throws SQLException {
        List<IndexKeys> ixs = keys(t, indexes);
        ExecContext ctx = (ExecContext) env.context;
        ForeignKeys.Checks fks = ForeignKeys.of(ctx, t);
        long n = 0;
        if (source instanceof Basic.Values) {
            // VALUES reads no table: its rows are written as they come, with no list of them.
            try (Cursor c = source.open(env)) {
                for (Object[] r; (r = c.next()) != null; ) {
                    n += insertRow(t, ixs, ctx, fks, r, slots, onConflict, fill, onUpdate, env, out, changed);
                }
            }
            return finish(fks, out, n);
        }
        // Read a query fully first: INSERT INTO t SELECT ... FROM t must not see its own rows. Past
        // maxQueryMemory the later rows wait in a temporary file.
        try (SpilledRows rows = new SpilledRows(ctx, "an INSERT ... SELECT")) {
            try (Cursor c = source.open(env)) {
                for (Object[] r; (r = c.next()) != null; ) {
                    rows.add(r);
                }
            }
            try (Cursor c = rows.readOnce()) {
                for (Object[] r; (r = c.next()) != null; ) {
                    n += insertRow(t, ixs, ctx, fks, r, slots, onConflict, fill, onUpdate, env, out, changed);
                }
            }
        }
        return finish(fks, out, n);
    }

    private static long finish(ForeignKeys.Checks fks, TreeMap<byte[], byte[]> out, long n) throws SQLException {
        if (fks != null) {
            fks.finish(out);
        }
        return n;
    }

    /** Inserts one source row as {@link #insert} says; returns how many rows it wrote (0 or 1). */
    private static int insertRow(Table t, List<IndexKeys> ixs, ExecContext ctx, ForeignKeys.Checks fks,
                                 Object[] src, int[] slots, OnConflict onConflict, RowFill fill,
                                 ConflictUpdate onUpdate, Env env, TreeMap<byte[], byte[]> out,
                                 List<Object[]> changed) throws SQLException {
        Object[] row = new Object[t.width()];
        for (int i = 0; i < slots.length; i++) {
            row[slots[i]] = src[i];
        }
        fill.apply(row, env);
        if (t.hasHiddenRowId()) {
            row[t.keySlots()[0]] = ctx.rowIds().allocate(t);
        }
        check(t, row);
        byte[] key = RowKeys.encode(t, row);
        if (onConflict == OnConflict.UPDATE) {
            ConflictUpdate.Outcome o = onUpdate.resolve(ctx, out, t, ixs, row, key, env, changed);
            if (o != ConflictUpdate.Outcome.NO_CONFLICT) {
                return o == ConflictUpdate.Outcome.UPDATED ? 1 : 0;
            }
        }
        if (onConflict != OnConflict.REPLACE && exists(ctx, out, key)) {
            if (onConflict == OnConflict.IGNORE) {
                return 0;
            }
            throw Errors.duplicateKey(t.name(), showKey(t, row));
        }
        if (!ixs.isEmpty()) {
            if (onConflict == OnConflict.REPLACE) {
                Object[] old = read(ctx, out, t, key);
                if (old != null) {
                    for (IndexKeys ik : ixs) {
                        byte[] gone = ik.entryKey(old, key);
                        ctx.holdWrite(gone, ReadView.DELETED);
                        out.put(gone, ReadView.DELETED);
                    }
                }
            }
            if (!uniqueEntriesFree(ctx, out, ixs, row, key, onConflict == OnConflict.IGNORE)) {
                return 0;
            }
            for (IndexKeys ik : ixs) {
                byte[] entry = ik.entryKey(row, key);
                byte[] entryValue = ik.entryValue(row, key);
                ctx.holdWrite(entry, entryValue);
                out.put(entry, entryValue);
            }
        }
        byte[] value = RowEncoder.encodeRow(t, row);
        ctx.holdWrite(key, value);
        out.put(key, value);
        if (changed != null) {
            ctx.keepChanged(changed, row);
        }
        if (fks != null) {
            fks.inserted(row);
        }
        return 1;
    }

    /** Sets {@code slots[i]} to {@code values[i]} (evaluated on the old row) in every row of {@code source}. */
    public static long update(Table t, List<Index> indexes, Node source, int[] slots, List<Expr> values, Env env,
                              TreeMap<byte[], byte[]> out, List<Object[]> changed) throws SQLException {
        return update(t, indexes, source, slots, values, null, env, out, changed);
    }

    /**
     * {@link #update(Table, List, Node, int[], List, Env, TreeMap, List)} knowing the slots its WHERE and SET
     * expressions read ({@code reads}, null if unknown): an UPDATE of rows found by key points, on a table without
     * indexes or foreign keys, then patches each stored row ({@link PointUpdate}) instead of decoding and encoding it.
     */
    public static long update(Table t, List<Index> indexes, Node source, int[] slots, List<Expr> values,
                              boolean[] reads, Env env, TreeMap<byte[], byte[]> out, List<Object[]> changed)
            throws SQLException {
        if (changed == null && reads != null && indexes.isEmpty()) {
            long n = PointUpdate.run(t, source, slots, values, reads, env, out);
            if (n >= 0) {
                return n;
            }
        }
        List<IndexKeys> ixs = keys(t, indexes);
        TreeMap<byte[], byte[]> entryDeletes = ReadView.newWriteMap();
        TreeMap<byte[], byte[]> entryPuts = ReadView.newWriteMap();
        List<byte[]> uniqueEntries = new ArrayList<>();
        ExecContext ctx = (ExecContext) env.context;
        ForeignKeys.Checks fks = ForeignKeys.of(ctx, t);
        boolean keyChanges = false;
        for (int s : slots) {
            keyChanges |= t.inKey()[s];
        }
        Env local = new Env(env.params, env.outer, env.context);
        TreeMap<byte[], byte[]> deletes = ReadView.newWriteMap();
        TreeMap<byte[], byte[]> puts = ReadView.newWriteMap();
        List<byte[]> oldKeys = new ArrayList<>();
        long n = 0;
        try (Cursor c = source.open(env)) {
            for (Object[] old; (old = c.next()) != null; ) {
                local.row = old;
                Object[] row = old.clone();
                for (int i = 0; i < slots.length; i++) {
                    row[slots[i]] = values.get(i).eval(local);
                }
                check(t, row);
                byte[] oldKey = RowKeys.encode(t, old);
                byte[] key = keyChanges ? RowKeys.encode(t, row) : oldKey;
                if (keyChanges) {
                    oldKeys.add(oldKey);
                    if (!Arrays.equals(key, oldKey)) {
                        ctx.holdWrite(oldKey, ReadView.DELETED);
                        deletes.put(oldKey, ReadView.DELETED);
                    }
                }
                if (puts.containsKey(key)) {
                    throw Errors.duplicateKey(t.name(), showKey(t, row));
                }
                for (IndexKeys ik : ixs) {
                    byte[] before = ik.entryKey(old, oldKey);
                    byte[] after = ik.entryKey(row, key);
                    if (Arrays.equals(before, after) && key == oldKey) {
                        continue;
                    }
                    byte[] entryValue = ik.entryValue(row, key);
                    ctx.holdWrite(before, ReadView.DELETED);
                    ctx.holdWrite(after, entryValue);
                    entryDeletes.put(before, ReadView.DELETED);
                    if (entryPuts.put(after, entryValue) != null && ik.enforcesUniqueness(row)) {
                        throw duplicateEntry(ik, row);
                    }
                    if (ik.enforcesUniqueness(row)) {
                        uniqueEntries.add(after);
                    }
                }
                byte[] value = RowEncoder.encodeRow(t, row);
                ctx.holdWrite(key, value);
                puts.put(key, value);
                if (changed != null) {
                    ctx.keepChanged(changed, row);
                }
                if (fks != null) {
                    fks.updated(old, row);
                }
                n++;
            }
        }
        if (keyChanges) {
            TreeMap<byte[], byte[]> old = ReadView.newWriteMap();
            for (byte[] k : oldKeys) {
                old.put(k, k);
            }
            for (byte[] key : puts.keySet()) {
                if (!old.containsKey(key) && exists(ctx, out, key)) {
                    throw Errors.duplicateKey(t.name(), "(the new key of an updated row)");
                }
            }
        }
        for (byte[] entry : uniqueEntries) {
            if (!entryDeletes.containsKey(entry) && exists(ctx, out, entry)) {
                throw Errors.duplicateKey(t.name(), "(a unique index value of an updated row)");
            }
        }
        out.putAll(entryDeletes);
        out.putAll(entryPuts);
        out.putAll(deletes);
        out.putAll(puts);
        if (fks != null) {
            fks.finish(out);
        }
        return n;
    }

    public static long delete(Table t, List<Index> indexes, Node source, Env env, TreeMap<byte[], byte[]> out,
                              List<Object[]> changed) throws SQLException {
        List<IndexKeys> ixs = keys(t, indexes);
        ExecContext ctx = (ExecContext) env.context;
        ForeignKeys.Checks fks = ForeignKeys.of(ctx, t);
        long n = 0;
        try (Cursor c = source.open(env)) {
            for (Object[] row; (row = c.next()) != null; ) {
                if (fks != null) {
                    fks.deleted(row);
                }
                byte[] key = RowKeys.encode(t, row);
                for (IndexKeys ik : ixs) {
                    byte[] entry = ik.entryKey(row, key);
                    ctx.holdWrite(entry, ReadView.DELETED);
                    out.put(entry, ReadView.DELETED);
                }
                ctx.holdWrite(key, ReadView.DELETED);
                out.put(key, ReadView.DELETED);
                if (changed != null) {
                    ctx.keepChanged(changed, row);
                }
                n++;
            }
        }
        if (fks != null) {
            fks.finish(out);
        }
        return n;
    }

    private static List<IndexKeys> keys(Table t, List<Index> indexes) {
        if (indexes.isEmpty()) {
            return List.of();
        }
        List<IndexKeys> out = new ArrayList<>(indexes.size());
        for (Index ix : indexes) {
            out.add(new IndexKeys(ix, t));
        }
        return out;
    }

    /** False (IGNORE) or 23505 when a unique index already holds one of the row's values. */
    private static boolean uniqueEntriesFree(ExecContext ctx, TreeMap<byte[], byte[]> out, List<IndexKeys> ixs,
                                             Object[] row, byte[] key, boolean ignore) throws SQLException {
        for (IndexKeys ik : ixs) {
            if (ik.enforcesUniqueness(row) && exists(ctx, out, ik.entryKey(row, key))) {
                if (ignore) {
                    return false;
                }
                throw duplicateEntry(ik, row);
            }
        }
        return true;
    }

    static SQLException duplicateEntry(IndexKeys ik, Object[] row) {
        StringBuilder b = new StringBuilder();
        for (int slot : ik.index().slots()) {
            b.append(b.length() == 0 ? "" : ", ").append(SqlValues.show(row[slot]));
        }
        return new java.sql.SQLIntegrityConstraintViolationException("duplicate value (" + b + ") in unique index "
                + ik.index().name() + " of table " + ik.index().table(), "23505");
    }

    /** The current row stored under {@code key} (this statement's writes first), or null. */
    static Object[] read(ExecContext ctx, TreeMap<byte[], byte[]> out, Table t, byte[] key)
            throws SQLException {
        byte[] v = out.get(key);
        try {
            if (v == null) {
                v = ctx.view().get(key);
            }
        } catch (IOException e) {
            throw Errors.io(e);
        }
        if (v == null || v == ReadView.DELETED) {
            return null;
        }
        return RowCodec.decodeRow(t, key, v);
    }

    /** The value stored under {@code key} (this statement's writes first), or null when there is none. */
    static byte[] lookup(ExecContext ctx, TreeMap<byte[], byte[]> out, byte[] key) throws SQLException {
        byte[] mine = out.get(key);
        if (mine != null) {
            return mine == ReadView.DELETED ? null : mine;
        }
        try {
            return ctx.view().get(key);
        } catch (IOException e) {
            throw Errors.io(e);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        }
    }

    static boolean exists(ExecContext ctx, TreeMap<byte[], byte[]> out, byte[] key) throws SQLException {
        byte[] mine = out.get(key);
        if (mine != null) {
            return mine != ReadView.DELETED;
        }
        try {
            // A new row's key is usually nowhere: the filters tell so without a read.
            ReadView view = ctx.view();
            return view.mayExist(key) && view.get(key) != null;
        } catch (IOException e) {
            throw Errors.io(e);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        }
    }

    /** Converts every slot to its column's type and checks NOT NULL (23502). */
    static void check(Table t, Object[] row) throws SQLException {
        List<ColumnInfo> cols = t.slots();
        for (int i = 0; i < row.length; i++) {
            ColumnInfo c = cols.get(i);
            row[i] = Coercion.store(row[i], c);
            if (row[i] == null && (!c.nullable() || c.primaryKey())) {
                throw Errors.notNull(c.name());
            }
        }
    }

    private static String showKey(Table t, Object[] row) {
        StringBuilder b = new StringBuilder();
        for (int k : t.keySlots()) {
            b.append(b.length() == 0 ? "" : ", ").append(SqlValues.show(row[k]));
        }
        return t.keySlots().length == 1 ? b.toString() : "(" + b + ")";
    }
}
