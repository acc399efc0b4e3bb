package lsmdb.sql.session;

import java.util.List;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.Dml;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.plan.Plan;

/**
 * The auto-commit statements that read the latest state and commit against a sequence mark instead of a registered
 * snapshot ({@link lsmdb.core.LsmDb#write(lsmdb.core.WriteBatch, boolean, long)}): a plain INSERT (no ON CONFLICT,
 * no RETURNING) of VALUES made of constants and parameters, into a table with no secondary index and no foreign key.
 *
 * <p>Why that is safe: such a statement reads nothing but its new rows' keys. A key found present ends it (23505,
 * nothing written); a key found absent is written. So every read behind a commit saw "absent", at or after the mark,
 * of a key the commit writes; a row inserted there since the mark still holds its value and so conflicts, and the
 * statement runs again (and fails with 23505). Versions compaction may drop without a snapshot only ever leave a key
 * with no value, which is what the statement read.
 */
final class NewRowInsert {

    private NewRowInsert() {
    }

    static boolean is(Plan plan, Catalog catalog) {
        return plan instanceof Plan.Insert ins && ins.onConflict() == Dml.OnConflict.FAIL && ins.indexes().isEmpty()
                && ins.returning() == null && ins.source() instanceof Basic.Values v && constant(v.rows())
                && (catalog.allForeignKeys().isEmpty() || catalog.foreignKeys(ins.table().name()).isEmpty());
    }

    /** Whether the rows read no table: no subquery, only literals and parameters (and functions of them). */
    private static boolean constant(List<List<Expr>> rows) {
        // Index loops: asked once per auto-commit statement, and C2 did not scalar-replace the two iterators.
        for (int i = 0, n = rows.size(); i < n; i++) {
            List<Expr> row = rows.get(i);
            for (int j = 0, m = row.size(); j < m; j++) {
                if (!row.get(j).isConstant()) {
                    return false;
                }
            }
        }
        return true;
    }
}
