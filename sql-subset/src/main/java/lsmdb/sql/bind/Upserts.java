package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.exec.ConflictUpdate;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Param;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * {@code ON CONFLICT (cols) DO UPDATE SET ... [WHERE ...]}: the target must name the primary key's or a unique
 * index's columns; SET and WHERE see the existing row by the table's name and the proposed one as {@code EXCLUDED}.
 */
final class Upserts {

    /** The name PostgreSQL and SQLite give the row proposed for insertion. */
    static final String EXCLUDED = "EXCLUDED";

    private Upserts() {
    }

    static ConflictUpdate bind(Binder binder, Table t, InsertConflictTarget target, InsertConflictAction action)
            throws SQLException {
        Index unique = target(binder, t, target);
        Scope scope = new Scope(null);
        scope.add(t.name(), t.slots(), t.hasHiddenRowId() ? 1 : 0);
        scope.add(EXCLUDED, t.slots(), t.hasHiddenRowId() ? 1 : 0);
        ExprBinder exprs = new ExprBinder(binder, scope, null);
        var rules = binder.catalog.rules(t);
        List<Integer> slots = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        for (UpdateSet set : action.getUpdateSets()) {
            if (set.getColumns().size() != set.getValues().size()) {
                throw Errors.syntax("DO UPDATE SET gives " + set.getValues().size() + " values for "
                        + set.getColumns().size() + " columns");
            }
            for (int i = 0; i < set.getColumns().size(); i++) {
                String name = Names.identifier(set.getColumns().get(i).getColumnName());
                int slot = t.slot(name);
                if (slot < 0 || slot >= t.columns().size()) {
                    throw Errors.noSuchColumn(name, t.name());
                }
                if (rules.identityAlways() && slot == rules.identitySlot()) {
                    throw Defaults.alwaysGenerated(name);
                }
                Expression raw = set.getValues().get(i);
                Expr v = Defaults.isKeyword(raw) ? Defaults.keyword(binder, t, slot) : exprs.bind(raw);
                if (v instanceof Param p) {
                    binder.setType(p.index(), t.slots().get(slot).type());
                }
                int earlier = slots.indexOf(slot);
                if (earlier >= 0) {
                    values.set(earlier, v);
                } else {
                    slots.add(slot);
                    values.add(v);
                }
            }
        }
        Expr where = action.getWhereExpression() == null ? null : exprs.bind(action.getWhereExpression());
        return new ConflictUpdate(unique, slots.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(values),
                where);
    }

    /** The unique index the target names, or null for the primary key; 42000 when it names neither. */
    private static Index target(Binder binder, Table t, InsertConflictTarget target) throws SQLException {
        if (target == null || target.getIndexColumnNames() == null || target.getIndexColumnNames().isEmpty()) {
            throw Errors.unsupported("ON CONFLICT DO UPDATE without a conflict target (write ON CONFLICT (columns))");
        }
        Set<Integer> named = new HashSet<>();
        for (String raw : target.getIndexColumnNames()) {
            String name = Names.identifier(raw);
            int slot = t.slot(name);
            if (slot < 0 || slot >= t.columns().size()) {
                throw Errors.noSuchColumn(name, t.name());
            }
            named.add(slot);
        }
        if (!t.hasHiddenRowId() && named.equals(slotSet(t.keySlots()))) {
            return null;
        }
        for (Index ix : binder.catalog.indexes(t.name())) {
            if (ix.unique() && named.equals(slotSet(ix.slots()))) {
                return ix;
            }
        }
        throw Errors.unsupported("ON CONFLICT " + target.getIndexColumnNames() + ": the columns are neither the "
                + "primary key nor a unique index of " + t.name());
    }

    private static Set<Integer> slotSet(int[] slots) {
        Set<Integer> s = new HashSet<>();
        for (int x : slots) {
            s.add(x);
        }
        return s;
    }
}
