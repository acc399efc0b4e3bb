package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A join past maxQueryMemory (a grace hash join): both sides were spread over {@link HashPartitions} by their key,
 * and partition i of the probe side is joined with partition i of the build side only. A build partition is read
 * into memory as a chunk; when it does not fit (many rows of one key), it is read as several chunks, the probe
 * partition read against each, and the probe rows that must be seen by all chunks before they are emitted (a LEFT
 * JOIN's unmatched rows, an anti-join's survivors) marked by their position and emitted by one last read.
 *
 * <p>Every output row is a probe row or made from one, so a partition without probe rows is skipped. Closing the
 * cursor (also on a failure or a cancel of {@link #next}) deletes both sides' files.
 */
final class PartitionedJoin implements Cursor {

    /** What one join does with a chunk of a build partition's rows. */
    interface Chunk {
        /** Makes the chunk's rows (not null keys, of one partition) the ones probed. */
        void load(List<Object[]> rows) throws SQLException;

        /** The output of {@code probe}'s rows when the chunk is the partition's whole build side. */
        Cursor whole(Cursor probe) throws SQLException;

        /**
         * The output of {@code probe}'s rows against one of several chunks, emitted now; probe rows whose output
         * waits for the last read are marked (by {@link Probe#position}) in {@code marks}.
         */
        Cursor partial(Probe probe, BitSet marks) throws SQLException;

        /** Which probe rows a last read emits after a partition's last chunk. */
        LastRead lastRead();
    }

    /** The probe rows emitted after a partition's last chunk, by their mark. */
    enum LastRead { NONE, MARKED, UNMARKED }

    /** A probe partition's rows, counting their positions. */
    static final class Probe implements Cursor {
        private final Cursor rows;
        private int read;

        Probe(Cursor rows) {
            this.rows = rows;
        }

        /** The position of the row last read. */
        int position() {
            return read - 1;
        }

        @Override
        public Object[] next() throws SQLException {
            Object[] r = rows.next();
            if (r != null) {
                read++;
            }
            return r;
        }

        @Override
        public void close() {
            rows.close();
        }
    }

    /** At least this much of a chunk, even when other operators hold the budget: not a pass per row. */
    private static final long MIN_CHUNK = 4 << 10;

    private final ExecContext ctx;
    private final HashPartitions build;
    private final HashPartitions probe;
    private final Chunk chunk;
    private int partition = -1;
    /** The current partition's build rows while more chunks remain, else null. */
    private Cursor buildRows;
    /** The current partition's marks while it is read in chunks (and its last read is due), else null. */
    private BitSet marks;
    private long chunkBytes;
    private Cursor current;

    /** Takes over both partitions: closing this cursor closes them. */
    PartitionedJoin(ExecContext ctx, HashPartitions build, HashPartitions probe, Chunk chunk) {
        this.ctx = ctx;
        this.build = build;
        this.probe = probe;
        this.chunk = chunk;
    }

    @Override
    public Object[] next() throws SQLException {
        try {
            for (;;) {
                if (current != null) {
                    Object[] r = current.next();
                    if (r != null) {
                        return r;
                    }
                    current.close();
                    current = null;
                }
                current = nextPass();
                if (current == null) {
                    close();
                    return null;
                }
            }
        } catch (SQLException | RuntimeException e) {
            close(); // a failed or cancelled statement leaves no file behind
            throw e;
        }
    }

    /** The next read of a probe partition; null after the last partition. */
    private Cursor nextPass() throws SQLException {
        if (marks != null) { // a partition read in chunks
            if (buildRows != null && loadChunk()) {
                return chunk.partial(new Probe(probe.read(partition)), marks);
            }
            BitSet done = marks;
            marks = null;
            LastRead last = chunk.lastRead();
            if (last != LastRead.NONE) {
                return marked(probe.read(partition), done, last == LastRead.MARKED);
            }
        }
        while (++partition < HashPartitions.COUNT) {
            if (probe.rows(partition) == 0) {
                continue;
            }
            buildRows = build.read(partition);
            loadChunk();
            if (buildRows == null) {
                return chunk.whole(probe.read(partition));
            }
            marks = new BitSet();
            return chunk.partial(new Probe(probe.read(partition)), marks);
        }
        return null;
    }

    /**
     * Loads the partition's next chunk of build rows, as many as the budget allows; false when none were left.
     * {@link #buildRows} is closed and nulled once read to its end.
     */
    private boolean loadChunk() throws SQLException {
        ctx.release(chunkBytes);
        chunkBytes = 0;
        long minChunk = Math.max(ctx.memoryLimit() / 8, MIN_CHUNK);
        List<Object[]> rows = new ArrayList<>();
        boolean fits = true;
        while (fits || chunkBytes < minChunk) {
            Object[] r = buildRows.next();
            if (r == null) {
                buildRows.close();
                buildRows = null;
                break;
            }
            long bytes = ExecContext.footprint(r);
            chunkBytes += bytes;
            fits = ctx.tryReserve(bytes);
            rows.add(r);
            ctx.tick();
        }
        chunk.load(rows);
        return !rows.isEmpty();
    }

    /** The rows of {@code rows} whose mark is {@code emit}. */
    private Cursor marked(Cursor rows, BitSet marks, boolean emit) {
        return new Cursor() {
            private int at;

            @Override
            public Object[] next() throws SQLException {
                for (Object[] r; (r = rows.next()) != null; ) {
                    ctx.tick();
                    if (marks.get(at++) == emit) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        if (buildRows != null) {
            buildRows.close();
            buildRows = null;
        }
        ctx.release(chunkBytes);
        chunkBytes = 0;
        marks = null;
        partition = HashPartitions.COUNT;
        build.close();
        probe.close();
    }
}
