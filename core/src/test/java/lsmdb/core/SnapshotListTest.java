package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
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
}
