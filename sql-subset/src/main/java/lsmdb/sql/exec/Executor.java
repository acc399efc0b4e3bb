package lsmdb.sql.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.Result;
import lsmdb.sql.RowCursor;
import lsmdb.sql.TableInfo;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.codec.KeyCodec;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.codec.Values;
import lsmdb.sql.plan.Expr;
import lsmdb.sql.plan.KeyAccess;
import lsmdb.sql.plan.Plan;

/**
 * Runs plans against a {@link ReadView}. Queries stream rows lazily (a LIMIT stops the scan); DML collects its
 * writes in a sorted map that the session commits atomically or adds to its transaction.
 */
final class Executor {

    private Executor() {
    }

    // ---------------------------------------------------------------- reading rows

    /** The rows a key access reaches, in key order (or reverse), before the WHERE filter. */
    interface RowSource extends AutoCloseable {
        boolean next() throws SQLException;

        byte[] key();

        byte[] value();

        @Override
        void close();
    }

    private record Span(byte[] from, byte[] to, List<byte[]> points) {
    }

    private static Span span(Catalog.Table t, KeyAccess access, Object[] params) throws SQLException {
        Span full = new Span(t.prefix(), t.prefixEnd(), null);
        ColumnInfo keyCol = t.info().key();
        if (access instanceof KeyAccess.Points p) {
            List<byte[]> keys = new ArrayList<>();
            for (Expr e : p.keys()) {
                Object v = e.eval(null, params);
                if (v == null) {
                    continue;
                }
                try {
                    keys.add(t.rowKey(KeyCodec.encode(Values.coerce(v, keyCol), keyCol)));
                } catch (SQLException notAKey) {
                    return full; // not comparable as a key value: let the WHERE decide (or raise) row by row
                }
            }
            keys.sort(Arrays::compareUnsigned);
            List<byte[]> distinct = new ArrayList<>();
            for (byte[] k : keys) {
                if (distinct.isEmpty() || !Arrays.equals(distinct.get(distinct.size() - 1), k)) {
                    distinct.add(k);
                }
            }
            return new Span(null, null, distinct);
        }
        if (access instanceof KeyAccess.Range r) {
            byte[] from = t.prefix();
            byte[] to = t.prefixEnd();
            try {
                for (KeyAccess.Bound b : r.lower()) {
                    Object v = b.value().eval(null, params);
                    if (v == null) {
                        return new Span(null, null, List.of());
                    }
                    byte[] k = t.rowKey(KeyCodec.encode(Values.coerce(v, keyCol), keyCol));
                    if (!b.inclusive()) {
                        k = Arrays.copyOf(k, k.length + 1); // the next key after k
                    }
                    if (Arrays.compareUnsigned(k, from) > 0) {
                        from = k;
                    }
                }
                for (KeyAccess.Bound b : r.upper()) {
                    Object v = b.value().eval(null, params);
                    if (v == null) {
                        return new Span(null, null, List.of());
                    }
                    byte[] k = t.rowKey(KeyCodec.encode(Values.coerce(v, keyCol), keyCol));
                    if (b.inclusive()) {
                        k = Arrays.copyOf(k, k.length + 1);
                    }
                    if (Arrays.compareUnsigned(k, to) < 0) {
                        to = k;
                    }
                }
            } catch (SQLException notAKey) {
                return full;
            }
            if (Arrays.compareUnsigned(from, to) >= 0) {
                return new Span(null, null, List.of());
            }
            return new Span(from, to, null);
        }
        return full;
    }

