package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;
import lsmdb.sql.exec.Aggregate;
import lsmdb.sql.exec.Sort;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Param;
import lsmdb.sql.plan.Query;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.ForMode;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/** Binds one SELECT block: FROM and joins, WHERE, GROUP BY/HAVING and aggregates, the select list, ORDER BY, LIMIT. */
final class BlockBinder {

    private final Binder binder;
    private final PlainSelect ps;
    private final Scope scope;
    private final List<Query.Source> sources = new ArrayList<>();
    private final List<Query.Join> joins = new ArrayList<>();

    BlockBinder(Binder binder, PlainSelect ps, Scope scope) {
        this.binder = binder;
        this.ps = ps;
        this.scope = scope;
    }

    Query bind() throws SQLException {
        refuseUnsupported();
        if (ps.getFromItem() != null) {
            sources.add(SelectBinder.source(binder, ps.getFromItem(), scope));
            if (ps.getJoins() != null) {
                for (Join j : ps.getJoins()) {
                    Query.JoinKind kind = SelectBinder.joinKind(j);
                    sources.add(SelectBinder.source(binder, j.getRightItem(), scope));
                    List<Expr> on = new ArrayList<>();
                    if (j.getOnExpressions() != null) {
                        for (Expression e : j.getOnExpressions()) {
                            on.addAll(SelectBinder.conjuncts(new ExprBinder(binder, scope, null).bind(e)));
                        }
                    }
                    if (on.isEmpty() && (kind == Query.JoinKind.LEFT || kind == Query.JoinKind.RIGHT)) {
                        throw Errors.syntax(kind + " JOIN needs an ON condition");
                    }
                    joins.add(new Query.Join(kind, List.copyOf(on)));
                }
            }
        } else if (ps.getJoins() != null && !ps.getJoins().isEmpty()) {
            throw Errors.syntax("JOIN without FROM");
        }
        List<Expr> where = ps.getWhere() == null ? List.of()
                : SelectBinder.conjuncts(new ExprBinder(binder, scope, null).bind(ps.getWhere()));
        List<Expr> groupBy = groupBy();
        boolean aggregated = !groupBy.isEmpty() || ps.getHaving() != null || usesAggregates();
        ExprBinder.Grouping grouping = aggregated ? new ExprBinder.Grouping(groupBy) : null;
        if (aggregated) {
            scope.grouped = true;
        }
        ExprBinder exprs = new ExprBinder(binder, scope, grouping);
        List<Expr> outputs = new ArrayList<>();
        List<ColumnInfo> columns = new ArrayList<>();
        selectList(exprs, grouping, outputs, columns);
        Expr having = ps.getHaving() == null ? null : exprs.bind(ps.getHaving());
        int visible = outputs.size();
        boolean distinct = ps.getDistinct() != null;
        List<Sort.SortKey> order = order(exprs, outputs, columns, distinct);
        scope.grouped = false;
        Expr[] lim = limits(binder, ps);
        return new Query.Select(List.copyOf(sources), List.copyOf(joins), List.copyOf(where), scope.width, aggregated,
                List.copyOf(groupBy), aggregated ? List.copyOf(grouping.calls) : List.<Aggregate.Call>of(), having,
                List.copyOf(outputs), visible, distinct, List.copyOf(order), lim[0], lim[1],
                List.copyOf(columns), binder.subqueryQueries);
    }

    private void refuseUnsupported() throws SQLException {
        if (ps.getTop() != null) {
            throw Errors.unsupported("TOP");
        }
        if (ps.getIntoTables() != null && !ps.getIntoTables().isEmpty()) {
            throw Errors.unsupported("SELECT ... INTO");
        }
        if (ps.getFirst() != null || ps.getSkip() != null) {
            throw Errors.unsupported("FIRST/SKIP");
        }
        if (ps.getDistinct() != null && (ps.getDistinct().getOnSelectItems() != null || ps.getDistinct().isUseUnique())) {
            throw Errors.unsupported("DISTINCT ON / UNIQUE");
        }
        if (ps.getForMode() == ForMode.UPDATE) {
            // The statement binder takes FOR UPDATE off the outermost query it can lock; anywhere else it is refused.
            throw Errors.unsupported("SELECT ... FOR UPDATE inside another query");
        }
        if (ps.getForMode() != null || ps.getForUpdateTable() != null
                || ps.getWait() != null || ps.isNoWait() || ps.isSkipLocked()) {
            throw Errors.unsupported("this FOR clause (only FOR UPDATE is supported)");
        }
        if (ps.getWindowDefinitions() != null || ps.getQualify() != null || ps.getLateralViews() != null
                || ps.getOracleHierarchical() != null || ps.getKsqlWindow() != null || ps.getSampleClause() != null) {
            throw Errors.unsupported("this SELECT clause");
        }
        if (ps.getGroupBy() != null && (ps.getGroupBy().getGroupingSets() != null
                && !ps.getGroupBy().getGroupingSets().isEmpty() || ps.getGroupBy().isMysqlWithRollup())) {
            throw Errors.unsupported("GROUPING SETS / WITH ROLLUP");
        }
    }

