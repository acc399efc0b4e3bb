package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lsmdb.sql.expr.Env;

/**
 * A {@link Joins.Hash} whose other side outgrew maxQueryMemory: both sides hash-partitioned to temporary files and
 * joined partition by partition ({@link PartitionedJoin}). The rows are those of the join in memory, in another
 * order: a probe row of NULL key matches nothing (kept alone by a LEFT JOIN), the condition is checked on every
 * candidate pair, and a LEFT JOIN's probe row is kept with NULLs when no chunk of its partition matched it.
 */
final class GraceHashJoin implements PartitionedJoin.Chunk {

    private static final String WHAT = "a hash join";

    private final Joins.Hash join;
    private final Env local;
    private Map<List<Object>, List<Object[]>> table;

    private GraceHashJoin(Joins.Hash join, Env local) {
        this.join = join;
        this.local = local;
    }

    /**
     * The join's rows once its other side did not fit: {@code held} (its rows so far, {@code heldBytes} of the
     * budget) and {@code first} then the rest of {@code rest} are partitioned, then every probe row.
     */
    static Cursor open(Joins.Hash join, Env env, Env local, Map<List<Object>, List<Object[]>> held, long heldBytes,
                       Object[] first, Cursor rest) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        HashPartitions build = new HashPartitions(WHAT);
        HashPartitions probe = new HashPartitions(WHAT);
        boolean handedOver = false;
        ctx.release(heldBytes); // the table is given up, written out or dropped should writing fail
        try {
            for (Map.Entry<List<Object>, List<Object[]>> e : held.entrySet()) {
                for (Object[] r : e.getValue()) {
                    build.add(e.getKey(), r);
                }
            }
            held.clear();
            for (Object[] r = first; r != null; r = rest.next()) {
                ctx.tick();
                List<Object> k = Joins.Hash.keys(join.otherKeys(), local, r);
                if (k != null) {
                    build.add(k, r);
                }
            }
            try (Cursor c = join.probe().open(env)) {
                for (Object[] r; (r = c.next()) != null; ) {
                    ctx.tick();
                    List<Object> k = Joins.Hash.keys(join.probeKeys(), local, r);
                    if (k != null) {
                        probe.add(k, r);
                    } else if (join.outer()) {
                        probe.addTo(0, r); // matches nothing in any partition: kept with NULLs there
                    }
                }
            }
            Cursor out = new PartitionedJoin(ctx, build, probe, new GraceHashJoin(join, local));
            handedOver = true;
            return out;
        } finally {
            if (!handedOver) {
                build.close();
                probe.close();
            }
        }
    }

    @Override
    public void load(List<Object[]> rows) throws SQLException {
        table = new HashMap<>();
        for (Object[] r : rows) {
            table.computeIfAbsent(Joins.Hash.keys(join.otherKeys(), local, r), x -> new ArrayList<>(1)).add(r);
        }
    }

    @Override
    public Cursor whole(Cursor probe) {
        return lookups(probe, join.outer());
    }

    @Override
    public Cursor partial(PartitionedJoin.Probe probe, BitSet marks) {
        Cursor matches = lookups(probe, false);
        if (!join.outer()) {
            return matches;
        }
        return new Cursor() {
            @Override
            public Object[] next() throws SQLException {
                Object[] r = matches.next();
                if (r != null) {
                    marks.set(probe.position()); // a join row is made of the probe row last read
                }
                return r;
            }

            @Override
            public void close() {
                matches.close();
            }
        };
    }

    @Override
    public PartitionedJoin.LastRead lastRead() {
        return join.outer() ? PartitionedJoin.LastRead.UNMARKED : PartitionedJoin.LastRead.NONE;
    }

    /** The probe rows joined with the loaded chunk's rows of equal keys. */
    private Cursor lookups(Cursor probe, boolean outer) {
        Map<List<Object>, List<Object[]>> chunk = table;
        return new JoinCursor(probe, join.condition(), outer, local, join.from(), join.to()) {
            @Override
            List<Object[]> candidates(Object[] probeRow) throws SQLException {
                List<Object> k = Joins.Hash.keys(join.probeKeys(), local, probeRow);
                List<Object[]> found = k == null ? null : chunk.get(k);
                return found == null ? List.of() : found;
            }
        };
    }
}
