package lsmdb.sql.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.codec.IndexKeys;
import lsmdb.sql.expr.Env;

/**
 * Reads a table's rows through a secondary index: ranges of index entries, each leading to its row by the row key
 * the entry holds (two engine reads per row, the second a point lookup), in index order. With {@code indexOnly}
 * the entries alone answer: the planner found that the query reads only the index's columns and the key, so rows
 * carry those slots (the others null) and no row is fetched.
 */
public record IndexScan(TableScan table, Index index, KeyAccess access, boolean indexOnly) implements Lookup {

    public IndexScan(TableScan table, Index index, KeyAccess access) {
        this(table, index, access, false);
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

    IndexKeys keys() {
        return new IndexKeys(index, table.table());
    }

    /** Streams the rows in index order, so a LIMIT above stops the reading early. */
    @Override
    public Cursor open(Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        List<KeyAccess.Span> spans = access.spans(keys(), new Env(env.params, env.outer, env.context));
        return new Cursor() {
            private int next;
            private ReadView.Scan scan;

            @Override
            public Object[] next() throws SQLException {
                try {
                    for (;;) {
                        if (scan != null) {
                            if (scan.next()) {
                                ctx.tick();
                                return indexOnly ? fromEntry(scan.key(), scan.value()) : row(ctx, scan.value());
                            }
                            scan.close();
                            scan = null;
                        }
                        if (next >= spans.size()) {
                            return null;
                        }
                        KeyAccess.Span s = spans.get(next++);
                        scan = ctx.view().scan(s.from(), s.to(), false);
                    }
                } catch (IOException e) {
                    throw Errors.io(e);
                } catch (UncheckedIOException e) {
                    throw Errors.io(e);
                }
            }

            @Override
            public void close() {
                if (scan != null) {
                    scan.close();
                    scan = null;
                }
            }
        };
    }

    /** The row as the entry gives it: key slots from the row key, index columns from the entry key. */
    private Object[] fromEntry(byte[] entryKey, byte[] rowKey) {
        Object[] row = new Object[table.width()];
        Object[] own = new Object[table.table().width()];
        lsmdb.sql.codec.RowKeys.decode(table.table(), rowKey, own);
        System.arraycopy(own, 0, row, table.offset(), own.length);
        keys().decodeColumns(entryKey, row, table.offset());
        return row;
    }

    /** The table row an index entry (whose value is the row key) leads to. */
    private Object[] row(ExecContext ctx, byte[] rowKey) throws IOException {
        byte[] value = ctx.view().get(rowKey);
        if (value == null) {
            throw new lsmdb.core.CorruptionException("index " + index.name() + " has an entry for a "
                    + "row of " + index.table() + " that does not exist");
        }
        return table.decode(rowKey, value);
    }

    @Override
    public List<Object[]> lookup(ExecContext ctx, Env keyEnv) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try {
            for (KeyAccess.Span s : access.spans(keys(), keyEnv)) {
                try (ReadView.Scan scan = ctx.view().scan(s.from(), s.to(), false)) {
                    while (scan.next()) {
                        ctx.tick();
                        rows.add(indexOnly ? fromEntry(scan.key(), scan.value()) : row(ctx, scan.value()));
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