    /** Whether the select list or ORDER BY calls an aggregate of this block (not of a subquery). */
    private boolean usesAggregates() throws SQLException {
        ExprBinder probe = new ExprBinder(binder, scope, null);
        List<Expression> candidates = new ArrayList<>();
        for (SelectItem<?> item : ps.getSelectItems()) {
            if (!SelectBinder.isStar(item)) {
                candidates.add(item.getExpression());
            }
        }
        if (ps.getOrderByElements() != null) {
            for (OrderByElement o : ps.getOrderByElements()) {
                candidates.add(o.getExpression());
            }
        }
        for (Expression e : candidates) {
            if (!Aggregates.mentionsAggregate(e)) {
                continue;
            }
            try {
                probe.bind(e);
            } catch (SQLException ex) {
                if (ex.getMessage() != null && ex.getMessage().startsWith("the aggregate ")) {
                    return true;
                }
                // An ORDER BY alias or position fails to bind here; the real binding reports real errors.
            }
        }
        return false;
    }

    private List<Expr> groupBy() throws SQLException {
        List<Expr> out = new ArrayList<>();
        if (ps.getGroupBy() == null || ps.getGroupBy().getGroupByExpressionList() == null) {
            return out;
        }
        ExprBinder plain = new ExprBinder(binder, scope, null);
        for (Object o : ps.getGroupBy().getGroupByExpressionList()) {
            Expression e = (Expression) o;
            if (e instanceof LongValue l) {
                int pos = (int) l.getValue();
                if (pos < 1 || pos > ps.getSelectItems().size() || SelectBinder.isStar(ps.getSelectItems().get(pos - 1))) {
                    throw Errors.syntax("GROUP BY position " + pos + " is not in the select list");
                }
                e = ps.getSelectItems().get(pos - 1).getExpression();
            }
            out.add(plain.bind(e));
        }
        return out;
    }

