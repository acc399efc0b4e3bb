package lsmdb.sql.exec;

import static lsmdb.sql.exec.BudgetPaths.TIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The changed rows an INSERT, UPDATE or DELETE keeps for RETURNING or generated keys are counted as kept, and stay
 * counted for the statement (they are its result); the row that does not fit is neither kept nor counted, so the
 * count never passes the budget nor counts a row twice.
 */
class ChangedRowsBudgetTest {

    @Test
    void theRowPastTheBudgetIsNeitherKeptNorCounted() throws Exception {
        ExecContext ctx = new ExecContext(null, null, null, 0, TIGHT, null);
        List<Object[]> changed = new ArrayList<>();
        long kept = 0;
        SQLException e = null;
        for (int i = 0; e == null; i++) {
            Object[] row = {i, "changed row " + i};
            try {
                ctx.keepChanged(changed, row);
                kept += ExecContext.footprint(row);
            } catch (SQLException failed) {
                e = failed;
            }
            assertEquals(kept, ctx.memoryHeld(), "after row " + i);
        }
        assertEquals("53200", e.getSQLState());
        assertTrue(changed.size() > 10 && kept <= TIGHT, changed.size() + " rows, " + kept + " bytes");
        assertEquals(changed.size(), (int) changed.stream().map(r -> r[0]).distinct().count());
        assertThrows(SQLException.class, () -> ctx.keepChanged(changed, new Object[] {-1, "x".repeat(100)}));
        assertEquals(kept, ctx.memoryHeld(), "a second failure counts nothing either");
    }
}
