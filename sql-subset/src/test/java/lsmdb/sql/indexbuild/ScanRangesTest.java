package lsmdb.sql.indexbuild;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link ScanRanges}: threads that take halves of each other's ranges scan every key exactly once. */
class ScanRangesTest {

    private static byte[] key(long k) {
        return ByteBuffer.allocate(9).put((byte) 1).putLong(k).array();
    }

    /** A split answered just before its scanner ends stays with the thread that asked for it. */
    @Test
    void aSplitAnsweredRightBeforeTheScannerEndsIsHandedOver() throws Exception {
        for (int round = 0; round < 200; round++) {
            ScanRanges ranges = new ScanRanges(0);
            ScanRanges.Range r = ranges.start(key(0), key(1000), key(999));
            AtomicReference<ScanRanges.Range> got = new AtomicReference<>();
            Thread thief = new Thread(() -> got.set(ranges.steal()));
            thief.start();
            while (!r.splitWanted()) {
                Thread.onSpinWait();
            }
            byte[] end = r.split(key(100), 1);
            r.finish(); // at once: the thief may not have woken yet
            thief.join();
            assertNotNull(end);
            assertNotNull(got.get(), "round " + round + ": the half handed over was lost");
            assertArrayEquals(end, got.get().from);
            assertArrayEquals(key(1000), got.get().to());
            assertArrayEquals(end, r.to());
        }
    }

    /** A range scanned less far than the minimum is not split: the thread asking gets nothing. */
    @Test
    void aRangeScannedLessThanTheMinimumIsNotSplit() throws Exception {
        ScanRanges ranges = new ScanRanges(1000);
        ScanRanges.Range r = ranges.start(key(0), key(10_000), key(9_999));
        AtomicReference<ScanRanges.Range> got = new AtomicReference<>(r);
        Thread thief = new Thread(() -> got.set(ranges.steal()));
        thief.start();
        while (!r.splitWanted()) {
            Thread.onSpinWait();
        }
        assertNull(r.split(key(100), 999));
        thief.join();
        assertNull(got.get());
        assertArrayEquals(key(10_000), r.to());
    }

    @Test
    void nothingIsHandedOverByAnEndedRangeOrAtItsLastKey() {
        ScanRanges ranges = new ScanRanges(0);
        ScanRanges.Range r = ranges.start(key(0), key(10), key(9));
        r.finish();
        assertNull(ranges.steal());
        assertNull(r.split(key(5), 5), "no split was asked for");
    }

    /**
     * Threads scan sorted keys in ranges, asking each other for halves when done (as the index build does, with
     * random pauses); every key is scanned once, each range in ascending order, and the ranges do not overlap.
     */
    @Test
    void everyKeyIsScannedOnceWhateverTheTiming() throws Exception {
        Random seeds = new Random(17);
        for (int round = 0; round < 60; round++) {
            Random r = new Random(seeds.nextLong());
            NavigableSet<Long> keys = new TreeSet<>();
            int n = 1 + r.nextInt(20_000);
            while (keys.size() < n) {
                keys.add(r.nextLong() >>> (1 + r.nextInt(40)));
            }
            int threads = 2 + r.nextInt(2);
            long lo = keys.first();
            long hi = keys.last();
            int minRows = r.nextBoolean() ? 0 : r.nextInt(3000);
            ScanRanges ranges = new ScanRanges(minRows);
            List<ScanRanges.Range> first = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long from = t == 0 ? 0 : lo + (hi - lo) / threads * t;
                long to = t == threads - 1 ? Long.MAX_VALUE : lo + (hi - lo) / threads * (t + 1);
                first.add(ranges.start(key(from), key(to), t == threads - 1 ? key(hi) : key(to)));
            }
            ConcurrentLinkedQueue<long[]> scanned = new ConcurrentLinkedQueue<>(); // {first key, count, ...keys}
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ScanRanges.Range mine = first.get(t);
                long pause = r.nextInt(3);
                workers.add(new Thread(() -> {
                    ScanRanges.Range range = mine;
                    for (int steals = 0; range != null; steals++) {
                        scanned.add(scan(keys, range, pause));
                        range = steals < ScanRanges.MAX_STEALS ? ranges.steal() : null;
                    }
                }));
            }
            workers.forEach(Thread::start);
            for (Thread w : workers) {
                w.join();
            }
            List<Long> all = new ArrayList<>();
            for (long[] s : scanned) {
                for (int i = 1; i < s.length; i++) {
                    assertTrue(i == 1 || s[i] > s[i - 1], "a range scanned out of order");
                    all.add(s[i]);
                }
            }
            all.sort(null);
            List<Long> expected = new ArrayList<>(keys);
            if (!expected.equals(all)) {
                int i = 0;
                while (i < Math.min(all.size(), expected.size()) && all.get(i).equals(expected.get(i))) {
                    i++;
                }
                throw new AssertionError("round " + round + ": " + all.size() + " keys scanned of " + expected.size()
                        + ", first difference at " + i);
            }
        }
    }

    /** Scans the keys of {@code range} as StreamedBuild.streamRange does; returns {0, keys...}. */
    private static long[] scan(NavigableSet<Long> keys, ScanRanges.Range range, long pauseEvery) {
        List<Long> out = new ArrayList<>();
        byte[] limit = null;
        long from = ByteBuffer.wrap(range.from, 1, 8).getLong();
        byte[] to = range.to();
        int rows = 0;
        for (long k : keys.tailSet(from, true)) {
            byte[] rowKey = key(k);
            if (Arrays.compareUnsigned(rowKey, range.from) < 0) {
                continue; // from is a split point, longer than a key: its first eight bytes round it down
            }
            if (Arrays.compareUnsigned(rowKey, to) >= 0) {
                break;
            }
            if ((++rows & 255) == 0 && range.splitWanted()) {
                byte[] end = range.split(rowKey, rows);
                limit = end != null ? end : limit;
            }
            if (limit != null && Arrays.compareUnsigned(rowKey, limit) >= 0) {
                break;
            }
            out.add(k);
            if (pauseEvery > 0 && rows % 1000 == 0) {
                Thread.yield();
            }
        }
        range.finish();
        long[] result = new long[out.size() + 1];
        for (int i = 0; i < out.size(); i++) {
            result[i + 1] = out.get(i);
        }
        return result;
    }
}
