package lsmdb.sql.exec;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.codec.IndexKeys;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;

/**
 * {@code SELECT COUNT(*), ... FROM t WHERE a = ? AND ...} where the conditions are exactly equalities on leading
 * columns of an index: the number of index entries in the range, counted without decoding any of them. The planner
 * checks the shape; each execution checks that the values key the range exactly (a value of the column's own kind)
 * and otherwise runs {@code general}, the plan that filters every row.
 *
 * @param width how many COUNT(*) the row holds (each the same number)
 */
public record IndexCount(IndexScan scan, int width, Node general) implements Node {

    /** Whether equality on a column of this type is equality of its index key (see {@link #exact}). */
    public static boolean countable(ColumnInfo c) {
        return switch (c.type()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, VARCHAR -> true;
            default -> false;
        };
    }

    @Override
    public Cursor open(Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        Env keyEnv = new Env(env.params, env.outer, env.context);
        IndexKeys keys = scan.keys();
        List<Expr> values = scan.access().alternatives().get(0);
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i).eval(keyEnv);
            if (v != null && !exact(v, keys.keyColumn(i))) {
                return general.open(env);
            }
        }
        List<KeyAccess.Span> spans = scan.access().exactSpans(keys, keyEnv);
        if (spans == null) {
            return general.open(env);
        }
        long n = 0;
        try {
            for (KeyAccess.Span s : spans) {
                try (ReadView.Scan entries = ctx.view().scan(s.from(), s.to(), false)) {
                    n += entries.countRest(ctx);
                }
            }
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        }
        Object[] row = new Object[width];
        Arrays.fill(row, n);
        return Cursors.of(java.util.Collections.singletonList(row));
    }

    /**
     * Whether {@code v} compares equal to exactly the column values whose key equals its key: an integer against an
     * integer column, a string against a VARCHAR one (no conversion between kinds, whose equality is looser).
     */
    private static boolean exact(Object v, ColumnInfo c) {
        return switch (c.type()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> v instanceof Long || v instanceof Integer || v instanceof Short
                    || v instanceof Byte;
            case VARCHAR -> v instanceof String;
            default -> false;
        };
    }

    @Override
    public void explain(List<String> out, int depth) {
        out.add(Node.indent(depth) + "COUNT INDEX ENTRIES");
        scan.explain(out, depth + 1);
    }
}
