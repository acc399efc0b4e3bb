package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import lsmdb.sql.Errors;
import lsmdb.sql.plan.Plan;
import net.sf.jsqlparser.statement.select.ForMode;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/**
 * {@code SELECT ... FOR UPDATE}: the rows the query selects join the transaction's conflict set. Under snapshot
 * isolation with first-committer-wins that is done by writing them back unchanged (an UPDATE with no SET over the
 * same WHERE), which also fails at once with 40001 when another transaction changed one of them after this one's
 * snapshot. Only a query of one table can say which rows it selected; anything else is refused.
 */
final class ForUpdate {

    private ForUpdate() {
    }

    /**
     * The lock for {@code s} when it ends in FOR UPDATE (the clause is taken off the tree, so the query binds as a
     * plain one), or null when it has no FOR clause.
     */
    static Plan.Update lockOf(Binder binder, Select s) throws SQLException {
        if (!(s instanceof PlainSelect ps) || ps.getForMode() != ForMode.UPDATE) {
            return null;
        }
        if (ps.getForUpdateTable() != null || ps.getWait() != null || ps.isNoWait() || ps.isSkipLocked()) {
            throw Errors.unsupported("FOR UPDATE OF / WAIT / NOWAIT / SKIP LOCKED");
        }
        if (!(ps.getFromItem() instanceof net.sf.jsqlparser.schema.Table table)
                || ps.getJoins() != null && !ps.getJoins().isEmpty()
                || ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) {
            throw Errors.unsupported("SELECT ... FOR UPDATE of anything but one table");
        }
        if (ps.getGroupBy() != null || ps.getDistinct() != null || ps.getHaving() != null) {
            throw Errors.unsupported("SELECT ... FOR UPDATE with GROUP BY, HAVING or DISTINCT");
        }
        if (binder.catalog.get(Names.identifier(table.getName())) == null
                && binder.catalog.view(Names.identifier(table.getName())) != null) {
            throw Errors.unsupported("SELECT ... FOR UPDATE of the view " + Names.identifier(table.getName()));
        }
        ps.setForMode(null);
        Update u = new Update();
        u.setTable(table);
        u.setWhere(ps.getWhere());
        u.setUpdateSets(new ArrayList<>());
        return (Plan.Update) DmlBinder.update(binder, u);
    }
}
