package lsmdb.core;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import lsmdb.core.db.ConflictCheck;
import lsmdb.core.db.DbStats;
import lsmdb.core.db.DbStatus;
import lsmdb.core.db.FlushScheduler;
import lsmdb.core.db.MemTables;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalKey;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.util.GuardedBy;
import lsmdb.core.version.RangeTombstone;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;
import lsmdb.core.wal.LogManager;
import lsmdb.core.wal.LogWriter;

/**
 * The write path: a queue of writers whose head leads a group, committing every batch in it with one log append
 * and at most one fsync, then applying them to the memtable (LevelDB's writer queue, with RocksDB's gathering of
 * durable writers). Queued writers wait parked, not on the mutex, so waking a finished group is cheap.
 *
 * <p>The log append and memtable insert run without the mutex: only the leader touches the log, and the memtable
 * takes concurrent inserts while readers read it.
 */
final class CommitPipeline {

    /** {@link #write}'s conflict sequence of a write that is not conflict-checked (marks are never below -1). */
    static final long NO_CHECK = Long.MIN_VALUE;

    /** One queued write; a null batch is a barrier ({@link #atHead}). */
    private static final class Writer {
        final WriteBatch batch;
        final boolean sync;
        /** Commit only if none of the batch's keys changed after this sequence; {@link #NO_CHECK} if unchecked. */
        final long checkSequence;
        /** Parked while queued; woken (not through the mutex) when its batch is done or it reaches the head. */
        final Thread thread = Thread.currentThread();
        volatile boolean done;
        /** Set once the writer is at the head of the queue and must lead a group. */
        volatile boolean turn;
        /** Written by the leader before {@link #done}, read by the writer after it. */
        IOException error;
        /** Leader: the first member of its committed group still to unpark; member: the next one. */
        Writer nextToWake;

        Writer(WriteBatch batch, boolean sync, long checkSequence) {
            this.batch = batch;
            this.sync = sync;
            this.checkSequence = checkSequence;
        }

        boolean checked() {
            return checkSequence != NO_CHECK;
        }
    }

    /** A group grows up to this many bytes, so one slow fsync does not hold many writers' latency hostage. */
    private static final int MAX_GROUP_BYTES = 1 << 20;
    /** The longest a durable group's leader waits for writers expected to join: a fraction of one fsync. */
    private static final long GATHER_NANOS = 75_000;
    private static final byte[] EMPTY = new byte[0];

    private final ReentrantLock mutex;
    /** Signalled when a writer leaves the queue; barriers and close wait on it. */
    private final Condition writersCond;
    /** Signalled when a writer joins the queue while a durable group's leader is gathering. */
    private final Condition arrivalCond;
    private final MemTables memTables;
    private final LogManager logs;
    private final VersionSet versions;
    private final FlushScheduler flushes;
    private final ConflictCheck conflicts;
    private final DbStatus status;
    private final DbStats stats;

    @GuardedBy("mutex")
    private final ArrayDeque<Writer> writers = new ArrayDeque<>();
    /** The leader's lists, reused: one group is led at a time (its leader heads the queue until it is done). */
    private final List<Writer> groupScratch = new ArrayList<>();
    private final List<Writer> candidateScratch = new ArrayList<>();
    /** The leader's memtable writer, reused as the lists above are. */
    private final MemTableApplier applier = new MemTableApplier();
    /** While a durable group's leader gathers: the queue length it waits for (0 otherwise). */
    @GuardedBy("mutex")
    private int gatherTarget;
    /** Sizes of the last durable groups: how many writers usually share an fsync. */
    @GuardedBy("mutex")
    private final int[] recentSyncGroups = new int[8];
    @GuardedBy("mutex")
    private int recentSyncGroupIndex;

    CommitPipeline(ReentrantLock mutex, MemTables memTables, LogManager logs, VersionSet versions,
                   FlushScheduler flushes, ConflictCheck conflicts, DbStatus status, DbStats stats) {
        this.mutex = mutex;
        this.writersCond = mutex.newCondition();
        this.arrivalCond = mutex.newCondition();
        this.memTables = memTables;
        this.logs = logs;
        this.versions = versions;
        this.flushes = flushes;
        this.conflicts = conflicts;
        this.status = status;
        this.stats = stats;
    }