    static RowSource rows(Catalog.Table t, KeyAccess access, Object[] params, ReadView view, boolean reverse)
            throws SQLException {
        Span s = span(t, access, params);
        if (s.points() != null) {
            List<byte[]> keys = new ArrayList<>(s.points());
            if (reverse) {
                java.util.Collections.reverse(keys);
            }
            return new RowSource() {
                int i = -1;
                byte[] value;

                @Override
                public boolean next() throws SQLException {
                    while (++i < keys.size()) {
                        try {
                            value = view.get(keys.get(i));
                        } catch (IOException e) {
                            throw Errors.io(e);
                        }
                        if (value != null) {
                            return true;
                        }
                    }
                    return false;
                }

                @Override
                public byte[] key() {
                    return keys.get(i);
                }

                @Override
                public byte[] value() {
                    return value;
                }

                @Override
                public void close() {
                }
            };
        }
        ReadView.Scan scan;
        try {
            scan = view.scan(s.from(), s.to(), reverse);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        } catch (IllegalStateException e) {
            throw Errors.closed("the database");
        }
        return new RowSource() {
            @Override
            public boolean next() throws SQLException {
                try {
                    return scan.next();
                } catch (UncheckedIOException e) {
                    throw Errors.io(e);
                }
            }

            @Override
            public byte[] key() {
                return scan.key();
            }

            @Override
            public byte[] value() {
                return scan.value();
            }

            @Override
            public void close() {
                scan.close();
            }
        };
    }

    static Object[] decode(Catalog.Table t, byte[] key, byte[] value) throws SQLException {
        TableInfo info = t.info();
        try {
            Object k = KeyCodec.decode(key, 5, key.length - 5, info.key());
            return RowCodec.decode(value, k, info.columns(), info.keyColumn());
        } catch (RuntimeException e) {
            throw new SQLException("corruption detected: a row of table " + info.name() + " cannot be decoded ("
                    + e + ")", "XX001");
        }
    }

    private static boolean holds(Expr where, Object[] row, Object[] params) throws SQLException {
        if (where == null) {
            return true;
        }
        Object v = where.eval(row, params);
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        throw Errors.wrongType("a WHERE condition must be true or false, not " + Values.show(v));
    }

    // ---------------------------------------------------------------- SELECT

    static Result select(Plan.Select p, Object[] params, ReadView view, Runnable onClose) throws SQLException {
        long offset = count(p.offset(), params, "OFFSET");
        long limit = p.limit() == null ? Long.MAX_VALUE : count(p.limit(), params, "LIMIT");
        int key = p.table().info().keyColumn();
        boolean byKey = p.orderColumn() < 0 || p.orderColumn() == key;
        RowSource src = rows(p.table(), p.access(), params, view, byKey && p.descending());
        try {
            if (p.countStar()) {
                long n = 0;
                while (src.next()) {
                    if (p.where() == null || holds(p.where(), decode(p.table(), src.key(), src.value()), params)) {
                        n++;
                    }
                }
                long shown = Math.max(0, Math.min(limit, 1 - offset));
                List<Object[]> out = shown > 0 ? List.<Object[]>of(new Object[] {n}) : List.of();
                src.close();
                onClose.run();
                return Result.rows(new ListCursor(p.resultColumns(), out));
            }
            if (!byKey) {
                List<Object[]> all = new ArrayList<>();
                while (src.next()) {
                    Object[] row = decode(p.table(), src.key(), src.value());
                    if (holds(p.where(), row, params)) {
                        all.add(row);
                    }
                }
                int col = p.orderColumn();
                Comparator<Object[]> cmp = (a, b) -> compareForSort(a[col], b[col]);
                all.sort(p.descending() ? cmp.reversed() : cmp);
                List<Object[]> out = new ArrayList<>();
                for (long i = offset; i < all.size() && out.size() < limit; i++) {
                    out.add(project(p, all.get((int) i), params));
                }
                src.close();
                onClose.run();
                return Result.rows(new ListCursor(p.resultColumns(), out));
            }
        } catch (SQLException | RuntimeException e) {
            src.close();
            onClose.run();
            throw unwrap(e);
        }
        return Result.rows(new StreamCursor(p, params, src, offset, limit, onClose));
    }

