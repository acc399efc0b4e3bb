package lsmdb.sql.exec;

import static lsmdb.sql.exec.BudgetPaths.ROWS;
import static lsmdb.sql.exec.BudgetPaths.column;
import static lsmdb.sql.exec.BudgetPaths.rows;

import java.util.List;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Literal;
import org.junit.jupiter.api.Test;

/**
 * Groupings give back to maxQueryMemory what they count, exactly once ({@link BudgetPaths}): a hash grouping's groups
 * and DISTINCT values, held or sorted past the budget ({@link GroupSpill}), and a streamed grouping's one group.
 */
class GroupingBudgetTest {

    private static final List<Aggregate.Call> COUNTS = List.of(
            new Aggregate.Call(Aggregate.Kind.COUNT_STAR, null, false),
            new Aggregate.Call(Aggregate.Kind.COUNT, column(1), true));

    @Test
    void hashGroupingsGiveBackTheirGroups() throws Exception {
        BudgetPaths.givesBackOnEveryPath(failAt -> new Aggregate(rows(ROWS, failAt), List.of(column(0)), COUNTS), ROWS);
    }

    @Test
    void oneGroupsDistinctValuesAreGivenBack() throws Exception {
        BudgetPaths.givesBackOnEveryPath(failAt -> new Aggregate(rows(ROWS, failAt), List.of(), COUNTS), 1);
    }

    @Test
    void streamedGroupingsGiveBackTheirGroup() throws Exception {
        BudgetPaths.givesBackOnEveryPath(failAt -> new StreamAggregate(rows(ROWS, failAt), List.of(column(0)),
                COUNTS), ROWS);
        List<Expr> oneGroup = List.of(new Literal(1)); // its DISTINCT values outgrow the tight budget
        BudgetPaths.givesBackOnEveryPath(failAt -> new StreamAggregate(rows(ROWS, failAt), oneGroup, COUNTS), 1);
    }
}