    /**
     * Commits {@code batch}; unless {@code checkSequence} is {@link #NO_CHECK}, only if none of its keys changed
     * after that sequence (a snapshot's, or an insert's mark: a long, so that no object is made per write).
     */
    void write(WriteBatch batch, boolean sync, long checkSequence) throws IOException {
        Writer w = new Writer(batch, sync, checkSequence);
        boolean leads = false;
        mutex.lock();
        try {
            writers.addLast(w);
            if (gatherTarget > 0 && writers.size() >= gatherTarget) {
                arrivalCond.signal();
            }
            leads = writers.peekFirst() == w;
            if (leads) {
                lead(w);
            }
        } finally {
            mutex.unlock();
            if (leads) { // only a leader's own thread walks its wake list
                wakeFollowers(w);
            }
        }
        // Queued behind a leader: wait without the mutex, so that waking a finished group is cheap.
        boolean interrupted = false;
        while (!w.done) {
            if (w.turn) {
                boolean led = false;
                mutex.lock();
                try {
                    led = !w.done;
                    if (led) {
                        lead(w);
                    }
                } finally {
                    mutex.unlock();
                    if (led) {
                        wakeFollowers(w);
                    }
                }
                break;
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true; // writes are not interruptible; the flag is restored below
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (w.error != null) {
            throw w.error;
        }
    }

    /**
     * Unparks the writers whose batches {@code leader}'s group committed, after the leader released the mutex: on
     * two cores a woken writer often preempts the leader, and while the leader held the mutex every writer that
     * came back with its next batch blocked on it and had to be woken once more.
     */
    private static void wakeFollowers(Writer leader) {
        Writer w = leader.nextToWake;
        leader.nextToWake = null;
        while (w != null) {
            Writer next = w.nextToWake;
            w.nextToWake = null;
            LockSupport.unpark(w.thread);
            w = next;
        }
    }

    /** Something run while no group is in flight. */
    interface AtHead<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code action} as a barrier at the head of the writer queue: every earlier group has finished and no
     * later one starts until it returns (a flush's memtable switch, a checkpoint's cut).
     */
    @GuardedBy("mutex")
    <T> T atHead(AtHead<T> action) throws IOException {
        Writer token = new Writer(null, false, NO_CHECK);
        writers.addLast(token);
        try {
            while (writers.peekFirst() != token) {
                writersCond.awaitUninterruptibly();
            }
            return action.run();
        } finally {
            writers.remove(token);
            wakeHead();
            writersCond.signalAll();
        }
    }

    /** Whether no writer is queued: then no group is in flight, and none starts while the mutex is held. */
    @GuardedBy("mutex")
    boolean noWriterQueued() {
        return writers.isEmpty();
    }

    /** Waits until every queued writer has finished (close lets them finish before refusing new ones). */
    @GuardedBy("mutex")
    void awaitEmpty() {
        while (!writers.isEmpty()) {
            writersCond.awaitUninterruptibly();
        }
    }

    /** Wakes every waiter of the queue (close, so that barriers notice). */
    @GuardedBy("mutex")
    void signalAll() {
        writersCond.signalAll();
    }

    /** Wakes the writer now at the head of the queue to lead the next group. */
    @GuardedBy("mutex")
    private void wakeHead() {
        Writer head = writers.peekFirst();
        if (head != null && head.batch != null && !head.turn) {
            head.turn = true;
            LockSupport.unpark(head.thread);
        }
    }

    /** Commits a group of queued writers led by {@code leader}. REQUIRES: leader at the queue head. */
    @GuardedBy("mutex")
    private void lead(Writer leader) {
        List<Writer> group = groupScratch;
        group.clear();
        try {
            flushes.makeRoomForWrite();
            if (leader.sync) {
                gatherDurableWriters();
            }
            boolean sync = leader.sync;
            List<Writer> candidates = candidates(leader);
            // Conflict-checked writers join the group too (so durable transactions share fsyncs); each is checked
            // against the committed state and against the keys of the members committing before it.
            int lastChecked = lastConflictChecked(candidates);
            ConflictCheck.GroupKeys written = lastChecked > 0 ? conflicts.newGroup() : null;
            for (int i = 0; i < candidates.size(); i++) {
                Writer w = candidates.get(i);
                if (w.checked()) {
                    WriteConflictException conflict = conflicts.check(w.batch, w.checkSequence, written);
                    if (conflict != null) {
                        w.error = conflict;
                        if (w != leader) {
                            writers.remove(w);
                            w.done = true;
                            LockSupport.unpark(w.thread);
                        }
                        continue;
                    }
                }
                group.add(w);
                if (i < lastChecked) { // only a later conflict-checked member needs this one's keys
                    written.add(w.batch);
                }
            }
            if (group.isEmpty()) {
                return;
            }
            if (sync) {
                recentSyncGroups[recentSyncGroupIndex++ & (recentSyncGroups.length - 1)] = group.size();
                logs.makeDurable();
            }
            commit(group, sync);
        } catch (IOException | RuntimeException e) {
            IOException io = e instanceof IOException x ? x : new IOException("write failed: " + e, e);
            status.recordFailure("write to " + DbFiles.logName(logs.currentNumber()), io);
            for (int i = 0, n = group.size(); i < n; i++) {
                group.get(i).error = io;
            }
            leader.error = io;
        } finally {
            // The leader always leaves the queue, whatever happened; so does everyone it committed for.
            release(leader, group);
        }
    }

    /**
     * Takes {@code leader} and the {@code group} it committed off the queue and wakes the next head.
     *
     * <p>A method of its own because javac copies a finally block to every exit of its try (the end, the early
     * return, the catch, the rethrow): inline there, C2 compiled the queue removal into lead() more than once.
     * Index loops here and below: the leader runs once per commit, and an iterator per loop was a third of a lone
     * writer's garbage in CommitPipeline (C2 did not scalar-replace them).
     */
    @GuardedBy("mutex")
    private void release(Writer leader, List<Writer> group) {
        group.add(leader);
        for (int i = 0, n = group.size(); i < n; i++) {
            Writer w = group.get(i);
            writers.remove(w);
            w.done = true;
            if (w != leader) {
                w.nextToWake = leader.nextToWake; // unparked once the mutex is released (wakeFollowers)
                leader.nextToWake = w;
            }
        }
        group.clear();
        wakeHead();
        writersCond.signalAll(); // barriers and close wait for the queue here
    }

    /** The leader and the writers behind it that may share its group. */
    @GuardedBy("mutex")
    private List<Writer> candidates(Writer leader) {
        List<Writer> candidates = candidateScratch;
        candidates.clear();
        if (writers.size() == 1) { // a lone writer (the leader heads the queue): no queue iterator to make
            candidates.add(leader);
            return candidates;
        }
        int bytes = 0;
        for (Writer w : writers) {
            if (w != leader && (w.batch == null || (w.sync && !leader.sync)
                    || bytes + w.batch.approximateSize() > MAX_GROUP_BYTES)) {
                break;
            }
            candidates.add(w);
            bytes += w.batch.approximateSize();
        }
        return candidates;
    }

    /** The index of the last candidate whose commit is conflict-checked, or -1. */
    private static int lastConflictChecked(List<Writer> candidates) {
        // A forward loop: C2 compiled the backward one with a loop-limit predicate that failed once groups of
        // conflict-checked writers came (YCSB A's updates), deoptimizing and recompiling all of lead() (~70 KB of
        // code) in the middle of the workload.
        int last = -1;
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            if (candidates.get(i).checked()) {
                last = i;
            }
        }
        return last;
    }

