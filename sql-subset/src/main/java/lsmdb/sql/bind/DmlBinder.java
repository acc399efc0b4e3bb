package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.ConflictUpdate;
import lsmdb.sql.exec.Returning;
import lsmdb.sql.exec.Dml;
import lsmdb.sql.exec.Node;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Param;
import lsmdb.sql.plan.Plan;
import lsmdb.sql.plan.Planner;
import lsmdb.sql.plan.Query;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.ConflictActionType;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/** INSERT, UPDATE and DELETE. */
final class DmlBinder {

    private DmlBinder() {
    }

    static Table table(Binder binder, net.sf.jsqlparser.schema.Table t) throws SQLException {
        if (t == null) {
            throw Errors.syntax("a table name is missing");
        }
        String name = Names.identifier(t.getName());
        if (t.getSchemaName() != null && Names.identifier(t.getSchemaName()).equals("SYS")) {
            throw Errors.unsupported("changing the system table SYS." + name + " (read-only)");
        }
        Table table = binder.catalog.get(name);
        if (table == null) {
            if (binder.catalog.view(name) != null) {
                throw Errors.unsupported("changing the view " + name + " (views are read-only)");
            }
            throw Errors.noSuchTable(name);
        }
        return table;
    }

    static Plan insert(Binder binder, Insert ins, boolean upsert) throws SQLException {
        if (ins.isModifierIgnore()) {
            throw Errors.unsupported("INSERT IGNORE (use INSERT ... ON CONFLICT DO NOTHING)");
        }
        if (ins.isUseDuplicate() || ins.isUseSet() || ins.getOutputClause() != null || ins.isOverwrite()
                || ins.getModifierPriority() != null || ins.getPartitions() != null
                || ins.getWithItemsList() != null && !ins.getWithItemsList().isEmpty() || ins.isOverriding()) {
            throw Errors.unsupported("this form of INSERT");
        }
        Table t = table(binder, ins.getTable());
        if (ins.getTable().getAlias() != null) {
            throw Errors.unsupported("an alias on the INSERT table");
        }
        Dml.OnConflict onConflict = upsert ? Dml.OnConflict.REPLACE : Dml.OnConflict.FAIL;
        ConflictUpdate onUpdate = null;
        if (ins.getConflictAction() != null) {
            if (upsert) {
                throw Errors.unsupported("ON CONFLICT on UPSERT");
            }
            if (ins.getConflictAction().getConflictActionType() == ConflictActionType.DO_NOTHING) {
                onConflict = Dml.OnConflict.IGNORE;
            } else {
                onUpdate = Upserts.bind(binder, t, ins.getConflictTarget(), ins.getConflictAction());
                onConflict = Dml.OnConflict.UPDATE;
            }
        }
        boolean defaultsOnly = ins.isOnlyDefaultValues();
        int[] slots = defaultsOnly ? new int[0] : targetSlots(t, ins.getColumns());
        Node source;
        Select select = ins.getSelect();
        if (defaultsOnly) {
            source = new Basic.Values(List.of(List.of()), 0);
        } else if (select instanceof Values v) {
            source = values(binder, t, v, slots);
        } else if (select != null) {
            Query q = new SelectBinder(binder).bind(select, new Scope(null));
            if (q.columns().size() != slots.length) {
                throw Errors.syntax("INSERT names " + slots.length + " columns but the query returns "
                        + q.columns().size());
            }
            refuseAlwaysIdentity(binder, t, slots, null);
            source = Planner.plan(q);
        } else {
            throw Errors.syntax("INSERT needs VALUES or a query");
        }
        Returning returning = returning(binder, ins.getReturningClause(), ins.getTable(), t);
        return new Plan.Insert(StatementBinder.header(binder), t, binder.catalog.indexes(t.name()), source, slots,
                onConflict, Defaults.fill(binder, t, slots), onUpdate, returning);
    }