    private static SQLException unwrap(Exception e) {
        if (e instanceof SQLException s) {
            return s;
        }
        if (e instanceof SortFailure f) {
            return f.cause;
        }
        throw (RuntimeException) e;
    }

    private static final class SortFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SQLException cause;

        SortFailure(SQLException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    private static int compareForSort(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1; // NULLs first ascending
        }
        try {
            return Values.compare(a, b);
        } catch (SQLException e) {
            throw new SortFailure(e);
        }
    }

    private static long count(Expr e, Object[] params, String what) throws SQLException {
        if (e == null) {
            return 0;
        }
        Object v = e.eval(null, params);
        if (!(v instanceof Number n) || !Values.isIntegral(v) && n.doubleValue() != Math.rint(n.doubleValue())) {
            throw Errors.wrongType(what + " must be a whole number, not " + Values.show(v));
        }
        if (n.longValue() < 0) {
            throw Errors.outOfRange(what + " must not be negative: " + n);
        }
        return n.longValue();
    }

    static Object[] project(Plan.Select p, Object[] row, Object[] params) throws SQLException {
        List<Expr> proj = p.projections();
        Object[] out = new Object[proj.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = proj.get(i).eval(row, params);
            ColumnInfo c = p.resultColumns().get(i);
            if (v != null && !c.table().isEmpty()) {
                out[i] = v;
            } else {
                out[i] = normalise(v);
            }
        }
        return out;
    }

    /** Computed values to the classes getObject promises: integers as Long, decimals as BigDecimal. */
    private static Object normalise(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }

    /** A query's rows streamed from the engine; closing it closes the scan. */
    private static final class StreamCursor implements RowCursor {
        private final Plan.Select plan;
        private final Object[] params;
        private final RowSource src;
        private final Runnable onClose;
        private long skip;
        private long left;
        private Object[] current;
        private boolean closed;

        StreamCursor(Plan.Select plan, Object[] params, RowSource src, long offset, long limit, Runnable onClose) {
            this.plan = plan;
            this.params = params;
            this.src = src;
            this.skip = offset;
            this.left = limit;
            this.onClose = onClose;
        }

        @Override
        public List<ColumnInfo> columns() {
            return plan.resultColumns();
        }

        @Override
        public boolean next() throws SQLException {
            current = null;
            if (closed) {
                return false;
            }
            while (left > 0 && src.next()) {
                Object[] row = decode(plan.table(), src.key(), src.value());
                if (!holds(plan.where(), row, params)) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                left--;
                current = project(plan, row, params);
                return true;
            }
            close();
            return false;
        }

