package lsmdb.sql.exec;

import static lsmdb.sql.exec.BudgetPaths.ROWS;
import static lsmdb.sql.exec.BudgetPaths.column;
import static lsmdb.sql.exec.BudgetPaths.rows;

import java.util.List;
import lsmdb.sql.expr.Expr;
import org.junit.jupiter.api.Test;

/**
 * Joins give back to maxQueryMemory what they count, exactly once ({@link BudgetPaths}): a hash join's table held in
 * memory or partitioned past the budget ({@link GraceHashJoin}), and a nested loop's other side ({@link SpilledRows}).
 */
class JoinBudgetTest {

    @Test
    void hashJoinsGiveBackTheirTable() throws Exception {
        for (boolean outer : new boolean[] {false, true}) {
            for (boolean otherFails : new boolean[] {true, false}) {
                BudgetPaths.givesBackOnEveryPath(failAt -> hash(otherFails ? -1 : failAt,
                        otherFails ? failAt : -1, outer), ROWS);
            }
        }
    }

    @Test
    void nestedLoopsGiveBackTheirOtherSide() throws Exception {
        for (boolean otherFails : new boolean[] {true, false}) {
            int n = 150; // every pair is read: few rows
            BudgetPaths.givesBackOnEveryPath(failAt -> new Joins.NestedLoop(
                    rows(n, otherFails || failAt < 0 ? -1 : Math.min(failAt, n - 5)),
                    rows(n, otherFails && failAt >= 0 ? Math.min(failAt, n - 5) : -1),
                    null, false, 2, 4, "INNER"), (long) n * n);
        }
    }

    /** probe JOIN other ON probe.k = other.k, the probe side failing at {@code probeFails}, the other at otherFails. */
    private static Joins.Hash hash(int probeFails, int otherFails, boolean outer) {
        List<Expr> probeKeys = List.of(column(0));
        List<Expr> otherKeys = List.of(column(2));
        return new Joins.Hash(rows(ROWS, probeFails), rows(ROWS, otherFails), probeKeys, otherKeys, null, outer, 2, 4,
                outer ? "LEFT" : "INNER");
    }
}
