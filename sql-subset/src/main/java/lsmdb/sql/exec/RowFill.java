package lsmdb.sql.exec;

import java.sql.SQLException;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.catalog.IdentityRanges;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Coercion;

/**
 * What an INSERT puts into the columns it does not give: their DEFAULTs, and a fresh identity value when the
 * identity column is left out or NULL (an explicit value moves the counter past it, as H2 does).
 *
 * @param slots        the left-out columns that have a DEFAULT
 * @param values       their DEFAULTs, in the order of {@code slots}
 * @param identitySlot the identity column's slot, or -1
 */
public record RowFill(int[] slots, Expr[] values, int identitySlot, Table table, IdentityRanges identities) {

    public static final RowFill NONE = new RowFill(new int[0], new Expr[0], -1, null, null);

    /** Completes {@code row} in place; {@code env} gives DEFAULTs their clock and parameters. */
    void apply(Object[] row, Env env) throws SQLException {
        for (int i = 0; i < slots.length; i++) {
            row[slots[i]] = values[i].eval(env);
        }
        if (identitySlot >= 0) {
            Object v = row[identitySlot];
            if (v == null) {
                row[identitySlot] = identities.next(table.id());
            } else {
                ColumnInfo c = table.slots().get(identitySlot);
                Object stored = Coercion.store(v, c);
                row[identitySlot] = stored;
                identities.observe(table.id(), ((Number) stored).longValue());
            }
        }
    }
}
