package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;
import lsmdb.sql.expr.Env;

/**
 * A {@link SemiJoin} whose subquery outgrew maxQueryMemory: the subquery's rows and the probe rows hash-partitioned
 * by their correlation keys to temporary files and joined partition by partition ({@link PartitionedJoin}). A probe
 * row of a NULL key passes no IN or EXISTS and every NOT IN and NOT EXISTS, as in memory. An uncorrelated NOT IN
 * has one key for all rows, so its subquery is one partition, read in chunks: a probe row passes when no chunk
 * fails it.
 */
final class SpilledSemiJoin implements PartitionedJoin.Chunk {

    private static final String WHAT = "a subquery's hash (IN, EXISTS)";

    private final SemiJoin join;
    private final Env local;
    private final Object[] probeValues;
    private SemiJoin.Built built;

    private SpilledSemiJoin(SemiJoin join, Env local) {
        this.join = join;
        this.local = local;
        this.probeValues = new Object[join.probeKeys().size()];
    }

    /** The passing probe rows: {@code first}, then the rest of {@code rest}. */
    static Cursor open(SemiJoin join, Env env, Env local, Object[] first, Cursor rest) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        int keys = join.keyCount();
        HashPartitions build = new HashPartitions(WHAT);
        HashPartitions probe = new HashPartitions(WHAT);
        boolean handedOver = false;
        try {
            try (Cursor in = join.build().open(env.nested())) {
                for (Object[] r; (r = in.next()) != null; ) {
                    ctx.tick();
                    Object k = SemiJoin.key(r, keys);
                    if (k != null) {
                        build.add(k, r);
                    }
                }
            }
            SpilledSemiJoin chunk = new SpilledSemiJoin(join, local);
            for (Object[] r = first; r != null; r = rest.next()) {
                ctx.tick();
                join.probeValues(local, r, chunk.probeValues);
                Object k = SemiJoin.key(chunk.probeValues, keys);
                if (k != null) {
                    probe.add(k, r);
                } else if (join.mode() != SemiJoin.Mode.SEMI) {
                    probe.addTo(0, r); // no subquery row has its keys: it passes every chunk
                }
            }
            Cursor out = new PartitionedJoin(ctx, build, probe, chunk);
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
    public void load(List<Object[]> rows) {
        built = join.new Built();
        for (Object[] r : rows) {
            built.add(r);
        }
    }

    private boolean passes(Object[] row) throws SQLException {
        join.probeValues(local, row, probeValues);
        return built.passes(probeValues);
    }

    @Override
    public Cursor whole(Cursor probe) {
        return new Cursor() {
            @Override
            public Object[] next() throws SQLException {
                for (Object[] r; (r = probe.next()) != null; ) {
                    ((ExecContext) local.context).tick();
                    if (passes(r)) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                probe.close();
            }
        };
    }

    /**
     * IN and EXISTS: a probe row is emitted by the first chunk it passes, and marked so no later one emits it
     * again. NOT IN and NOT EXISTS: a probe row a chunk fails is marked, and the unmarked ones emitted at the end.
     */
    @Override
    public Cursor partial(PartitionedJoin.Probe probe, BitSet marks) {
        boolean semi = join.mode() == SemiJoin.Mode.SEMI;
        return new Cursor() {
            @Override
            public Object[] next() throws SQLException {
                for (Object[] r; (r = probe.next()) != null; ) {
                    ((ExecContext) local.context).tick();
                    int at = probe.position();
                    if (marks.get(at)) {
                        continue;
                    }
                    boolean passes = passes(r);
                    if (semi && passes) {
                        marks.set(at);
                        return r;
                    }
                    if (!semi && !passes) {
                        marks.set(at);
                    }
                }
                return null;
            }

            @Override
            public void close() {
                probe.close();
            }
        };
    }

    @Override
    public PartitionedJoin.LastRead lastRead() {
        return join.mode() == SemiJoin.Mode.SEMI ? PartitionedJoin.LastRead.NONE : PartitionedJoin.LastRead.UNMARKED;
    }
}
