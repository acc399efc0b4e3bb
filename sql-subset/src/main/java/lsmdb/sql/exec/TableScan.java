package lsmdb.sql.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.codec.RecentStrings;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;

/**
 * Reads a table's rows through its primary key: point lookups, bounded ranges or the whole table, in key order (or
 * reverse), each row placed at {@code offset} in a row of {@code width} slots.
 */
public record TableScan(Table table, String alias, KeyAccess access, boolean reverse, int offset, int width,
                        boolean[] wanted, LikePrefix likePrefix) implements Lookup {

    public TableScan(Table table, String alias, KeyAccess access, boolean reverse, int offset, int width) {
        this(table, alias, access, reverse, offset, width, null, null);
    }

    public TableScan(Table table, String alias, KeyAccess access, boolean reverse, int offset, int width,
                     boolean[] wanted) {
        this(table, alias, access, reverse, offset, width, wanted, null);
    }

    /**
     * A {@code column LIKE pattern} the filter above this scan checks, on a VARCHAR value column (a table column
     * index): rows whose stored value does not start with the pattern's fixed prefix are stepped over before being
     * decoded. Only a shortcut: the filter still decides every row that is not stepped over.
     */
    public record LikePrefix(int column, Expr pattern) {
    }

    /** This scan stepping over the rows {@code like} rules out. */
    public TableScan withLikePrefix(LikePrefix like) {
        return new TableScan(table, alias, access, reverse, offset, width, wanted, like);
    }

    /**
     * This scan building only the columns in {@code used} (block slots; from ColumnUse): a query that reads two
     * columns of a wide table does not pay for decoding the rest.
     */
    public TableScan projected(java.util.BitSet used) {
        boolean[] w = new boolean[table.columns().size()];
        boolean all = true;
        for (int i = 0; i < w.length; i++) {
            w[i] = used.get(offset + i);
            all &= w[i];
        }
        return all ? this : new TableScan(table, alias, access, reverse, offset, width, w, likePrefix);
    }

    @Override
    public Cursor open(Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        Env keyEnv = new Env(env.params, env.outer, env.context);
        return new ScanCursor(ctx, access.spans(keys(), keyEnv), prefixBytes(keyEnv));
    }

    /**
     * {@link #open} when this execution's bounds convert into the key without loss, so the spans hold exactly the rows
     * the bounds select ({@link KeyAccess#exactSpans}); null, with nothing opened, otherwise.
     */
    public Cursor openExact(Env env) throws SQLException {
        Env keyEnv = new Env(env.params, env.outer, env.context);
        List<KeyAccess.Span> spans = access.exactSpans(keys(), keyEnv);
        return spans == null ? null : new ScanCursor((ExecContext) env.context, spans, prefixBytes(keyEnv));
    }

    /** The UTF-8 bytes every row the LIKE can match starts with, for this execution; null when none or unknown. */
    private byte[] prefixBytes(Env env) throws SQLException {
        if (likePrefix == null || !table.stored().isPlain()) {
            return null;
        }
        Object p = likePrefix.pattern().eval(env);
        if (!(p instanceof String pattern)) {
            return null;
        }
        String fixed = lsmdb.sql.expr.Like.literalPrefix(pattern, -1);
        return fixed.isEmpty() ? null : fixed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public List<Object[]> lookup(ExecContext ctx, Env keyEnv) throws SQLException {
        return lookup(ctx, spans(keyEnv));
    }

    /** This execution's key spans ({@link KeyAccess#spans}), for {@link #onlyRow} and then, if need be, a lookup. */
    List<KeyAccess.Span> spans(Env keyEnv) throws SQLException {
        return access.spans(keys(), keyEnv);
    }

    /** What {@link #onlyRow} and {@link #exactRow} answer when this execution's access is not one key. */
    static final Object[] NOT_ONE_KEY = new Object[0];

    /**
     * {@link #lookup} of {@code spans} ({@link #spans}) when they name one key (a whole-key point, the usual join
     * lookup): its row read with one point get and put in no list, in the table's own layout; null when it has no
     * row or a bound is NULL; {@link #NOT_ONE_KEY} when they name no single key (a range, several keys): then
     * {@link #lookup(ExecContext, List)} of the same spans.
     */
    Object[] onlyRow(ExecContext ctx, List<KeyAccess.Span> spans) throws SQLException {
        return onlyRow(ctx, spans, true);
    }

    /**
     * {@link #onlyRow} of the exact spans ({@link KeyAccess#exactSpans}), in this scan's width: a probe side's row;
     * also {@link #NOT_ONE_KEY} when a bound does not convert into the key without loss (a filter must check it).
     */
    Object[] exactRow(ExecContext ctx, Env keyEnv) throws SQLException {
        return onlyRow(ctx, access.exactSpans(keys(), keyEnv), false);
    }

    private Object[] onlyRow(ExecContext ctx, List<KeyAccess.Span> spans, boolean own) throws SQLException {
        byte[] key = KeyAccess.onlyKey(spans);
        if (key == null || key == KeyAccess.NOT_ONE_KEY) {
            return key == null ? null : NOT_ONE_KEY;
        }
        byte[] value;
        try {
            value = ctx.view().get(key);
        } catch (IOException e) {
            throw Errors.io(e);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        }
        return value == null ? null : own ? decodeOwn(key, value) : decode(key, value);
    }

    /**
     * The outer rows whose access is one key (an equi-join on the whole primary key, the usual case) are read in one
     * {@link ReadView#getAll}, their keys searched stage by stage with one version pin; the others one by one.
     */
    @Override
    public void lookupAll(ExecContext ctx, Env keyEnv, Object[][] outerRows, int n, List<Object[]>[] out)
            throws SQLException {
        lsmdb.sql.codec.KeyLayout layout = keys();
        byte[][] pointKeys = new byte[n][];
        int[] at = new int[n];
        int points = 0;
        for (int i = 0; i < n; i++) {
            keyEnv.row = outerRows[i];
            List<KeyAccess.Span> spans = access.spans(layout, keyEnv);
            if (spans.size() == 1 && spans.get(0).point()) {
                pointKeys[points] = spans.get(0).from();
                at[points++] = i;
            } else {
                out[i] = lookup(ctx, spans);
            }
        }
        if (points == 0) {
            return;
        }
        byte[][] values = new byte[points][];
        try {
            if (points == 1) {
                values[0] = ctx.view().get(pointKeys[0]); // a single key: the point path, no batch set up
            } else {
                ctx.view().getAll(pointKeys, points, values);
            }
        } catch (IOException e) {
            throw Errors.io(e);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        }
        for (int p = 0; p < points; p++) {
            out[at[p]] = values[p] == null ? List.of() : List.<Object[]>of(decodeOwn(pointKeys[p], values[p]));
        }
    }

    /** The rows of {@code spans} ({@link #spans}), in the table's own layout. */
    List<Object[]> lookup(ExecContext ctx, List<KeyAccess.Span> spans) throws SQLException {
        List<Object[]> rows = new java.util.ArrayList<>(1);
        try {
            for (KeyAccess.Span s : spans) {
                if (s.point()) {
                    byte[] v = ctx.view().get(s.from());
                    if (v != null) {
                        rows.add(decodeOwn(s.from(), v));
                    }
                } else {
                    try (ReadView.Scan scan = ctx.view().scan(s.from(), s.to(), false)) {
                        while (scan.next()) {
                            ctx.tick();
                            rows.add(decodeOwn(scan.key(), scan.value()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw Errors.io(e);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        }
        return rows;
    }

    @Override
    public int from() {
        return offset;
    }

    @Override
    public int to() {
        return offset + table.width();
    }

    /** The primary key as a key layout, for turning the access's values into key ranges. */
    lsmdb.sql.codec.KeyLayout keys() {
        return new lsmdb.sql.codec.TableKeys(table);
    }

    @Override
    public void explain(List<String> out, int depth) {
        out.add(Node.indent(depth) + "SCAN " + table.name() + (alias == null || alias.equals(table.name()) ? ""
                : " AS " + alias) + " " + access.describe(table) + (reverse ? " REVERSE" : ""));
    }

    /** Decodes a stored row into a fresh row of this scan's width. */
    Object[] decode(byte[] key, byte[] value) {
        return decode(key, value, RecentStrings.NONE);
    }

    /** Decodes a stored row into a fresh row of the table's own width (slot i is this scan's slot offset + i). */
    Object[] decodeOwn(byte[] key, byte[] value) {
        return RowCodec.decodeRow(table, key, value, wanted, RecentStrings.NONE);
    }

    /** {@link #decodeOwn} into {@code own}, a reader's reused row of the table's width ({@link RowCodec#decodeRowInto}). */
    Object[] decodeOwnInto(byte[] key, byte[] value, Object[] own) {
        return RowCodec.decodeRowInto(table, key, value, wanted, own);
    }

    /** {@link #decode(byte[], byte[])} of a value in {@code value[0, length)}, a buffer the reader reuses. */
    Object[] decode(byte[] key, byte[] value, int length) {
        return place(RowCodec.decodeBufferedRow(table, key, value, length, wanted, RecentStrings.NONE));
    }

    /** {@link #decodeOwn(byte[], byte[])} of a value in {@code value[0, length)}, a buffer the reader reuses. */
    Object[] decodeOwn(byte[] key, byte[] value, int length) {
        return RowCodec.decodeBufferedRow(table, key, value, length, wanted, RecentStrings.NONE);
    }

    /** {@link #decodeOwnInto} of a value in {@code value[0, length)}, a buffer the reader reuses. */
    Object[] decodeOwnInto(byte[] key, byte[] value, int length, Object[] own) {
        return RowCodec.decodeRowInto(table, key, value, length, wanted, own);
    }

    private Object[] decode(byte[] key, byte[] value, RecentStrings strings) {
        return place(RowCodec.decodeRow(table, key, value, wanted, strings));
    }

    /** The table's own row {@code own} at {@code offset} in a row of this scan's width. */
    private Object[] place(Object[] own) {
        if (offset == 0 && width == own.length) {
            return own;
        }
        Object[] row = new Object[width];
        System.arraycopy(own, 0, row, offset, own.length);
        return row;
    }

    private static final byte[] NO_BYTES = new byte[0];

    private final class ScanCursor implements Cursor {
        private final ExecContext ctx;
        private final List<KeyAccess.Span> spans;
        /** Made once the scan proves long: a point lookup or short range does not pay for it. */
        private RecentStrings strings = RecentStrings.NONE;
        private int rows;
        private int next = 0;
        private ReadView.Scan scan;
        /** The current row's stored value, for {@link #decodeCurrent}; made by the first scanned row (a point has none). */
        private byte[] buffer = NO_BYTES;
        /** The current row's key, for {@link #decodeCurrent}: decoding builds its values, so no copy of it is kept. */
        private byte[] keyBuffer = NO_BYTES;
        private final boolean readsKey = RowCodec.readsKey(table, wanted);

        private final byte[] prefix;
        private lsmdb.core.format.ForwardCount.ValueTest prefixTest;

        ScanCursor(ExecContext ctx, List<KeyAccess.Span> spans, byte[] prefix) {
            this.ctx = ctx;
            this.spans = reverse ? reversed(spans) : spans;
            this.prefix = prefix;
        }

        private static List<KeyAccess.Span> reversed(List<KeyAccess.Span> s) {
            List<KeyAccess.Span> r = new java.util.ArrayList<>(s);
            java.util.Collections.reverse(r);
            return r;
        }

        @Override
        public Object[] next() throws SQLException {
            try {
                for (;;) {
                    if (scan != null) {
                        if (prefix != null ? scan.nextMatching(prefixTest(), ctx) : scan.next()) {
                            ctx.tick();
                            if (++rows == 64) {
                                strings = new RecentStrings();
                            }
                            return decodeCurrent();
                        }
                        scan.close();
                        scan = null;
                    }
                    if (next >= spans.size()) {
                        return null;
                    }
                    KeyAccess.Span s = spans.get(next++);
                    if (s.point()) {
                        byte[] v = ctx.view().get(s.from());
                        if (v != null) {
                            ctx.tick();
                            return decode(s.from(), v);
                        }
                    } else {
                        scan = ctx.view().scan(s.from(), s.to(), reverse);
                    }
                }
            } catch (IOException e) {
                throw Errors.io(e);
            } catch (UncheckedIOException e) {
                throw Errors.io(e);
            }
        }

        /**
         * The scan's current row, its value and key copied into {@link #buffer} and {@link #keyBuffer} (reused row
         * after row) rather than into fresh arrays of their own: decoding copies out every value it builds.
         */
        private Object[] decodeCurrent() {
            if (!table.stored().isPlain()) {
                return decode(scan.key(), scan.value(), strings);
            }
            int n = scan.valueLength();
            if (buffer.length < n) {
                buffer = new byte[Math.max(n, Math.max(128, buffer.length * 2))];
            }
            scan.copyValue(buffer);
            if (!readsKey) { // a key not wanted is not copied out of the engine
                return place(RowCodec.decodeRow(table, null, 0, buffer, n, wanted, strings));
            }
            int k = scan.keyLength();
            if (keyBuffer.length < k) {
                keyBuffer = new byte[Math.max(k, Math.max(32, keyBuffer.length * 2))];
            }
            scan.copyKey(keyBuffer);
            return place(RowCodec.decodeRow(table, keyBuffer, k, buffer, n, wanted, strings));
        }

        /**
         * Whether a stored row's LIKE column starts with {@link #prefix}, read in the row's bytes before anything is
         * decoded: the scan steps over the rows that do not in bulk.
         */
        private lsmdb.core.format.ForwardCount.ValueTest prefixTest() {
            if (prefixTest == null) {
                prefixTest = new lsmdb.sql.codec.StoredPrefix(table.columns(), table.inKey(), likePrefix.column(),
                        prefix);
            }
            return prefixTest;
        }

        @Override
        public void close() {
            if (scan != null) {
                scan.close();
                scan = null;
            }
        }
    }
}
