package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.plan.Query;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;

/** Expanding a view where it is named: its stored query, bound afresh, with the view's column names. */
final class Views {

    private Views() {
    }

    static Query query(Binder binder, Catalog.View view) throws SQLException {
        if (++binder.viewDepth > Binder.MAX_VIEW_DEPTH) {
            throw Errors.syntax("views nested more than " + Binder.MAX_VIEW_DEPTH + " deep (at " + view.name() + ")");
        }
        try {
            lsmdb.sql.parse.ParsedStatement parsed = lsmdb.sql.parse.SqlFront.parse(view.sql());
            Statement st = parsed instanceof lsmdb.sql.parse.ParsedStatement.Sql sql ? sql.statement() : null;
            if (!(st instanceof Select s)) {
                throw new lsmdb.core.CorruptionException("view " + view.name() + " does not hold a query");
            }
            Query q = new SelectBinder(binder).bind(s, new Scope(null));
            return renamed(q, view.columnNames());
        } catch (lsmdb.core.CorruptionException e) {
            throw Errors.io(e);
        } finally {
            binder.viewDepth--;
        }
    }

    /** {@code q} with its output columns called {@code names} (none: as the query names them). */
    static Query renamed(Query q, List<String> names) throws SQLException {
        if (names.isEmpty()) {
            return q;
        }
        if (names.size() != q.columns().size()) {
            throw Errors.syntax("the view names " + names.size() + " columns but its query returns "
                    + q.columns().size());
        }
        List<ColumnInfo> cols = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ColumnInfo c = q.columns().get(i);
            cols.add(new ColumnInfo(names.get(i), c.type(), c.length(), c.scale(), c.nullable(), false, c.table()));
        }
        return new Query.Union(List.of(q), List.of(), List.of(), null, null, List.copyOf(cols));
    }
}