        @Override
        public Object get(int index) {
            return current[index];
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                src.close();
                onClose.run();
            }
        }
    }

    /** Rows already in memory. */
    static final class ListCursor implements RowCursor {
        private final List<ColumnInfo> columns;
        private final List<Object[]> rows;
        private int i = -1;

        ListCursor(List<ColumnInfo> columns, List<Object[]> rows) {
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public List<ColumnInfo> columns() {
            return columns;
        }

        @Override
        public boolean next() {
            if (i < rows.size()) {
                i++;
            }
            return i < rows.size();
        }

        @Override
        public Object get(int index) {
            return rows.get(i)[index];
        }

        @Override
        public void close() {
            i = rows.size();
        }
    }

    // ---------------------------------------------------------------- DML

    /** Validates and converts a full row for table {@code t}: types, lengths, NOT NULL and key NULL. */
    private static Object[] check(Catalog.Table t, Object[] row) throws SQLException {
        List<ColumnInfo> cols = t.info().columns();
        for (int i = 0; i < row.length; i++) {
            ColumnInfo c = cols.get(i);
            row[i] = Values.coerce(row[i], c);
            if (row[i] == null && (!c.nullable() || c.primaryKey())) {
                throw Errors.notNull(c.name());
            }
        }
        return row;
    }

    private static void put(Catalog.Table t, Object[] row, TreeMap<byte[], byte[]> out, byte[] key) {
        out.put(key, RowCodec.encode(row, t.info().columns(), t.info().keyColumn()));
    }

    private static byte[] keyOf(Catalog.Table t, Object[] row) {
        ColumnInfo k = t.info().key();
        return t.rowKey(KeyCodec.encode(row[t.info().keyColumn()], k));
    }

    static long insert(Plan.Insert p, Object[] params, ReadView view, TreeMap<byte[], byte[]> out)
            throws SQLException {
        for (Expr[] exprs : p.rows()) {
            Object[] row = new Object[exprs.length];
            for (int i = 0; i < exprs.length; i++) {
                row[i] = exprs[i] == null ? null : exprs[i].eval(null, params);
            }
            check(p.table(), row);
            byte[] key = keyOf(p.table(), row);
            if (!p.upsert()) {
                boolean exists;
                try {
                    byte[] mine = out.get(key);
                    exists = mine != null ? mine != ReadView.DELETED : view.get(key) != null;
                } catch (IOException e) {
                    throw Errors.io(e);
                }
                if (exists) {
                    throw Errors.duplicateKey(p.table().info().name(), Values.show(row[p.table().info().keyColumn()]));
                }
            }
            put(p.table(), row, out, key);
        }
        return p.rows().size();
    }

    static long update(Plan.Update p, Object[] params, ReadView view, TreeMap<byte[], byte[]> out)
            throws SQLException {
        int keyColumn = p.table().info().keyColumn();
        boolean keyChanges = Arrays.stream(p.columns()).anyMatch(c -> c == keyColumn);
        List<Object[]> oldRows = new ArrayList<>();
        List<byte[]> oldKeys = new ArrayList<>();
        try (RowSource src = rows(p.table(), p.access(), params, view, false)) {
            while (src.next()) {
                Object[] row = decode(p.table(), src.key(), src.value());
                if (holds(p.where(), row, params)) {
                    oldRows.add(row);
                    oldKeys.add(src.key());
                }
            }
        }
        TreeMap<byte[], byte[]> deletes = ReadView.newWriteMap();
        TreeMap<byte[], byte[]> puts = ReadView.newWriteMap();
        for (int r = 0; r < oldRows.size(); r++) {
            Object[] old = oldRows.get(r);
            Object[] row = old.clone();
            for (int i = 0; i < p.columns().length; i++) {
                row[p.columns()[i]] = p.values()[i].eval(old, params);
            }
            check(p.table(), row);
            byte[] key = keyChanges ? keyOf(p.table(), row) : oldKeys.get(r);
            if (keyChanges && !Arrays.equals(key, oldKeys.get(r))) {
                deletes.put(oldKeys.get(r), ReadView.DELETED);
            }
            if (puts.containsKey(key)) {
                throw Errors.duplicateKey(p.table().info().name(), Values.show(row[keyColumn]));
            }
            put(p.table(), row, puts, key);
        }
        if (keyChanges) {
            for (byte[] key : puts.keySet()) {
                boolean taken;
                try {
                    taken = !deletes.containsKey(key) && !oldKeys.stream().anyMatch(k -> Arrays.equals(k, key))
                            && view.get(key) != null;
                } catch (IOException e) {
                    throw Errors.io(e);
                }
                if (taken) {
                    throw Errors.duplicateKey(p.table().info().name(), "(new key of an updated row)");
                }
            }
        }
        out.putAll(deletes);
        out.putAll(puts);
        return oldRows.size();
    }

    static long delete(Plan.Delete p, Object[] params, ReadView view, TreeMap<byte[], byte[]> out)
            throws SQLException {
        long n = 0;
        try (RowSource src = rows(p.table(), p.access(), params, view, false)) {
            while (src.next()) {
                if (p.where() == null || holds(p.where(), decode(p.table(), src.key(), src.value()), params)) {
                    out.put(src.key(), ReadView.DELETED);
                    n++;
                }
            }
        }
        return n;
    }
}
