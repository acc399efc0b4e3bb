package lsmdb.sql.session;

import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.plan.Plan;

/**
 * What one INSERT, UPDATE or DELETE produced besides its count, kept only when RETURNING or generated keys ask for
 * it: the rows written (full table rows) and the RETURNING rows. Reset when a conflicting statement is re-run.
 */
final class ChangeOutput {

    /** The plan that ran (re-bound if DDL changed the table since it was prepared). */
    Plan.Change plan;
    List<Object[]> changed;
    List<Object[]> returned = List.of();

    void reset(Plan.Change p) {
        plan = p;
        changed = new ArrayList<>();
        returned = List.of();
    }
}
