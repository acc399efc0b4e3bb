package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import lsmdb.sql.expr.Env;

/**
 * A {@link Joins.Hash} whose other side fit in memory: each probe row joined with the hashed rows of its keys. The
 * table's bytes go back to maxQueryMemory once, at the last probe row or when the join is closed before (a LIMIT
 * above it): a join in a subquery runs again for every outer row, and must not keep each run's table counted.
 */
final class HashJoinRows extends JoinCursor {

    private final Joins.Hash join;
    private final Env local;
    private final ExecContext ctx;
    private Map<List<Object>, List<Object[]>> table;
    private long held;

    HashJoinRows(Joins.Hash join, Cursor probe, Env local, Map<List<Object>, List<Object[]>> table, ExecContext ctx,
                 long held) {
        super(probe, join.condition(), join.outer(), local, join.from(), join.to());
        this.join = join;
        this.local = local;
        this.table = table;
        this.ctx = ctx;
        this.held = held;
    }

    @Override
    List<Object[]> candidates(Object[] probeRow) throws SQLException {
        List<Object> k = Joins.Hash.keys(join.probeKeys(), local, probeRow);
        List<Object[]> found = k == null ? null : table.get(k);
        return found == null ? List.of() : found;
    }

    @Override
    Object[] nextProbe() throws SQLException {
        Object[] row = super.nextProbe();
        if (row == null) {
            giveBack();
        }
        return row;
    }

    @Override
    public void close() {
        super.close();
        giveBack();
    }

    private void giveBack() {
        ctx.release(held);
        held = 0;
        table = Map.of();
    }
}