    private void selectList(ExprBinder exprs, ExprBinder.Grouping grouping, List<Expr> outputs, List<ColumnInfo> columns)
            throws SQLException {
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns || e instanceof AllTableColumns) {
                if (e instanceof AllColumns all && (all.getExceptColumns() != null || all.getReplaceExpressions() != null)) {
                    throw Errors.unsupported("SELECT * EXCEPT/REPLACE");
                }
                String only = e instanceof AllTableColumns t ? Names.identifier(t.getTable().getName()) : null;
                boolean any = false;
                for (Scope.Item it : scope.items) {
                    if (only != null && !it.alias().equals(only)) {
                        continue;
                    }
                    any = true;
                    for (int c = 0; c < it.columns().size() - it.hidden(); c++) {
                        ColumnInfo col = it.columns().get(c);
                        Expr ref = scope.ref(it, c);
                        if (grouping != null) {
                            int g = grouping.groups.indexOf(ref);
                            if (g < 0) {
                                throw Errors.syntax("column " + col.name() + " must appear in GROUP BY or be used in "
                                        + "an aggregate");
                            }
                            ref = new ColumnRef(0, g, col.name(), col.type());
                        }
                        outputs.add(ref);
                        columns.add(new ColumnInfo(col.name(), col.type(), col.length(), col.scale(), col.nullable(),
                                false, col.table()));
                    }
                }
                if (!any) {
                    throw only == null ? Errors.syntax("SELECT * needs a FROM clause") : Errors.noSuchTable(only);
                }
                continue;
            }
            Expr bound = exprs.bind(e);
            outputs.add(bound);
            columns.add(SelectBinder.resultColumn(SelectBinder.label(item, bound), bound, scope));
        }
    }

    private List<Sort.SortKey> order(ExprBinder exprs, List<Expr> outputs, List<ColumnInfo> columns, boolean distinct)
            throws SQLException {
        List<Sort.SortKey> keys = new ArrayList<>();
        if (ps.getOrderByElements() == null) {
            return keys;
        }
        for (OrderByElement o : ps.getOrderByElements()) {
            Expression e = o.getExpression();
            int slot = -1;
            if (e instanceof LongValue l) {
                slot = (int) l.getValue() - 1;
                if (slot < 0 || slot >= columns.size()) {
                    throw Errors.syntax("ORDER BY position " + l.getValue() + " is not in the select list");
                }
            } else if (e instanceof Column c && c.getTable() == null) {
                String name = Names.identifier(c.getColumnName());
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).name().equals(name)) {
                        slot = i;
                        break;
                    }
                }
            }
            if (slot < 0) {
                Expr bound = exprs.bind(e);
                slot = outputs.indexOf(bound);
                if (slot < 0) {
                    if (distinct) {
                        throw Errors.syntax("ORDER BY of a SELECT DISTINCT must use the select list: " + e);
                    }
                    outputs.add(bound);
                    slot = outputs.size() - 1;
                }
            }
            SqlType t = slot < columns.size() ? columns.get(slot).type() : Typing.of(outputs.get(slot));
            keys.add(sortKey(o, new ColumnRef(0, slot, "#" + (slot + 1), t)));
        }
        return keys;
    }

    static Sort.SortKey sortKey(OrderByElement o, Expr e) throws SQLException {
        if (o.isMysqlWithRollup()) {
            throw Errors.unsupported("WITH ROLLUP");
        }
        Boolean nullsFirst = switch (o.getNullOrdering() == null ? "" : o.getNullOrdering().name()) {
            case "NULLS_FIRST" -> Boolean.TRUE;
            case "NULLS_LAST" -> Boolean.FALSE;
            default -> null;
        };
        return new Sort.SortKey(e, !o.isAsc(), nullsFirst);
    }

    /** LIMIT/OFFSET/FETCH of {@code s} as {limit, offset}: constants or parameters, each possibly null. */
    static Expr[] limits(Binder binder, Select s) throws SQLException {
        ExprBinder constants = new ExprBinder(binder, new Scope(null), null);
        Expr limit = null;
        Expr offset = null;
        Limit l = s.getLimit();
        if (l != null) {
            if (l.getByExpressions() != null) {
                throw Errors.unsupported("LIMIT BY");
            }
            Expression count = l.getRowCount();
            if (count != null && !(count instanceof AllValue) && !(count instanceof NullValue)) {
                limit = count(binder, constants, count);
            }
            if (l.getOffset() != null) {
                offset = count(binder, constants, l.getOffset());
            }
        }
        if (s.getOffset() != null) {
            if (offset != null) {
                throw Errors.syntax("OFFSET given twice");
            }
            offset = count(binder, constants, s.getOffset().getOffset());
        }
        Fetch f = s.getFetch();
        if (f != null) {
            if (limit != null) {
                throw Errors.syntax("both LIMIT and FETCH given");
            }
            if (f.getFetchParameters() != null && f.getFetchParameters().stream()
                    .anyMatch(p -> p.equalsIgnoreCase("PERCENT") || p.equalsIgnoreCase("WITH TIES"))) {
                throw Errors.unsupported("FETCH ... PERCENT / WITH TIES");
            }
            // without a count (FETCH FIRST ROW ONLY) one row, as the standard says; JSqlParser 5.3's getRowCount()
            // unboxes a null then, which reported a NullPointerException as 42000
            limit = f.getExpression() != null ? count(binder, constants, f.getExpression())
                    : new lsmdb.sql.expr.Literal(1L);
        }
        if (s.getLimitBy() != null) {
            throw Errors.unsupported("LIMIT BY");
        }
        return new Expr[] {limit, offset};
    }

    /**
     * A LIMIT, OFFSET or FETCH count; a parameter there is a row count, so BIGINT: ParameterMetaData reports it, and a
     * statement run as text shares the plan of its {@code LIMIT ?} form (parse.LiteralParameters#typesFit).
     */
    private static Expr count(Binder binder, ExprBinder constants, Expression e) throws SQLException {
        Expr c = constants.bind(e);
        if (c instanceof Param p) {
            binder.setType(p.index(), SqlType.BIGINT);
        }
        return c;
    }
}
