package lsmdb.sql.session;

import java.sql.SQLException;
import java.util.List;
import java.util.TreeMap;
import lsmdb.sql.exec.Dml;
import lsmdb.sql.exec.ExecContext;
import lsmdb.sql.expr.Env;
import lsmdb.sql.plan.Plan;

/**
 * Runs one INSERT, UPDATE or DELETE plan into a map of writes (the caller commits them or buffers them in its
 * transaction), keeping the changed rows and RETURNING rows in a {@link ChangeOutput} when one asks for them.
 */
final class DmlRun {

    private DmlRun() {
    }

    /** The number of rows the statement changed. {@code output} may be null; it is reset first when not. */
    static long apply(Plan plan, Object[] params, ExecContext ctx, TreeMap<byte[], byte[]> out, ChangeOutput output)
            throws SQLException {
        Env env = new Env(params, null, ctx);
        List<Object[]> changed = null;
        if (output != null) {
            output.reset((Plan.Change) plan);
            changed = output.changed;
        }
        long n;
        if (plan instanceof Plan.Insert i) {
            n = Dml.insert(i.table(), i.indexes(), i.source(), i.slots(), i.onConflict(), i.fill(), i.onUpdate(), env,
                    out, changed);
        } else if (plan instanceof Plan.Update u) {
            n = Dml.update(u.table(), u.indexes(), u.rows(), u.slots(), u.values(), u.reads(), env, out, changed);
        } else {
            Plan.Delete d = (Plan.Delete) plan;
            n = Dml.delete(d.table(), d.indexes(), d.rows(), env, out, changed);
        }
        if (output != null && output.plan.returning() != null) {
            output.returned = output.plan.returning().rows(changed, env);
        }
        return n;
    }
}
