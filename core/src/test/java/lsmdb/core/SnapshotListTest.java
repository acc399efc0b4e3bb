package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SnapshotListTest {

    /** Random acquires, releases (in any order, some twice) and sequence steps against a multiset model. */
    @Test
    void sequencesMatchAModelOfLiveSnapshots() {
        Random rnd = new Random(20261130);
        AtomicLong last = new AtomicLong();
        SnapshotList list = new SnapshotList(last::get);
        TreeMap<Long, Integer> model = new TreeMap<>();
        List<Snapshot> open = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 2) {
                last.addAndGet(rnd.nextInt(3));
            } else if (op < 6 || open.isEmpty()) {
                Snapshot s = list.acquire();
                assertEquals(last.get(), s.sequence());
                open.add(s);
                model.merge(s.sequence(), 1, Integer::sum);
            } else {
                Snapshot s = open.remove(rnd.nextInt(open.size()));
                s.close();
                if (rnd.nextInt(4) == 0) {
                    list.release(s); // a second release of the same snapshot changes nothing
                }
                model.merge(s.sequence(), -1, (a, b) -> a + b == 0 ? null : a + b);
            }
            assertEquals(open.size(), list.size());
            if (step % 97 == 0) {
                assertArrayEquals(model.keySet().stream().mapToLong(Long::longValue).toArray(), list.sequences());
            }
        }
        open.forEach(Snapshot::close);
        assertEquals(0, list.size());
        assertArrayEquals(new long[0], list.sequences());
    }

    /** Threads taking and closing snapshots while another copies the list: it is always ascending, never torn. */
    @Test
    void concurrentReadersLeaveNothingBehind() throws Exception {
        AtomicLong last = new AtomicLong();
        SnapshotList list = new SnapshotList(last::incrementAndGet);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    Snapshot a = list.acquire();
                    Snapshot b = list.acquire();
                    a.close();
                    b.close();
                }
            }));
        }
        threads.forEach(Thread::start);
        while (threads.stream().anyMatch(Thread::isAlive)) {
            long[] seqs = list.sequences();
            for (int i = 1; i < seqs.length; i++) {
                if (seqs[i - 1] >= seqs[i]) {
                    throw new AssertionError("not ascending: " + seqs[i - 1] + " then " + seqs[i]);
                }
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, list.size());
        assertEquals(400_000, last.get());
    }

    /** A snapshot closed on another thread than its own frees its thread's slot, which that thread takes again. */
    @Test
    void aSnapshotClosedElsewhereFreesItsSlot() throws Exception {
        AtomicLong last = new AtomicLong(7);
        SnapshotList list = new SnapshotList(last::get);
        Snapshot s = list.acquire();
        Thread closer = new Thread(s::close);
        closer.start();
        closer.join();
        assertEquals(0, list.size());
        assertArrayEquals(new long[0], list.sequences());
        last.set(9);
        Snapshot again = list.acquire();
        list.release(s); // the first snapshot's second release must not free the slot it held before
        assertEquals(1, list.size());
        assertArrayEquals(new long[] {9}, list.sequences());
        again.close();
        assertEquals(0, list.size());
    }

    private record Held(long sequence, long acquiring, long acquired, long releasing) {
    }

    private record Copy(long lastBefore, long start, long end, long[] sequences) {
    }

    /**
     * Readers take snapshots (one or two at a time, so both the per-thread slots and the list are used) while a
     * compactor advances the last sequence and copies the list, the way a compaction copies it after choosing inputs
     * written at or below the last sequence. A ticket clock orders the events. Of the snapshots still open when a
     * copy ends, it must hold each one acquired before it started, and each one acquired while it ran unless that
     * one's sequence is at least the last sequence read before the copy (then the copy's inputs hold nothing the
     * snapshot cannot see). Readers hold their snapshots for random short spells, so that holds span copies.
     */
    @Test
    void noCopyMissesASnapshotWhoseVersionsItCouldDrop() throws Exception {
        AtomicLong last = new AtomicLong();
        AtomicLong clock = new AtomicLong();
        SnapshotList list = new SnapshotList(last::get);
        int readers = 3;
        int rounds = 30_000;
        List<List<Held>> held = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < readers; t++) {
            List<Held> mine = new ArrayList<>();
            held.add(mine);
            int seed = t;
            threads.add(new Thread(() -> {
                Random rnd = new Random(seed);
                for (int i = 0; i < rounds; i++) {
                    long a = clock.incrementAndGet();
                    Snapshot s = list.acquire();
                    long b = clock.incrementAndGet();
                    Snapshot second = null;
                    long a2 = 0;
                    long b2 = 0;
                    if (rnd.nextInt(8) == 0) {
                        a2 = clock.incrementAndGet();
                        second = list.acquire(); // this thread's slot is taken: the list
                        b2 = clock.incrementAndGet();
                    }
                    for (int spell = rnd.nextInt(128) == 0 ? 5_000 : rnd.nextInt(100); spell > 0; spell--) {
                        Thread.onSpinWait();
                    }
                    long c = clock.incrementAndGet();
                    if (second != null) {
                        second.close();
                        mine.add(new Held(second.sequence(), a2, b2, c));
                    }
                    s.close();
                    mine.add(new Held(s.sequence(), a, b, c));
                }
            }));
        }
        List<Copy> copies = new ArrayList<>();
        threads.forEach(Thread::start);
        while (threads.stream().anyMatch(Thread::isAlive)) {
            last.incrementAndGet();
            long before = last.get();
            long start = clock.incrementAndGet();
            long[] seqs = list.sequences();
            copies.add(new Copy(before, start, clock.incrementAndGet(), seqs));
        }
        for (Thread t : threads) {
            t.join();
        }
        Held[] all = held.stream().flatMap(List::stream).sorted(Comparator.comparingLong(Held::acquiring))
                .toArray(Held[]::new);
        long longest = Arrays.stream(all).mapToLong(h -> h.releasing() - h.acquiring()).max().orElse(0);
        long[] starts = Arrays.stream(all).mapToLong(Held::acquiring).toArray();
        int checked = 0;
        for (Copy c : copies) {
            int from = Arrays.binarySearch(starts, c.start() - longest);
            for (int i = from < 0 ? -from - 1 : from; i < all.length && all[i].acquiring() < c.end(); i++) {
                Held h = all[i];
                if (h.releasing() < c.end()) {
                    continue; // closed before the copy ended: it may have been gone when the copy looked
                }
                boolean seen = Arrays.binarySearch(c.sequences(), h.sequence()) >= 0;
                if (h.acquired() < c.start()) {
                    assertTrue(seen, () -> h + " was open throughout " + c.start() + ".." + c.end());
                } else {
                    assertTrue(seen || h.sequence() >= c.lastBefore(),
                            () -> h + " acquired during the copy at " + c.start() + " is missing and below "
                                    + c.lastBefore());
                }
                checked++;
            }
        }
        assertTrue(checked > 0, "no snapshot overlapped a copy");
        assertEquals(0, list.size());
    }

    /**
     * A compaction that chose inputs up to a newer sequence and copies the list while a snapshot's sequence is being
     * read must come out with that sequence: the copy waits for the reader's claimed slot. (Were the sequence read
     * before the slot was claimed, the copy would find the slot free and finish without it.) The copy is started
     * from inside the read, on another thread, and given 200 ms before the read returns either way.
     */
    @Test
    void aCopyDuringASequenceReadWaitsForIt() throws Exception {
        AtomicLong last = new AtomicLong(10);
        AtomicReference<SnapshotList> list = new AtomicReference<>();
        AtomicReference<FutureTask<long[]>> copy = new AtomicReference<>();
        list.set(new SnapshotList(() -> {
            long read = last.get();
            if (copy.get() == null) {
                last.set(read + 5); // writes up to 15 commit, and a compaction picks them as its inputs
                FutureTask<long[]> c = new FutureTask<>(() -> list.get().sequences());
                copy.set(c);
                new Thread(c).start();
                try {
                    c.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // the copy is waiting for this reader: what the protocol asks
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            return read;
        }));
        Snapshot s = list.get().acquire();
        long[] copied = copy.get().get();
        assertEquals(10, s.sequence());
        assertArrayEquals(new long[] {10}, copied, "the copy lost a snapshot below the sequences it may drop");
        s.close();
        assertEquals(0, list.get().size());
    }
}
