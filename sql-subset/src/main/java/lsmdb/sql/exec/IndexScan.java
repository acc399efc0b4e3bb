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
 * the entry holds (two engine reads per row, the second a point lookup), in index order.
 */
public record IndexScan(TableScan table, Index index, KeyAccess access) implements Lookup {

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
                                return row(ctx, scan.value());
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
                        rows.add(row(ctx, scan.value()));
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
                + " INDEX " + index.name() + (point ? " POINT" : " RANGE"));
    }
}