    /** 428C9 when a GENERATED ALWAYS identity column is among {@code slots} with a value other than DEFAULT. */
    private static void refuseAlwaysIdentity(Binder binder, Table t, int[] slots, List<? extends Expression> values)
            throws SQLException {
        var rules = binder.catalog.rules(t);
        if (!rules.identityAlways()) {
            return;
        }
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == rules.identitySlot() && (values == null || !Defaults.isKeyword(values.get(i)))) {
                throw Defaults.alwaysGenerated(t.columns().get(slots[i]).name());
            }
        }
    }

    /** {@code RETURNING expr, ...} over the rows of {@code t} (a {@code *} gives its columns), or null. */
    static Returning returning(Binder binder, List<SelectItem<?>> items, net.sf.jsqlparser.schema.Table ref, Table t)
            throws SQLException {
        if (items == null) {
            return null;
        }
        Scope scope = tableScope(ref, t);
        ExprBinder exprs = new ExprBinder(binder, scope, null);
        List<Expr> out = new ArrayList<>();
        List<ColumnInfo> columns = new ArrayList<>();
        for (SelectItem<?> item : items) {
            if (SelectBinder.isStar(item)) {
                for (int i = 0; i < t.columns().size(); i++) {
                    ColumnInfo c = t.columns().get(i);
                    out.add(new ColumnRef(0, i, c.name(), c.type()));
                    columns.add(SelectBinder.resultColumn(c.name(), out.get(out.size() - 1), scope));
                }
                continue;
            }
            Expr e = exprs.bind(item.getExpression());
            out.add(e);
            columns.add(SelectBinder.resultColumn(SelectBinder.label(item, e), e, scope));
        }
        return new Returning(List.copyOf(out), List.copyOf(columns));
    }

    private static int[] targetSlots(Table t, ExpressionList<Column> columns) throws SQLException {
        if (columns == null || columns.isEmpty()) {
            int[] all = new int[t.columns().size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] slots = new int[columns.size()];
        for (int i = 0; i < slots.length; i++) {
            String name = Names.identifier(columns.get(i).getColumnName());
            int slot = t.slot(name);
            if (slot < 0 || slot >= t.columns().size()) {
                throw Errors.noSuchColumn(name, t.name());
            }
            for (int j = 0; j < i; j++) {
                if (slots[j] == slot) {
                    throw Errors.syntax("column " + name + " is named twice in INSERT");
                }
            }
            slots[i] = slot;
        }
        return slots;
    }

    private static Node values(Binder binder, Table t, Values v, int[] slots) throws SQLException {
        ExprBinder constants = new ExprBinder(binder, new Scope(null), null);
        List<List<Expr>> rows = new ArrayList<>();
        ExpressionList<?> list = v.getExpressions();
        boolean multi = !list.isEmpty() && list.stream().allMatch(e -> e instanceof ExpressionList<?>);
        List<List<? extends Expression>> raw = new ArrayList<>();
        if (multi) {
            for (Expression e : list) {
                raw.add((ExpressionList<?>) e);
            }
        } else {
            raw.add(list);
        }
        for (int k = 0; k < raw.size(); k++) {
            List<? extends Expression> r = raw.get(k);
            if (r.size() != slots.length) {
                // The row's number: in a list of thousands the values alone do not find it.
                throw Errors.syntax("INSERT into " + t.name() + " gives " + r.size() + " values for " + slots.length
                        + " columns" + (raw.size() > 1 ? " in row " + (k + 1) + " of " + raw.size() : ""));
            }
            refuseAlwaysIdentity(binder, t, slots, r);
            List<Expr> row = new ArrayList<>(r.size());
            for (int i = 0; i < r.size(); i++) {
                Expr e = Defaults.isKeyword(r.get(i)) ? Defaults.keyword(binder, t, slots[i]) : constants.bind(r.get(i));
                if (e instanceof Param p) {
                    binder.setType(p.index(), t.slots().get(slots[i]).type());
                }
                row.add(e);
            }
            rows.add(List.copyOf(row));
        }
        return new Basic.Values(List.copyOf(rows), slots.length);
    }

    static Plan update(Binder binder, Update u) throws SQLException {
        if (u.getFromItem() != null || u.getJoins() != null && !u.getJoins().isEmpty() || u.getStartJoins() != null
                && !u.getStartJoins().isEmpty() || u.getOrderByElements() != null || u.getLimit() != null
                || u.getOutputClause() != null || u.isModifierIgnore() || u.getModifierPriority() != null
                || u.getWithItemsList() != null && !u.getWithItemsList().isEmpty() || u.getPreferringClause() != null) {
            throw Errors.unsupported("this form of UPDATE");
        }
        Table t = table(binder, u.getTable());
        Scope scope = tableScope(u.getTable(), t);
        ExprBinder exprs = new ExprBinder(binder, scope, null);
        List<Integer> slots = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        for (UpdateSet set : u.getUpdateSets()) {
            if (set.getColumns().size() != set.getValues().size()) {
                throw Errors.syntax("UPDATE SET gives " + set.getValues().size() + " values for "
                        + set.getColumns().size() + " columns");
            }
            for (int i = 0; i < set.getColumns().size(); i++) {
                Column c = set.getColumns().get(i);
                String name = Names.identifier(c.getColumnName());
                int slot = t.slot(name);
                if (slot < 0 || slot >= t.columns().size()) {
                    throw Errors.noSuchColumn(name, t.name());
                }
                Expression raw = set.getValues().get(i);
                if (binder.catalog.rules(t).identityAlways() && slot == binder.catalog.rules(t).identitySlot()) {
                    throw Defaults.alwaysGenerated(name);
                }
                Expr v = Defaults.isKeyword(raw) ? Defaults.keyword(binder, t, slot) : exprs.bind(raw);
                if (v instanceof Param p) {
                    binder.setType(p.index(), t.slots().get(slot).type());
                }
                int earlier = slots.indexOf(slot);
                if (earlier >= 0) {
                    // SET x = 1, x = 2: the last assignment wins, as in SQLite and MySQL.
                    values.set(earlier, v);
                    continue;
                }
                slots.add(slot);
                values.add(v);
            }
        }
        List<Expr> where = u.getWhere() == null ? List.of() : SelectBinder.conjuncts(exprs.bind(u.getWhere()));
        List<Expr> all = new ArrayList<>(where);
        all.addAll(values);
        return new Plan.Update(StatementBinder.header(binder), t, binder.catalog.indexes(t.name()),
                Planner.tableRows(t, binder.catalog.indexes(t.name()), where),
                slots.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(values),
                returning(binder, u.getReturningClause(), u.getTable(), t), reads(all, t.width()));
    }

    /**
     * The slots {@code exprs} read, or null unless every one is built only of column references, parameters,
     * literals, comparisons, AND/OR/NOT, IS NULL, BETWEEN and arithmetic (anything else might read more).
     */
    static boolean[] reads(List<Expr> exprs, int width) {
        boolean[] out = new boolean[width];
        for (Expr e : exprs) {
            if (!collectReads(e, out)) {
                return null;
            }
        }
        return out;
    }

    private static boolean collectReads(Expr e, boolean[] out) {
        List<Expr> children;
        if (e instanceof lsmdb.sql.expr.ColumnRef c) {
            if (c.depth() != 0 || c.index() >= out.length) {
                return false;
            }
            out[c.index()] = true;
            return true;
        } else if (e instanceof Param || e instanceof lsmdb.sql.expr.Literal) {
            return true;
        } else if (e instanceof lsmdb.sql.expr.Conditions.Compare c) {
            children = List.of(c.left(), c.right());
        } else if (e instanceof lsmdb.sql.expr.Conditions.And a) {
            children = a.terms();
        } else if (e instanceof lsmdb.sql.expr.Conditions.Or o) {
            children = o.terms();
        } else if (e instanceof lsmdb.sql.expr.Conditions.Not n) {
            children = List.of(n.operand());
        } else if (e instanceof lsmdb.sql.expr.Conditions.IsNull n) {
            children = List.of(n.operand());
        } else if (e instanceof lsmdb.sql.expr.Conditions.Between b) {
            children = List.of(b.operand(), b.low(), b.high());
        } else if (e instanceof lsmdb.sql.expr.Operators.Arith a) {
            children = List.of(a.left(), a.right());
        } else if (e instanceof lsmdb.sql.expr.Operators.Negate n) {
            children = List.of(n.operand());
        } else if (e instanceof lsmdb.sql.expr.Operators.Concat c) {
            children = List.of(c.left(), c.right());
        } else {
            return false;
        }
        for (Expr child : children) {
            if (!collectReads(child, out)) {
                return false;
            }
        }
        return true;
    }

    static Plan delete(Binder binder, Delete d) throws SQLException {
        if (d.getTables() != null && !d.getTables().isEmpty() || d.getJoins() != null && !d.getJoins().isEmpty()
                || d.getUsingList() != null && !d.getUsingList().isEmpty() || d.getOrderByElements() != null
                || d.getLimit() != null || d.getOutputClause() != null || d.isModifierIgnore()
                || d.isModifierQuick() || d.getModifierPriority() != null
                || d.getWithItemsList() != null && !d.getWithItemsList().isEmpty() || d.getPreferringClause() != null) {
            throw Errors.unsupported("this form of DELETE");
        }
        Table t = table(binder, d.getTable());
        Scope scope = tableScope(d.getTable(), t);
        List<Expr> where = d.getWhere() == null ? List.of()
                : SelectBinder.conjuncts(new ExprBinder(binder, scope, null).bind(d.getWhere()));
        return new Plan.Delete(StatementBinder.header(binder), t, binder.catalog.indexes(t.name()),
                Planner.tableRows(t, binder.catalog.indexes(t.name()), where),
                returning(binder, d.getReturningClause(), d.getTable(), t));
    }

    static Scope tableScope(net.sf.jsqlparser.schema.Table ref, Table t) throws SQLException {
        Scope scope = new Scope(null);
        String alias = ref.getAlias() == null ? t.name() : Names.identifier(ref.getAlias().getName());
        scope.add(alias, t.slots(), t.hasHiddenRowId() ? 1 : 0);
        return scope;
    }
}
