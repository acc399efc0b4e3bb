package lsmdb.sql.exec;

import static lsmdb.sql.exec.BudgetPaths.ROOMY;
import static lsmdb.sql.exec.BudgetPaths.ROWS;
import static lsmdb.sql.exec.BudgetPaths.TIGHT;
import static lsmdb.sql.exec.BudgetPaths.column;
import static lsmdb.sql.exec.BudgetPaths.env;
import static lsmdb.sql.exec.BudgetPaths.readAll;
import static lsmdb.sql.exec.BudgetPaths.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Literal;
import org.junit.jupiter.api.Test;

/**
 * Subqueries' sets give back to maxQueryMemory what they count ({@link BudgetPaths}). A semi-join's hash and an
 * uncorrelated IN's values are built once per statement and stay counted while it runs, the same bytes however often
 * they are probed; a correlated IN's values are given back after each outer row; a set whose subquery fails, or that
 * outgrows the budget, leaves nothing counted.
 */
class SubqueryBudgetTest {

    private static final List<Expr> KEY = List.of(column(0));

    @Test
    void semiJoinsPastTheBudgetGiveBackTheirPartitionsOnEveryPath() throws Exception {
        for (SemiJoin.Mode mode : SemiJoin.Mode.values()) {
            BudgetPaths.givesBackOnEveryPath(failAt -> semiJoin(mode, ROWS, -1, failAt, TIGHT),
                    mode == SemiJoin.Mode.SEMI ? ROWS / 2 : ROWS - ROWS / 2, TIGHT);
        }
    }

    @Test
    void aSemiJoinsHashStaysCountedOnceForTheStatement() throws Exception {
        for (SemiJoin.Mode mode : SemiJoin.Mode.values()) {
            ExecContext ctx = new ExecContext(null, null, null, 0, ROOMY, null);
            SemiJoin join = semiJoin(mode, ROWS, -1, -1, ROOMY);
            readAll(join, ctx);
            long hash = ctx.memoryHeld();
            assertTrue(hash > 0, mode + ": the hash is kept for the statement's next executions");
            for (int run = 0; run < 30; run++) { // as per outer row of a subquery it sits in
                try (Cursor c = join.open(env(ctx))) {
                    assertNotNull(c.next());
                }
                readAll(join, ctx);
                assertEquals(hash, ctx.memoryHeld(), mode + ", run " + run);
            }
        }
    }

    @Test
    void aSemiJoinWhoseSubqueryFailsLeavesNothingCounted() throws Exception {
        for (SemiJoin.Mode mode : SemiJoin.Mode.values()) {
            for (long budget : new long[] {TIGHT, ROOMY}) {
                for (int failAt : new int[] {3, ROWS / 2 - 5}) {
                    ExecContext ctx = new ExecContext(null, null, null, 0, budget, null);
                    SQLException e = assertThrows(SQLException.class,
                            () -> readAll(semiJoin(mode, ROWS, failAt, -1, budget), ctx));
                    assertEquals("22012", e.getSQLState());
                    assertEquals(0, ctx.memoryHeld(), mode + " failed at " + failAt + " within " + budget);
                }
            }
        }
    }

    @Test
    void inValuesAreGivenBackPerOuterRowOrKeptOnce() throws Exception {
        for (boolean correlated : new boolean[] {true, false}) {
            ExecContext ctx = new ExecContext(null, null, null, 0, ROOMY, null);
            Subqueries.In in = new Subqueries.In(new Literal(7), rows(ROWS, -1), correlated, false);
            assertEquals(Boolean.TRUE, in.eval(env(ctx)));
            long kept = ctx.memoryHeld();
            assertEquals(correlated, kept == 0, "correlated: " + correlated);
            for (int row = 0; row < 30; row++) {
                assertEquals(Boolean.TRUE, in.eval(env(ctx)));
                assertEquals(kept, ctx.memoryHeld(), "outer row " + row + ", correlated: " + correlated);
            }
            for (int failAt : new int[] {3, ROWS - 5}) {
                ExecContext failing = new ExecContext(null, null, null, 0, ROOMY, null);
                SQLException e = assertThrows(SQLException.class,
                        () -> new Subqueries.In(new Literal(7), rows(ROWS, failAt), correlated, false)
                                .eval(env(failing)));
                assertEquals("22012", e.getSQLState());
                assertEquals(0, failing.memoryHeld(), "failed at " + failAt + ", correlated: " + correlated);
            }
            ExecContext tight = new ExecContext(null, null, null, 0, TIGHT, null);
            SQLException e = assertThrows(SQLException.class, () -> in.eval(env(tight)));
            assertEquals("53200", e.getSQLState());
            assertEquals(0, tight.memoryHeld(), "past the budget, correlated: " + correlated);
        }
    }

    /**
     * The rows of {@link BudgetPaths#rows} whose key is (SEMI) or is not (ANTI) among the first half's; for NOT IN
     * the operand is each row's string, equal to the subquery's value of its key. {@code budget} only names it.
     */
    private static SemiJoin semiJoin(SemiJoin.Mode mode, int probeRows, int buildFails, int probeFails,
                                     long budget) {
        List<Expr> keys = mode == SemiJoin.Mode.NULL_AWARE_ANTI ? List.of(column(0), column(1)) : KEY;
        return new SemiJoin(rows(probeRows, probeFails), rows(ROWS / 2, buildFails), keys, mode,
                mode + " within " + budget);
    }
}
