package lsmdb.sql.parse;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.table.NamedConstraint;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * SPEC §3 as JSqlParser classes: each class lsmdb understands, with the fields it understands. A class not
 * here is refused; a field not listed must hold its default. Values inside understood fields that need more
 * than presence (function names, column options, join kinds ...) are checked by {@link DenyCheck}.
 */
final class AllowList {

    private static final Map<Class<?>, Set<String>> UNDERSTOOD = new HashMap<>();

    static {
        // statements
        allow(PlainSelect.class, "distinct", "selectItems", "fromItem", "joins", "where", "groupBy", "having",
                "orderByElements", "limit", "offset", "fetch", "forMode");
        allow(SetOperationList.class, "selects", "operations", "orderByElements", "limit", "offset", "fetch");
        allow(ParenthesedSelect.class, "select", "alias");
        allow(Values.class, "expressions");
        allow(Insert.class, "table", "columns", "select", "returningClause", "conflictTarget", "conflictAction",
                "onlyDefaultValues");
        allow(Update.class, "table", "updateSets", "where", "returningClause");
        allow(Delete.class, "table", "where", "returningClause", "hasFrom");
        allow(CreateTable.class, "table", "ifNotExists", "columnDefinitions", "indexes");
        allow(Alter.class, "table", "alterExpressions");
        allow(AlterExpression.class, "operation", "columnName", "columnOldName", "newTableName", "colDataTypeList",
                "columnDropDefaultList", "columnSetDefaultList", "hasColumn", "usingIfExists", "useIfNotExists",
                "index", "constraintName", "fkColumns", "fkSourceTable", "fkSourceColumns", "ukColumns", "ukName");
        allow(AlterExpression.ColumnDataType.class, "columnName", "colDataType", "columnSpecs");
        allow(AlterExpression.ColumnSetDefault.class, "columnName", "defaultValue");
        allow(AlterExpression.ColumnDropDefault.class, "columnName");
        allow(CreateIndex.class, "table", "index", "usingIfNotExists");
        allow(Drop.class, "type", "name", "ifExists");
        allow(Truncate.class, "table", "tables", "tableToken");
        allow(CreateView.class, "view", "select", "columnNames", "ifNotExists");
        allow(ExplainStatement.class, "select", "keyword");
        // parts of statements
        allow(ColumnDefinition.class, "columnName", "colDataType", "columnSpecs");
        allow(ColDataType.class, "dataType", "argumentsStringList");
        allow(Index.class, "name", "type", "columns");
        allow(NamedConstraint.class, "name", "type", "columns");
        allow(ForeignKeyIndex.class, "name", "type", "columns", "table", "referencedColumnNames");
        allow(Index.ColumnParams.class, "columnName", "params");
        allow(SelectItem.class, "expression", "alias");
        allow(AllColumns.class);
        allow(AllTableColumns.class, "table");
        allow(Table.class, "partItems", "partDelimiters", "alias");
        allow(Alias.class, "name", "useAs");
        allow(Join.class, "onExpressions", "outer", "right", "left", "inner", "simple", "cross", "fromItem");
        allow(Distinct.class);
        allow(GroupByElement.class, "groupByExpressions");
        allow(OrderByElement.class, "expression", "asc", "ascDescPresent", "nullOrdering");
        allow(Limit.class, "rowCount");
        allow(Offset.class, "offsetExpression", "offsetParam");
        allow(Fetch.class, "fetchParameters", "expression", "isFetchParamFirst");
        allow(UnionOp.class, "all", "distinct");
        allow(UpdateSet.class, "columns", "values");
        allow(InsertConflictTarget.class, "indexColumnNames");
        allow(InsertConflictAction.class, "conflictActionType", "whereExpression", "updateSets");
        allow(ReturningClause.class, "keyword");
        // expressions
        allow(Column.class, "table", "columnName", "tableDelimiter");
        allow(LongValue.class, "stringValue");
        allow(DoubleValue.class, "value", "stringValue");
        allow(StringValue.class, "value");
        allow(HexValue.class, "value");
        allow(NullValue.class);
        allow(BooleanValue.class, "value");
        allow(JdbcParameter.class, "index");
        allow(TimeKeyExpression.class, "stringValue");
        allow(SignedExpression.class, "sign", "expression");
        allow(NotExpression.class, "expression", "exclamationMark");
        for (Class<?> c : new Class<?>[] {Addition.class, Subtraction.class, Multiplication.class, Division.class,
                Modulo.class, Concat.class}) {
            allow(c, "leftExpression", "rightExpression");
        }
        allow(AndExpression.class, "leftExpression", "rightExpression", "useOperator");
        allow(OrExpression.class, "leftExpression", "rightExpression");
        for (Class<?> c : new Class<?>[] {EqualsTo.class, NotEqualsTo.class, GreaterThan.class,
                GreaterThanEquals.class, MinorThan.class, MinorThanEquals.class}) {
            allow(c, "leftExpression", "rightExpression", "operator");
        }
        allow(Between.class, "leftExpression", "not", "betweenExpressionStart", "betweenExpressionEnd");
        allow(InExpression.class, "leftExpression", "not", "rightExpression");
        allow(IsNullExpression.class, "leftExpression", "not");
        allow(LikeExpression.class, "leftExpression", "rightExpression", "not", "escapeExpression", "likeKeyWord");
        allow(ExistsExpression.class, "rightExpression", "not");
        allow(CaseExpression.class, "switchExpression", "whenClauses", "elseExpression");
        allow(WhenClause.class, "whenExpression", "thenExpression");
        allow(CastExpression.class, "keyword", "leftExpression", "colDataType", "isImplicitCast");
        allow(ExtractExpression.class, "name", "expression");
        allow(Function.class, "nameparts", "parameters", "namedParameters", "allColumns", "distinct");
        allow(TrimFunction.class, "trimSpecification", "expression", "fromExpression", "isUsingFromKeyword");
        allow(ExpressionList.class);
        allow(ParenthesedExpressionList.class);
        allow(NamedExpressionList.class, "names");
    }

    private AllowList() {
    }

    private static void allow(Class<?> type, String... fields) {
        Set<String> names = new HashSet<>(Set.of(fields));
        Set<String> present = new HashSet<>();
        for (Field f : NodeShape.fields(type)) {
            present.add(f.getName());
        }
        for (String n : names) {
            if (!present.contains(n)) {
                throw new IllegalStateException(type.getName() + " has no field " + n + " (JSqlParser changed?)");
            }
        }
        UNDERSTOOD.put(type, Collections.unmodifiableSet(names));
    }

    /** The fields lsmdb understands in {@code type}, or null when the class itself is not understood. */
    static Set<String> understood(Class<?> type) {
        return UNDERSTOOD.get(type);
    }

    /** Every understood class (for the tests that keep this list honest). */
    static Set<Class<?>> classes() {
        return Collections.unmodifiableSet(UNDERSTOOD.keySet());
    }
}
