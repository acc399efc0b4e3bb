package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.exec.Sort;
import lsmdb.sql.exec.SystemTables;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Literal;
import lsmdb.sql.plan.Exprs;
import lsmdb.sql.plan.Query;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.UnionOp;

/** Binds a query — a SELECT block or a UNION of them — in a scope whose parent is the enclosing query's. */
final class SelectBinder {

    private final Binder binder;

    SelectBinder(Binder binder) {
        this.binder = binder;
    }

    Query bind(Select s, Scope scope) throws SQLException {
        if (s.getWithItemsList() != null && !s.getWithItemsList().isEmpty()) {
            throw Errors.unsupported("WITH");
        }
        if (s instanceof ParenthesedSelect p) {
            Query inner = bind(p.getSelect(), scope);
            if (p.getOrderByElements() == null && p.getLimit() == null && p.getOffset() == null && p.getFetch() == null) {
                return inner;
            }
            return wrap(inner, p, scope);
        }
        if (s instanceof SetOperationList u) {
            return union(u, scope);
        }
        if (s instanceof PlainSelect ps) {
            return new BlockBinder(binder, ps, scope).bind();
        }
        throw Errors.unsupported(Aggregates.describe(s));
    }

    /** ORDER BY / LIMIT on a parenthesised query: applied as over a one-part union. */
    private Query wrap(Query inner, Select outer, Scope scope) throws SQLException {
        List<Sort.SortKey> order = setOrder(outer.getOrderByElements(), inner.columns());
        Expr[] lim = BlockBinder.limits(binder, outer);
        return new Query.Union(List.of(inner), List.of(), order, lim[0], lim[1], inner.columns());
    }

    private Query union(SetOperationList u, Scope scope) throws SQLException {
        List<Query> parts = new ArrayList<>();
        List<Boolean> all = new ArrayList<>();
        for (SetOperation op : u.getOperations()) {
            if (!(op instanceof UnionOp union)) {
                throw Errors.unsupported(op.toString().trim().toUpperCase());
            }
            all.add(union.isAll());
        }
        List<ColumnInfo> columns = null;
        for (Select part : u.getSelects()) {
            Query q = bind(part, new Scope(scope.parent));
            if (columns == null) {
                columns = q.columns();
            } else if (q.columns().size() != columns.size()) {
                throw Errors.syntax("each query of a UNION must have the same number of columns ("
                        + columns.size() + " and " + q.columns().size() + ")");
            }
            parts.add(q);
        }
        List<ColumnInfo> unified = new ArrayList<>();
        parts = UnionTypes.unify(parts, unified);
        List<Sort.SortKey> order = setOrder(u.getOrderByElements(), unified);
        Expr[] lim = BlockBinder.limits(binder, u);
        return new Query.Union(parts, all, order, lim[0], lim[1], List.copyOf(unified));
    }