    /**
     * Appends the group to the log and applies it to the memtable; the mutex is released meanwhile.
     *
     * <p>One compile unit with the log append and memtable insert it runs unlocked, kept out of {@link #lead}
     * (too large for C2 to inline there): the first time its re-lock meets the flush thread holding the mutex,
     * C2's never-contended guess fails and the unit holding the re-lock is thrown away and recompiled. Apart,
     * that is this method alone; inlined, it was all of lead's ~50 KB, which ran interpreted and in C1 for a
     * second or more of the single C2 thread's time.
     */
    @GuardedBy("mutex")
    private void commit(List<Writer> group, boolean sync) throws IOException {
        long first = memTables.lastSequence() + 1;
        MemTable mem = memTables.state().mem();
        LogWriter wal = logs.current();
        int size = group.size();
        mutex.unlock();
        long next = first;
        List<RangeTombstone> tombstones;
        try {
            long bytes = 0;
            for (int i = 0; i < size; i++) {
                WriteBatch batch = group.get(i).batch;
                int n = batch.encodedSize();
                wal.addRecord(batch.sealed(next), 0, n); // its writer waits parked: the encoding holds still
                next += batch.count();
                bytes += n;
            }
            if (sync) {
                wal.sync();
                addByLeader(stats.walSyncs, 1);
            } else {
                wal.flush();
            }
            addByLeader(stats.walBytes, bytes);
            // Only once the log holds the whole group: what the memtable shows, recovery replays.
            applier.start(mem, first);
            try {
                for (int i = 0; i < size; i++) {
                    group.get(i).batch.forEach(applier);
                }
            } finally {
                tombstones = applier.finish();
            }
            if (applier.seq != next) { // the log and the memtable must agree on every sequence
                throw new IllegalStateException("group logged sequences " + first + ".." + (next - 1)
                        + " but applied " + first + ".." + (applier.seq - 1));
            }
        } finally {
            mutex.lock();
        }
        if (tombstones != null) {
            if (!sync) {
                // The MANIFEST record below is fsynced: the log records before it must be durable first, or a
                // power loss keeps the range delete and loses earlier writes (no prefix of the history).
                logs.makeDurable();
                wal.sync();
            }
            VersionEdit edit = new VersionEdit();
            tombstones.forEach(edit::addTombstone);
            versions.setLastSequence(next - 1);
            versions.logAndApply(edit);
        }
        memTables.setLastSequence(next - 1);
        addByLeader(stats.writeGroups, 1);
        addByLeader(stats.writeBatches, size);
    }

