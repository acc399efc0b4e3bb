package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;

/**
 * {@code RETURNING expr, ...} of an INSERT, UPDATE or DELETE: its expressions over each changed row (the new row,
 * or for DELETE the row removed), and the result columns they make.
 */
public record Returning(List<Expr> exprs, List<ColumnInfo> columns) {

    /** The result rows for {@code changed}, in the order the rows were changed. */
    public List<Object[]> rows(List<Object[]> changed, Env env) throws SQLException {
        Env local = new Env(env.params, env.outer, env.context);
        List<Object[]> out = new ArrayList<>(changed.size());
        for (Object[] r : changed) {
            local.row = r;
            Object[] o = new Object[exprs.size()];
            for (int i = 0; i < o.length; i++) {
                o[i] = exprs.get(i).eval(local);
            }
            out.add(o);
        }
        return out;
    }
}
