package lsmdb.core;

import java.util.concurrent.atomic.AtomicLong;

/** Counters the engine reports through {@link LsmDb#property(String)}. */
final class DbStats {
    final AtomicLong flushCount = new AtomicLong();
    final AtomicLong flushBytes = new AtomicLong();
    final AtomicLong compactionCount = new AtomicLong();
    final AtomicLong trivialMoves = new AtomicLong();
    final AtomicLong compactionBytesRead = new AtomicLong();
    final AtomicLong compactionBytesWritten = new AtomicLong();
    final AtomicLong slowdowns = new AtomicLong();
    final AtomicLong stops = new AtomicLong();
    final AtomicLong stallMicros = new AtomicLong();
    final AtomicLong walBytes = new AtomicLong();
    final AtomicLong writeGroups = new AtomicLong();
    final AtomicLong writeBatches = new AtomicLong();
    final AtomicLong walSyncs = new AtomicLong();
    /** Damaged log tails recovery dropped (their bytes kept under lost/), and how many bytes they held. */
    final AtomicLong droppedLogTails = new AtomicLong();
    final AtomicLong droppedLogBytes = new AtomicLong();

    /** Bytes written to tables per byte flushed from memtables (RocksDB's W-Amp). */
    double writeAmplification() {
        long flushed = flushBytes.get();
        return flushed == 0 ? 0 : (flushed + compactionBytesWritten.get()) / (double) flushed;
    }
}
