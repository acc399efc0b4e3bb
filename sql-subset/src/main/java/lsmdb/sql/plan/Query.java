package lsmdb.sql.plan;

import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.exec.Aggregate;
import lsmdb.sql.exec.Sort;
import lsmdb.sql.exec.SystemTables;
import lsmdb.sql.expr.Expr;

/**
 * A bound query, the binder's output and the planner's input: names resolved, types known, nothing yet decided
 * about access paths or join methods.
 */
public sealed interface Query {

    /** The result's columns. */
    List<ColumnInfo> columns();

    enum JoinKind { INNER, LEFT, RIGHT, CROSS }

    /**
     * A FROM item: a table ({@code table} set) or a derived table ({@code derived} set), whose columns occupy slots
     * {@code [offset, offset + width)} of the block's rows.
     */
    record Source(Table table, List<Index> indexes, Query derived, SystemTables.Kind system, String alias, int offset,
                  int width) {
    }

    /** How FROM item i + 1 joins what comes before it. */
    record Join(JoinKind kind, List<Expr> on) {
    }

    /**
     * One SELECT. {@code where} is a list of conjuncts over block rows ({@code width} slots). When {@code
     * aggregated}, {@code having}, {@code outputs} and the order keys are over the aggregate's rows (group values,
     * then the calls' results); otherwise over block rows. {@code outputs} holds the visible columns first, then any
     * expressions only ORDER BY needs; order keys refer to output slots. {@code subqueries} maps each [NOT] EXISTS
     * and [NOT] IN subquery expression of the statement (by identity) to its bound query.
     */
    record Select(List<Source> sources, List<Join> joins, List<Expr> where, int width, boolean aggregated,
                  List<Expr> groupBy, List<Aggregate.Call> calls, Expr having, List<Expr> outputs, int visible,
                  boolean distinct, List<Sort.SortKey> order, Expr limit, Expr offset,
                  List<ColumnInfo> columns, java.util.Map<Expr, Query> subqueries) implements Query {

        /** This query with other conjuncts and outputs, no ordering, DISTINCT or limits: a derived form for planning. */
        Select reshaped(List<Expr> newWhere, List<Expr> newOutputs) {
            return new Select(sources, joins, newWhere, width, aggregated, groupBy, calls, having, newOutputs,
                    newOutputs.size(), false, List.of(), null, null, columns, subqueries);
        }

        Select withJoins(List<Join> newJoins, List<Expr> newWhere) {
            return new Select(sources, newJoins, newWhere, width, aggregated, groupBy, calls, having, outputs, visible,
                    distinct, order, limit, offset, columns, subqueries);
        }

        Select withWhere(List<Expr> newWhere) {
            return new Select(sources, joins, newWhere, width, aggregated, groupBy, calls, having, outputs, visible,
                    distinct, order, limit, offset, columns, subqueries);
        }
    }

    /** Queries combined left to right: {@code all.get(i)} says whether operator i (between parts i and i+1) is ALL. */
    record Union(List<Query> parts, List<Boolean> all, List<Sort.SortKey> order, Expr limit, Expr offset,
                 List<ColumnInfo> columns) implements Query {
    }
}