    /**
     * Waits a little for durable writers that usually share an fsync but have not queued yet (they are still on
     * their way back from the previous commit), so that groups stay whole instead of alternating one writer and
     * the rest. Waits only while the recent groups were larger than the queue, and never longer than
     * {@link #GATHER_NANOS}.
     */
    @GuardedBy("mutex")
    private void gatherDurableWriters() {
        int expected = 0;
        for (int n : recentSyncGroups) {
            expected = Math.max(expected, n);
        }
        if (writers.size() >= expected) {
            return;
        }
        long deadline = System.nanoTime() + GATHER_NANOS;
        gatherTarget = expected;
        try {
            while (writers.size() < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    arrivalCond.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            gatherTarget = 0;
        }
    }

    /**
     * Adds to a counter only group leaders change: one leader runs at a time (the mutex orders them), so a plain
     * increment published with a release store is enough, without the locked instruction of an atomic add.
     */
    private static void addByLeader(AtomicLong counter, long n) {
        counter.lazySet(counter.get() + n);
    }

    /** Applies a group's batches to the memtable in sequence order; one instance, reused by each group's leader. */
    private static final class MemTableApplier implements WriteBatch.Handler {
        private MemTable mem;
        /** The next record's sequence. */
        long seq;
        /** The group's range deletes, made only when a batch holds one. */
        private List<RangeTombstone> tombstones;

        @Override
        public void put(byte[] key, byte[] value) {
            mem.add(seq++, InternalKey.KIND_PUT, key, value);
        }

        @Override
        public void delete(byte[] key) {
            mem.add(seq++, InternalKey.KIND_DELETE, key, EMPTY);
        }

        @Override
        public void deleteRange(byte[] startKey, byte[] endKey) {
            if (tombstones == null) {
                tombstones = new ArrayList<>(1);
            }
            tombstones.add(new RangeTombstone(seq++, startKey, endKey));
        }

        /** Starts a group at sequence {@code first}. */
        void start(MemTable into, long first) {
            mem = into;
            seq = first;
            tombstones = null;
        }

        /** Ends the group; returns its range deletes (null if none). {@link #seq} stays the next sequence. */
        List<RangeTombstone> finish() {
            List<RangeTombstone> group = tombstones;
            mem = null;
            tombstones = null;
            return group;
        }
    }
}
