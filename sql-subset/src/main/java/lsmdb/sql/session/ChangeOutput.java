package lsmdb.sql.session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.KeyRequest;
import lsmdb.sql.Result;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.exec.Cursors;
import lsmdb.sql.plan.Plan;

/**
 * What one INSERT, UPDATE or DELETE produced besides its count, kept only when RETURNING or generated keys ask for
 * it: the rows written (full table rows) and the RETURNING rows, and the statement's result made of them. Reset
 * when a conflicting statement is re-run.
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

    /** The statement's result: its RETURNING rows or count {@code n}, and generated keys when {@code keys} asks. */
    Result result(long n, KeyRequest keys, Catalog catalog) throws SQLException {
        if (keys != null && plan.returning() != null) {
            // As PostgreSQL's driver does: a statement that says RETURNING returns those rows as its keys.
            return Result.count(n).withKeys(KeyColumns.returned(plan.returning().columns(), returned));
        }
        Result r = plan.returning() == null ? Result.count(n) : Result.rows(new ResultRows(
                plan.returning().columns(), Cursors.of(returned), null));
        return keys == null ? r : r.withKeys(KeyColumns.of(plan.table(), catalog.rules(plan.table()), keys, changed));
    }
}
