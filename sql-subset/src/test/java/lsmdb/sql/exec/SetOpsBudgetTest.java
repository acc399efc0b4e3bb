package lsmdb.sql.exec;

import static lsmdb.sql.exec.BudgetPaths.ROWS;
import static lsmdb.sql.exec.BudgetPaths.rows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DISTINCT and UNION give back to maxQueryMemory the rows they count, exactly once ({@link BudgetPaths}): held in
 * their hash set, or handed to a sort past the budget ({@link DistinctSpill}).
 */
class SetOpsBudgetTest {

    @Test
    void distinctGivesBackItsSet() throws Exception {
        BudgetPaths.givesBackOnEveryPath(failAt -> new SetOps.Distinct(rows(ROWS, failAt)), ROWS);
    }

    @Test
    void unionGivesBackItsSet() throws Exception {
        for (boolean firstFails : new boolean[] {true, false}) {
            BudgetPaths.givesBackOnEveryPath(failAt -> new SetOps.Distinct(new SetOps.UnionAll(List.of(
                    rows(ROWS, firstFails ? failAt : -1),
                    rows(ROWS / 2, firstFails || failAt < 0 ? -1 : failAt / 2)))), ROWS); // equal to rows of the first
        }
    }
}