    /** ORDER BY of a union: output positions or output column names. */
    private static List<Sort.SortKey> setOrder(List<OrderByElement> elements, List<ColumnInfo> columns)
            throws SQLException {
        List<Sort.SortKey> keys = new ArrayList<>();
        if (elements == null) {
            return keys;
        }
        for (OrderByElement o : elements) {
            int slot = -1;
            Expression e = o.getExpression();
            if (e instanceof LongValue l) {
                slot = (int) l.getValue() - 1;
            } else if (e instanceof Column c) {
                String name = Names.identifier(c.getColumnName());
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).name().equals(name)) {
                        slot = i;
                        break;
                    }
                }
            }
            if (slot < 0 || slot >= columns.size()) {
                throw Errors.syntax("ORDER BY of a UNION must name an output column or position: " + e);
            }
            keys.add(BlockBinder.sortKey(o, new ColumnRef(0, slot, columns.get(slot).name(),
                    columns.get(slot).type())));
        }
        return keys;
    }

    /** The FROM item {@code item} as a table or derived table, added to {@code scope}. */
    static Query.Source source(Binder binder, FromItem item, Scope scope) throws SQLException {
        if (item instanceof net.sf.jsqlparser.schema.Table t) {
            String name = Names.identifier(t.getName());
            String schema = t.getSchemaName() == null ? null : Names.identifier(t.getSchemaName());
            String alias = t.getAlias() == null ? name : Names.identifier(t.getAlias().getName());
            if ("SYS".equals(schema)) {
                binder.readsChangingState(); // statistics change with no commit
                SystemTables.Kind kind = SystemTables.named(name);
                if (kind == null) {
                    throw Errors.noSuchTable("SYS." + name);
                }
                List<ColumnInfo> cols = SystemTables.columns(kind);
                Scope.Item it = scope.add(alias, cols, 0);
                return new Query.Source(null, List.of(), null, kind, alias, it.offset(), cols.size());
            }
            if (schema != null && !schema.equals("PUBLIC")) {
                throw Errors.noSuchTable(schema + "." + name);
            }
            if (t.getAlias() != null && t.getAlias().getAliasColumns() != null) {
                throw Errors.unsupported("column aliases on a table");
            }
            Table table = binder.catalog.get(name);
            if (table != null) {
                Scope.Item it = scope.add(alias, table.slots(), table.hasHiddenRowId() ? 1 : 0);
                return new Query.Source(table, binder.catalog.indexes(name), null, null, alias, it.offset(),
                        table.width());
            }
            Catalog.View view = binder.catalog.view(name);
            if (view == null) {
                throw Errors.noSuchTable(name);
            }
            return derived(binder, Views.query(binder, view), alias, scope);
        }
        if (item instanceof ParenthesedSelect ps) {
            if (ps.getAlias() != null && ps.getAlias().getAliasColumns() != null) {
                throw Errors.unsupported("column aliases on a subquery");
            }
            Query q = new SelectBinder(binder).bind(ps.getSelect() == null ? ps : ps.getSelect(),
                    new Scope(scope.parent));
            if (ps.getSelect() != null && (ps.getOrderByElements() != null || ps.getLimit() != null)) {
                q = new SelectBinder(binder).wrap(q, ps, scope);
            }
            String alias = ps.getAlias() == null ? "SUBQUERY" + scope.items.size()
                    : Names.identifier(ps.getAlias().getName());
            return derived(binder, q, alias, scope);
        }
        throw Errors.unsupported("the FROM item " + Aggregates.describe(item));
    }

    private static Query.Source derived(Binder binder, Query q, String alias, Scope scope) throws SQLException {
        List<ColumnInfo> cols = new ArrayList<>();
        for (ColumnInfo c : q.columns()) {
            cols.add(new ColumnInfo(c.name(), c.type(), c.length(), c.scale(), true, false, alias));
        }
        Scope.Item it = scope.add(alias, cols, 0);
        return new Query.Source(null, List.of(), q, null, alias, it.offset(), cols.size());
    }

    static Query.JoinKind joinKind(Join j) throws SQLException {
        if (j.isFull() || j.isNatural() || j.isApply() || j.isSemi() || j.isStraight() || j.isWindowJoin()
                || j.isGlobal() || j.getUsingColumns() != null && !j.getUsingColumns().isEmpty()) {
            throw Errors.unsupported("this kind of JOIN (" + j.toString().trim() + ")");
        }
        if (j.isLeft()) {
            return Query.JoinKind.LEFT;
        }
        if (j.isRight()) {
            return Query.JoinKind.RIGHT;
        }
        if (j.isOuter()) {
            throw Errors.unsupported("OUTER JOIN without LEFT or RIGHT");
        }
        if (j.isCross() || j.isSimple()) {
            return Query.JoinKind.CROSS;
        }
        return Query.JoinKind.INNER;
    }

    static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        Exprs.conjuncts(e, out);
        return out;
    }

    static ColumnInfo resultColumn(String name, Expr e, Scope scope) {
        if (e instanceof ColumnRef c && c.depth() == 0 && !scope.grouped) {
            ColumnInfo src = scope.columnAt(c.index());
            if (src != null) {
                return new ColumnInfo(name, src.type(), src.length(), src.scale(), src.nullable(), false, src.table());
            }
        }
        SqlType t = Typing.of(e);
        boolean nullable = !(e instanceof Literal l && l.value() != null);
        return new ColumnInfo(name, t == null ? SqlType.VARCHAR : t, 0, t == SqlType.DECIMAL ? 10 : 0, nullable,
                false, "");
    }

    static String label(SelectItem<?> item, Expr e) {
        if (item.getAlias() != null) {
            return Names.identifier(item.getAlias().getName());
        }
        if (item.getExpression() instanceof Column c) {
            return Names.identifier(c.getColumnName());
        }
        return item.getExpression().toString();
    }

    static boolean isStar(SelectItem<?> item) {
        return item.getExpression() instanceof AllColumns || item.getExpression() instanceof AllTableColumns;
    }
}
