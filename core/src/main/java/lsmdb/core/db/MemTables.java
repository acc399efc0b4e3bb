package lsmdb.core.db;

import lsmdb.core.memtable.MemTable;
import lsmdb.core.util.GuardedBy;

/**
 * The memtables and the last sequence applied to them: where every read starts. Readers take no lock: they read
 * the volatile {@link #state()} and {@link #lastSequence()}; writers and the flush change them under the mutex.
 */
public final class MemTables {

    /**
     * The memtables readers see, swapped as one value so a reader never misses one mid-flush. {@code floor}: every
     * write with a sequence at or above it is in {@code mem} or {@code imm}, so a question about writes after a
     * recent snapshot needs no table (0 when unknown).
     */
    public record State(MemTable mem, MemTable imm, long floor, MemTable immForReads) {
        /**
         * {@code immForReads} is {@code imm}, or with none an empty memtable that nothing writes to. Reads read it
         * unconditionally: a branch on whether a flush is under way is one that a warm-up rarely takes (its memtable
         * never fills), so C2 compiled the taken side as a trap, and the first flush under a compiled scan or insert
         * (an idle flush as reads begin) sent it back to the interpreter until C2 compiled it again.
         */
        static State of(MemTable mem, MemTable imm, long floor) {
            return new State(mem, imm, floor, imm != null ? imm : NO_IMMUTABLE);
        }

        public long memoryUsage() {
            return mem.approximateMemoryUsage() + (imm == null ? 0 : imm.approximateMemoryUsage());
        }
    }

    /** The stand-in for no immutable memtable in {@link State#immForReads}: empty, never written, read by all. */
    private static final MemTable NO_IMMUTABLE = new MemTable(4 << 10);

    private final long writeBufferSize;
    /** Written under the mutex, read anywhere. */
    private volatile State state;
    /** Written under the mutex (by the group commit's leader), read anywhere. */
    private volatile long lastSequence;
    /** The first sequence of the live memtable's entries: range tombstones older than it may retire. */
    @GuardedBy("mutex")
    private long memFirstSequence;

    public MemTables(long writeBufferSize) {
        this.writeBufferSize = writeBufferSize;
    }

    public State state() {
        return state;
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** REQUIRES: mutex held (or the database not yet shared). */
    @GuardedBy("mutex")
    public void setLastSequence(long sequence) {
        lastSequence = sequence;
    }

    @GuardedBy("mutex")
    public long memFirstSequence() {
        return memFirstSequence;
    }

    /**
     * Starts from the memtable recovery rebuilt. {@code writable}: writes follow, so everything after the last
     * sequence will be in a memtable (a read-only database knows no such floor).
     */
    @GuardedBy("mutex")
    public void start(MemTable recovered, long recoveredLastSequence, boolean writable) {
        lastSequence = recoveredLastSequence;
        memFirstSequence = writable ? recoveredLastSequence + 1 : 0;
        state = State.of(recovered, null, memFirstSequence);
    }

    /** Freezes the live memtable for flushing and starts an empty one. REQUIRES: no immutable memtable. */
    @GuardedBy("mutex")
    public void freeze() {
        state = State.of(new MemTable(writeBufferSize), state.mem(), memFirstSequence);
        memFirstSequence = lastSequence + 1;
    }

    /** Drops the immutable memtable once its table is part of the current version. */
    @GuardedBy("mutex")
    public void flushed() {
        state = State.of(state.mem(), null, memFirstSequence);
    }
}
