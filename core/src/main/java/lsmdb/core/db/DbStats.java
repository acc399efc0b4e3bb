package lsmdb.core.db;

import java.util.concurrent.atomic.AtomicLong;

/** Counters the engine reports through {@link lsmdb.core.LsmDb#property(String)}. */
public final class DbStats {
    public final AtomicLong flushCount = new AtomicLong();
    public final AtomicLong flushBytes = new AtomicLong();
    public final AtomicLong compactionCount = new AtomicLong();
    public final AtomicLong trivialMoves = new AtomicLong();
    /** Compactions (and moves) started because writes went idle (see CompactionPicker.pickIdle). */
    public final AtomicLong idleCompactions = new AtomicLong();
    /** Memtables flushed because writes left them (see FlushScheduler.IDLE_FLUSH_SHARE). */
    public final AtomicLong idleFlushes = new AtomicLong();
    public final AtomicLong compactionBytesRead = new AtomicLong();
    public final AtomicLong compactionBytesWritten = new AtomicLong();
    public final AtomicLong slowdowns = new AtomicLong();
    public final AtomicLong stops = new AtomicLong();
    public final AtomicLong stallMicros = new AtomicLong();
    public final AtomicLong walBytes = new AtomicLong();
    public final AtomicLong writeGroups = new AtomicLong();
    public final AtomicLong writeBatches = new AtomicLong();
    public final AtomicLong walSyncs = new AtomicLong();
    /** Damaged log tails recovery dropped (their bytes kept under lost/), and how many bytes they held. */
    public final AtomicLong droppedLogTails = new AtomicLong();
    public final AtomicLong droppedLogBytes = new AtomicLong();

    /** Bytes written to tables per byte flushed from memtables (RocksDB's W-Amp). */
    public double writeAmplification() {
        long flushed = flushBytes.get();
        return flushed == 0 ? 0 : (flushed + compactionBytesWritten.get()) / (double) flushed;
    }
}
