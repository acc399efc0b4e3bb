package lsmdb.sql.parse;

import java.util.Locale;
import java.util.Map;

/** Names a person recognises for the JSqlParser classes and fields that {@link DenyCheck} refuses. */
final class Constructs {

    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("Top", "TOP"),
            Map.entry("AnalyticExpression", "window functions (OVER)"),
            Map.entry("IntersectOp", "INTERSECT"),
            Map.entry("ExceptOp", "EXCEPT"),
            Map.entry("MinusOp", "MINUS"),
            Map.entry("WithItem", "WITH (common table expressions)"),
            Map.entry("LateralSubSelect", "LATERAL"),
            Map.entry("ParenthesedFromItem", "a parenthesised join"),
            Map.entry("TableFunction", "a table function"),
            Map.entry("IsBooleanExpression", "IS TRUE/FALSE"),
            Map.entry("AnyComparisonExpression", "ANY/ALL/SOME"),
            Map.entry("IntervalExpression", "INTERVAL"),
            Map.entry("CheckConstraint", "CHECK constraints"),
            Map.entry("JdbcNamedParameter", "named parameters (:name)"),
            Map.entry("UserVariable", "variables (@name)"),
            Map.entry("RowConstructor", "row values"),
            Map.entry("IntegerDivision", "DIV"),
            Map.entry("XorExpression", "XOR"),
            Map.entry("RegExpMatchOperator", "regular-expression operators"),
            Map.entry("SimilarToExpression", "SIMILAR TO"),
            Map.entry("Values", "a VALUES statement"));

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("PlainSelect.top", "TOP"),
            Map.entry("PlainSelect.intoTables", "SELECT ... INTO"),
            Map.entry("PlainSelect.intoTempTable", "SELECT ... INTO"),
            Map.entry("PlainSelect.windowDefinitions", "WINDOW"),
            Map.entry("PlainSelect.qualify", "QUALIFY"),
            Map.entry("PlainSelect.first", "FIRST"),
            Map.entry("PlainSelect.skip", "SKIP"),
            Map.entry("PlainSelect.oracleHierarchical", "CONNECT BY"),
            Map.entry("PlainSelect.lateralViews", "LATERAL VIEW"),
            Map.entry("PlainSelect.forUpdateTable", "FOR UPDATE OF"),
            Map.entry("PlainSelect.skipLocked", "SKIP LOCKED"),
            Map.entry("PlainSelect.noWait", "NOWAIT"),
            Map.entry("PlainSelect.wait", "WAIT"),
            Map.entry("PlainSelect.withItemsList", "WITH (common table expressions)"),
            Map.entry("Insert.modifierIgnore", "INSERT IGNORE"),
            Map.entry("Insert.duplicateUpdateSets", "INSERT ... ON DUPLICATE KEY UPDATE"),
            Map.entry("Insert.setUpdateSets", "INSERT ... SET"),
            Map.entry("Insert.withItemsList", "WITH (common table expressions)"),
            Map.entry("Insert.onlyDefaultValues", "INSERT ... DEFAULT VALUES"),
            Map.entry("Insert.modifierPriority", "INSERT LOW_PRIORITY/DELAYED/HIGH_PRIORITY"),
            Map.entry("Update.fromItem", "UPDATE ... FROM"),
            Map.entry("Update.joins", "UPDATE ... JOIN"),
            Map.entry("Update.startJoins", "UPDATE ... JOIN"),
            Map.entry("Update.orderByElements", "UPDATE ... ORDER BY"),
            Map.entry("Update.limit", "UPDATE ... LIMIT"),
            Map.entry("Update.modifierIgnore", "UPDATE IGNORE"),
            Map.entry("Delete.joins", "DELETE ... JOIN"),
            Map.entry("Delete.usingList", "DELETE ... USING"),
            Map.entry("Delete.tables", "multi-table DELETE"),
            Map.entry("Delete.orderByElements", "DELETE ... ORDER BY"),
            Map.entry("Delete.limit", "DELETE ... LIMIT"),
            Map.entry("Delete.modifierIgnore", "DELETE IGNORE"),
            Map.entry("CreateTable.select", "CREATE TABLE ... AS SELECT"),
            Map.entry("CreateTable.likeTable", "CREATE TABLE ... LIKE"),
            Map.entry("CreateTable.orReplace", "CREATE OR REPLACE"),
            Map.entry("CreateTable.createOptionsStrings", "CREATE TEMPORARY/GLOBAL/... TABLE"),
            Map.entry("CreateTable.tableOptionsStrings", "table options after the column list"),
            Map.entry("CreateView.orReplace", "CREATE OR REPLACE VIEW"),
            Map.entry("CreateView.materialized", "MATERIALIZED VIEW"),
            Map.entry("Join.full", "FULL JOIN"),
            Map.entry("Join.natural", "NATURAL JOIN"),
            Map.entry("Join.usingColumns", "JOIN ... USING"),
            Map.entry("Join.semi", "SEMI JOIN"),
            Map.entry("Join.straight", "STRAIGHT_JOIN"),
            Map.entry("Join.apply", "APPLY"),
            Map.entry("Distinct.onSelectItems", "DISTINCT ON"),
            Map.entry("Distinct.useUnique", "SELECT UNIQUE"),
            Map.entry("Limit.offset", "LIMIT m, n (use LIMIT n OFFSET m)"),
            Map.entry("Limit.byExpressions", "LIMIT BY"),
            Map.entry("GroupByElement.groupingSets", "GROUPING SETS"),
            Map.entry("GroupByElement.mysqlWithRollup", "WITH ROLLUP"),
            Map.entry("Function.orderByElements", "ORDER BY inside a function call"),
            Map.entry("Function.keep", "KEEP"),
            Map.entry("Function.isEscaped", "{fn ...} escapes"),
            Map.entry("JdbcParameter.useFixedIndex", "numbered parameters (?1)"),
            Map.entry("StringValue.prefix", "prefixed string literals (N'', E'', ...)"),
            Map.entry("Table.sampleClause", "TABLESAMPLE"),
            Map.entry("Table.pivot", "PIVOT"),
            Map.entry("Table.unpivot", "UNPIVOT"),
            Map.entry("Table.mysqlHints", "index hints"),
            Map.entry("Table.sqlServerHints", "table hints"),
            Map.entry("Alias.aliasColumns", "column lists in aliases"),
            Map.entry("ForeignKeyIndex.referentialActions", "ON DELETE/ON UPDATE actions"),
            Map.entry("ReturningClause.dataItems", "RETURNING ... INTO"),
            Map.entry("ExplainStatement.options", "EXPLAIN options"),
            Map.entry("Truncate.cascade", "TRUNCATE ... CASCADE"),
            Map.entry("Drop.parameters", "DROP ... CASCADE/RESTRICT"),
            Map.entry("IsNullExpression.useIsNull", "ISNULL"),
            Map.entry("IsNullExpression.useNotNull", "NOTNULL"),
            Map.entry("InsertConflictTarget.constraintName", "ON CONFLICT ON CONSTRAINT"),
            Map.entry("InsertConflictTarget.whereExpression", "ON CONFLICT (...) WHERE"),
            Map.entry("InsertConflictTarget.indexExpression", "ON CONFLICT (expression)"));

    private Constructs() {
    }

    static String ofClass(Class<?> type) {
        String name = CLASSES.get(type.getSimpleName());
        return name != null ? name : humanise(type.getSimpleName());
    }

    static String ofField(Class<?> type, String field) {
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            String name = FIELDS.get(k.getSimpleName() + "." + field);
            if (name != null) {
                return name;
            }
        }
        if (field.equals("withItemsList")) {
            return "WITH (common table expressions)";
        }
        if (type.getSimpleName().equals("AlterExpression")) {
            return "ALTER TABLE with '" + humanise(field) + "' (SPEC §3.1 lists the forms)";
        }
        return "'" + humanise(field) + "' in " + humanise(type.getSimpleName());
    }

    /** "ForUpdateClause" → "for update clause". */
    private static String humanise(String camel) {
        return camel.replace("Expression", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).trim();
    }
}
