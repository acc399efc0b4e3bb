package lsmdb.sql.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.sstable.RangeGather;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.codec.IndexKeys;
import lsmdb.sql.expr.Env;

/**
 * Reads a table's rows through a secondary index: ranges of index entries, each leading to its row by the row key
 * the entry holds in its value or its key ({@link IndexKeys#rowKey}): two engine reads per row, the second a point
 * lookup, in index order. With {@code indexOnly} the entries alone answer: the planner found that the query reads
 * only the index's columns and the key, so rows carry those slots (the others null) and no row is fetched.
 */
public record IndexScan(TableScan table, Index index, KeyAccess access, boolean indexOnly, IndexKeys keys)
        implements Lookup {

    public IndexScan(TableScan table, Index index, KeyAccess access) {
        this(table, index, access, false);
    }

    /** The scan with its index's key layout made once, not again by every execution. */
    public IndexScan(TableScan table, Index index, KeyAccess access, boolean indexOnly) {
        this(table, index, access, indexOnly, new IndexKeys(index, table.table()));
    }

    /** Whether every slot in {@code used} (block slots) is one the entries give exactly: an index column or the key. */
    public boolean covers(java.util.BitSet used) {
        lsmdb.sql.catalog.Table t = table.table();
        int off = table.offset();
        for (int b = used.nextSetBit(0); b >= 0; b = used.nextSetBit(b + 1)) {
            int slot = b - off;
            if (slot < 0 || slot >= t.width()) {
                return false;
            }
            boolean inIndex = false;
            for (int s : index.slots()) {
                inIndex |= s == slot;
            }
            boolean ok = inIndex ? IndexKeys.exact(t.slots().get(slot))
                    : t.inKey()[slot] && t.slots().get(slot).type() != lsmdb.sql.SqlType.TIMESTAMP_WITH_TIME_ZONE;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public IndexScan asIndexOnly() {
        return new IndexScan(table, index, access, true);
    }

    /** Rows fetched together: the first batch small (a LIMIT above may want few), later ones larger. */
    static final int FIRST_BATCH = 16;
    static final int MAX_BATCH = 64;

    /**
     * Streams the rows in index order, so a LIMIT above stops the reading early. Rows are fetched in batches: the
     * row keys of up to a batch of entries, then their rows in one {@link ReadView#getAll}, whose reads overlap.
     */
    @Override
    public Cursor open(Env env) throws SQLException {
        return cursor((ExecContext) env.context, access.spans(keys(), new Env(env.params, env.outer, env.context)));
    }

    /**
     * {@link #open} when this execution's bounds convert into the index columns without loss, so the spans hold
     * exactly the entries the bounds select ({@link KeyAccess#exactSpans}); null, with nothing opened, otherwise.
     */
    public Cursor openExact(Env env) throws SQLException {
        return openExact(env, null, false);
    }

    /**
     * {@link #openExact(Env)} giving rows of only the {@code output} block slots (null: whole rows). Each row is
     * decoded into one array the cursor reuses and the output slots copied out, so a query reading two columns makes
     * an array of two per row, not also one of the table's width; with {@code oneAtATime} (a caller that keeps no
     * row, {@link Node#openOneAtATime}) not even that: the output slots go into one array, refilled for every row.
     */
    Cursor openExact(Env env, int[] output, boolean oneAtATime) throws SQLException {
        List<KeyAccess.Span> spans = access.exactSpans(keys(), new Env(env.params, env.outer, env.context));
        return spans == null ? null : cursor((ExecContext) env.context, spans,
                output == null ? null : ownSlots(output), output != null && oneAtATime, null);
    }

    /**
     * {@link #lookup} streamed: the rows read batch by batch as they are asked for, each in the table's own layout
     * in one array the cursor refills (the caller copies each row out before asking for the next). It is the cursor
     * {@link #openExact(Env, int[], boolean)} gives a one-at-a-time projection, taking the same branches, so a join
     * reading a probe row's rows through it runs the code an index query already compiled and makes no row per row.
     */
    public Cursor lookupOneAtATime(ExecContext ctx, Env keyEnv) throws SQLException {
        return lookupOneAtATime(ctx, keyEnv, null);
    }

    /**
     * {@link #lookupOneAtATime(ExecContext, Env)} for a probe row made from its key, not read ({@link
     * KeyOnlyProbe}): {@code probeKey} (a row key of another table, or null: none) is read in the first batch's
     * multi-get with the first rows, and if it has no row the cursor has none either.
     */
    Cursor lookupOneAtATime(ExecContext ctx, Env keyEnv, byte[] probeKey) throws SQLException {
        return cursor(ctx, access.spans(keys(), keyEnv), ownIdentity(table.table().width()), true, probeKey);
    }

    /**
     * Identity slot maps (own slot i is output slot i) for the usual table widths, built with the class, so every
     * thread sees them whole; a wider table's is made per lookup.
     */
    private static final int[][] IDENTITY = new int[64][];

    static {
        for (int w = 0; w < IDENTITY.length; w++) {
            IDENTITY[w] = identity(w);
        }
    }

    private static int[] ownIdentity(int width) {
        return width < IDENTITY.length ? IDENTITY[width] : identity(width);
    }

    private static int[] identity(int width) {
        int[] id = new int[width];
        for (int i = 0; i < width; i++) {
            id[i] = i;
        }
        return id;
    }

    /** The table's own slot each block slot of {@code output} reads; -1 for a slot outside the table (always NULL). */
    private int[] ownSlots(int[] output) {
        int[] own = new int[output.length];
        int width = table.table().width();
        for (int i = 0; i < own.length; i++) {
            int slot = output[i] - table.offset();
            own[i] = slot >= 0 && slot < width ? slot : -1;
        }
        return own;
    }

    private Cursor cursor(ExecContext ctx, List<KeyAccess.Span> spans) {
        return cursor(ctx, spans, null, false, null);
    }

    /**
     * The cursor over {@code spans}; with {@code output} (own slots) its rows are those slots only, all in one array
     * when {@code reuseOutput}; with {@code probeKey}, none unless that key has a row (read with the first batch).
     */
    private Cursor cursor(ExecContext ctx, List<KeyAccess.Span> spans, int[] output, boolean reuseOutput,
                          byte[] probeKey) {
        return new IndexCursor(this, ctx, spans, output, reuseOutput, probeKey);
    }

    /** The {@code output} own slots of {@code own} (-1: NULL), in {@code into} or (null) a new row. */
    static Object[] project(Object[] own, int[] output, Object[] into) {
        Object[] out = into != null ? into : new Object[output.length];
        for (int i = 0; i < out.length; i++) {
            int slot = output[i];
            out[i] = slot < 0 ? null : own[slot];
        }
        return out;
    }

    /** The row key of the scan's current index entry: its value, or (an empty value) read from its key. */
    byte[] scanRowKey(ReadView.Scan scan) {
        if (scan.valueLength() != 0) {
            return scan.value();
        }
        byte[] entryKey = scan.key();
        return keys.rowKeyInto(entryKey, 0, entryKey.length, null);
    }

    /** The row key of visible entry {@code i} of {@code g}, a new array. */
    byte[] gatheredRowKey(RangeGather g, int i) {
        return g.valueLength(i) != 0 ? g.value(i)
                : keys.rowKeyInto(g.keyArena(), g.keyOffset(i), g.userKeyLength(i), null);
    }

    /** The row as the entry gives it: key slots from the row key, index columns from the entry key. */
    Object[] fromEntry(byte[] entryKey, byte[] rowKey) {
        Object[] row = new Object[table.width()];
        System.arraycopy(ownFromEntry(entryKey, rowKey), 0, row, table.offset(), table.table().width());
        return row;
    }

    /** {@link #fromEntry} in the table's own layout (slot i is this scan's slot offset + i). */
    Object[] ownFromEntry(byte[] entryKey, byte[] rowKey) {
        Object[] own = new Object[table.table().width()];
        lsmdb.sql.codec.RowKeys.decode(table.table(), rowKey, own);
        keys().decodeColumns(entryKey, own, 0);
        return own;
    }

    /**
     * The table row an index entry leads to (its row key {@code rowKey}), {@code value[0, length)} as read (null:
     * none).
     */
    Object[] row(byte[] rowKey, byte[] value, int length) throws IOException {
        return table.decode(rowKey, existing(value), length);
    }

    /** {@code value}, the stored row an index entry leads to; an entry without its row is corruption. */
    byte[] existing(byte[] value) throws IOException {
        if (value == null) {
            throw new lsmdb.core.CorruptionException("index " + index.name() + " has an entry for a "
                    + "row of " + index.table() + " that does not exist");
        }
        return value;
    }

    /**
     * The rows, read as {@link #open} reads them: the row keys of all entries first, then the rows all at once, both
     * into the thread's free {@link RowBatch} (given back before returning). Each stage is a method of its own, so
     * the JIT compiles the gather loop and the multi-get with the decode loop as separate, smaller units.
     */
    @Override
    public List<Object[]> lookup(ExecContext ctx, Env keyEnv) throws SQLException {
        try {
            List<KeyAccess.Span> spans = access.spans(keys(), keyEnv);
            if (indexOnly) {
                return entries(ctx, spans);
            }
            RowBatch batch = RowBatch.take(FIRST_BATCH);
            try {
                return rows(ctx, batch, rowKeys(ctx, spans, batch));
            } finally {
                RowBatch.release(batch);
            }
        } catch (IOException e) {
            throw Errors.io(e);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        }
    }

    /** The row keys the spans' entries hold, into {@code batch.rowKeys} (grown as needed); how many. */
    private int rowKeys(ExecContext ctx, List<KeyAccess.Span> spans, RowBatch batch)
            throws SQLException, IOException {
        int n = 0;
        for (int i = 0, size = spans.size(); i < size; i++) {
            KeyAccess.Span s = spans.get(i);
            RangeGather g = ReadView.takeGather();
            try {
                if (ctx.view().gather(s.from(), s.to(), g)) { // a short span (the usual probe): no cursor
                    for (int e = 0, v = g.visible(); e < v; e++) {
                        ctx.tick();
                        batch.addGatheredRowKey(n++, g, e, keys);
                    }
                    continue;
                }
            } finally {
                ReadView.release(g);
            }
            try (ReadView.Scan scan = ctx.view().scan(s.from(), s.to(), false)) {
                while (scan.next()) {
                    ctx.tick();
                    batch.addRowKey(n++, scanRowKey(scan));
                }
            }
        }
        return n;
    }

    /** The rows of {@code batch.rowKeys[0, n)}, read in one multi-get, in the table's own layout. */
    private List<Object[]> rows(ExecContext ctx, RowBatch batch, int n) throws SQLException, IOException {
        if (n == 0) {
            return List.of();
        }
        byte[][] keys = batch.rowKeys;
        byte[][] values = batch.values;
        int[] lengths = batch.lengths;
        ctx.view().getAll(keys, n, values, lengths, batch.buffers);
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(table.decodeOwn(keys[i], existing(values[i]), lengths[i]));
        }
        return rows;
    }

    /** The rows as the spans' entries alone give them ({@link #indexOnly}). */
    private List<Object[]> entries(ExecContext ctx, List<KeyAccess.Span> spans) throws SQLException, IOException {
        List<Object[]> rows = new ArrayList<>();
        for (KeyAccess.Span s : spans) {
            RangeGather g = ReadView.takeGather();
            try {
                if (ctx.view().gather(s.from(), s.to(), g)) {
                    for (int i = 0, v = g.visible(); i < v; i++) {
                        ctx.tick();
                        rows.add(ownFromEntry(g.userKey(i), gatheredRowKey(g, i)));
                    }
                    continue;
                }
            } finally {
                ReadView.release(g);
            }
            try (ReadView.Scan scan = ctx.view().scan(s.from(), s.to(), false)) {
                while (scan.next()) {
                    ctx.tick();
                    rows.add(ownFromEntry(scan.key(), scanRowKey(scan)));
                }
            }
        }
        return rows;
    }

    @Override
    public int from() {
        return table.offset();
    }

    @Override
    public int to() {
        return table.offset() + table.table().width();
    }

    @Override
    public int width() {
        return table.width();
    }

    @Override
    public void explain(List<String> out, int depth) {
        boolean point = index.unique() && access.eqCount() == index.slots().length;
        String alias = table.alias();
        out.add(Node.indent(depth) + "SCAN " + table.table().name()
                + (alias == null || alias.equals(table.table().name()) ? "" : " AS " + alias)
                + " INDEX " + index.name() + (point ? " POINT" : " RANGE") + (indexOnly ? " (INDEX ONLY)" : ""));
    }
}
