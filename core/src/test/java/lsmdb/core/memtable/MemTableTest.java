package lsmdb.core.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import org.junit.jupiter.api.Test;

class MemTableTest {

    /**
     * User keys that exercise unsigned order, prefixes and the empty key, and long keys sharing their first 8
     * bytes (as a table's keys do) that differ in bytes 8-15 and beyond, ending inside, at and past that word.
     */
    static byte[] randomUserKey(Random rnd, int space) {
        int n = rnd.nextInt(space);
        return switch (n % 6) {
            case 0 -> ("k" + n).getBytes(StandardCharsets.UTF_8);
            case 1 -> new byte[] {(byte) (0x80 + n % 100), (byte) (n / 100)};
            case 2 -> ("k" + n + "\0").getBytes(StandardCharsets.UTF_8);
            case 3 -> n == 3 ? new byte[0] : new byte[] {(byte) (n & 0x7f)};
            case 4 -> ("\u0001tbl/use" + "r" + n).getBytes(StandardCharsets.ISO_8859_1);
            default -> {
                byte[] k = new byte[8 + n % 11]; // 8..18 bytes: prefixes of each other across both words
                k[0] = 1;
                for (int i = 8; i < k.length; i++) {
                    k[i] = (byte) switch ((n >> (i - 8)) & 3) {
                        case 0 -> 0;
                        case 1 -> 0xff;
                        case 2 -> 0x7f;
                        default -> 0x80;
                    };
                }
                yield k;
            }
        };
    }

    private record Filled(MemTable table, TreeMap<byte[], byte[]> model, long maxSequence) {
    }

    private static Filled fill(long seed, int entries, int keySpace) {
        Random rnd = new Random(seed);
        MemTable table = new MemTable();
        TreeMap<byte[], byte[]> model = new TreeMap<>(InternalKey.ORDER);
        List<Long> sequences = new ArrayList<>();
        for (long s = 1; s <= entries; s++) {
            sequences.add(s);
        }
        // Arrival order must not matter to the memtable.
        Collections.shuffle(sequences, rnd);
        for (long seq : sequences) {
            byte[] userKey = randomUserKey(rnd, keySpace);
            byte kind = rnd.nextInt(4) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
            byte[] value = kind == InternalKey.KIND_DELETE ? new byte[0] : ("v" + seq).getBytes(StandardCharsets.UTF_8);
            table.add(seq, kind, userKey, value);
            model.put(InternalKey.encode(userKey, seq, kind), value);
        }
        return new Filled(table, model, entries);
    }

    @Test
    void getReturnsNewestVersionAtOrBelowSnapshot() {
        Filled f = fill(42, 5000, 300);
        Random rnd = new Random(7);
        for (int i = 0; i < 20000; i++) {
            byte[] userKey = randomUserKey(rnd, 320);
            long snapshot = rnd.nextInt((int) f.maxSequence() + 10);
            Map.Entry<byte[], byte[]> expected = f.model().ceilingEntry(InternalKey.forSeek(userKey, snapshot));
            MemTable.Lookup actual = f.table().get(userKey, snapshot);
            if (expected == null || !InternalKey.hasUserKey(expected.getKey(), userKey)) {
                assertNull(actual, () -> "key " + Arrays.toString(userKey) + " at " + snapshot);
            } else {
                assertNotNull(actual, () -> "key " + Arrays.toString(userKey) + " at " + snapshot);
                assertEquals(InternalKey.sequence(expected.getKey()), actual.sequence());
                assertEquals(InternalKey.kind(expected.getKey()), actual.kind());
                assertArrayEquals(expected.getValue(), actual.value());
            }
        }
    }

    /**
     * Enough entries that the skiplist's node records and key-value pairs span many chunks (records of every
     * height meet chunk ends): gets at random snapshots, seeks and a full scan still match the model.
     */
    @Test
    void largeTableAcrossManyChunksMatchesModel() {
        Filled f = fill(5, 120_000, 40_000);
        List<byte[]> keys = new ArrayList<>(f.model().keySet());
        InternalIterator it = f.table().iterator();
        int i = scanForwardMatchesModel(it, keys, f.model());
        Random rnd = new Random(9);
        for (int j = 0; j < 30_000; j++) {
            byte[] userKey = randomUserKey(rnd, 41_000);
            long snapshot = rnd.nextInt((int) f.maxSequence() + 10);
            byte[] seekKey = InternalKey.forSeek(userKey, snapshot);
            Map.Entry<byte[], byte[]> expected = f.model().ceilingEntry(seekKey);
            it.seek(seekKey);
            if (expected == null) {
                assertFalse(it.isValid());
            } else {
                assertArrayEquals(expected.getKey(), it.key());
                assertArrayEquals(expected.getValue(), it.value());
            }
            MemTable.Lookup actual = f.table().get(userKey, snapshot);
            if (expected == null || !InternalKey.hasUserKey(expected.getKey(), userKey)) {
                assertNull(actual);
            } else {
                assertNotNull(actual);
                assertEquals(InternalKey.sequence(expected.getKey()), actual.sequence());
                assertArrayEquals(expected.getValue(), actual.value());
            }
        }
        for (it.seekToLast(); it.isValid() && i > keys.size() - 5000; it.prev()) {
            i--;
            assertArrayEquals(keys.get(i), it.key());
        }
        assertEquals(keys.size() - 5000, i);
    }

    /**
     * The insert and the search descend from the list's current height, which starts at 1 and grows: checked
     * against the model after every insert while the table is small, so each height is met from its first node.
     */
    @Test
    void growingTableMatchesModelAfterEveryInsert() {
        Random rnd = new Random(17);
        MemTable table = new MemTable();
        TreeMap<byte[], byte[]> model = new TreeMap<>(InternalKey.ORDER);
        for (long seq = 1; seq <= 400; seq++) {
            byte[] userKey = randomUserKey(rnd, 120);
            byte[] value = ("v" + seq).getBytes(StandardCharsets.UTF_8);
            table.add(seq, InternalKey.KIND_PUT, userKey, value);
            model.put(InternalKey.encode(userKey, seq, InternalKey.KIND_PUT), value);
            List<byte[]> keys = new ArrayList<>(model.keySet());
            InternalIterator it = table.iterator();
            scanForwardMatchesModel(it, keys, model);
            for (int probe = 0; probe < 8; probe++) {
                byte[] probeKey = randomUserKey(rnd, 130);
                byte[] seekKey = InternalKey.forSeek(probeKey, rnd.nextInt((int) seq + 2));
                Map.Entry<byte[], byte[]> expected = model.ceilingEntry(seekKey);
                it.seek(seekKey);
                assertEquals(expected != null, it.isValid(), "after " + seq + " inserts");
                if (expected != null) {
                    assertArrayEquals(expected.getKey(), it.key(), "after " + seq + " inserts");
                }
                MemTable.Lookup found = table.get(probeKey, InternalKey.sequence(seekKey));
                boolean hit = expected != null && InternalKey.hasUserKey(expected.getKey(), probeKey);
                assertEquals(hit, found != null, "after " + seq + " inserts");
                if (hit) {
                    assertArrayEquals(expected.getValue(), found.value());
                }
            }
        }
    }

    /** Walks {@code it} from the first entry, checking each against the model; the number of entries walked. */
    private static int scanForwardMatchesModel(InternalIterator it, List<byte[]> keys, Map<byte[], byte[]> model) {
        int i = 0;
        for (it.seekToFirst(); it.isValid(); it.next()) {
            assertArrayEquals(keys.get(i), it.key());
            assertArrayEquals(model.get(keys.get(i)), it.value());
            i++;
        }
        assertEquals(keys.size(), i);
        return i;
    }

    @Test
    void iteratorMatchesModelInBothDirections() {
        Filled f = fill(1, 4000, 200);
        List<byte[]> keys = new ArrayList<>(f.model().keySet());
        InternalIterator it = f.table().iterator();
        int i = scanForwardMatchesModel(it, keys, f.model());
        for (it.seekToLast(); it.isValid(); it.prev()) {
            i--;
            assertArrayEquals(keys.get(i), it.key());
        }
        assertEquals(0, i);
    }

    @Test
    void randomWalkOfSeekNextPrevMatchesModel() {
        Filled f = fill(99, 3000, 150);
        List<byte[]> keys = new ArrayList<>(f.model().keySet());
        Random rnd = new Random(5);
        InternalIterator it = f.table().iterator();
        int pos = -1; // model position; -1 or keys.size() means invalid
        for (int step = 0; step < 30000; step++) {
            int op = rnd.nextInt(10);
            if (op == 0) {
                it.seekToFirst();
                pos = keys.isEmpty() ? -1 : 0;
            } else if (op == 1) {
                it.seekToLast();
                pos = keys.size() - 1;
            } else if (op < 4 || pos < 0 || pos >= keys.size()) {
                byte[] target = InternalKey.encode(randomUserKey(rnd, 160), rnd.nextInt(3100), (byte) rnd.nextInt(2));
                it.seek(target);
                pos = lowerBound(keys, target);
            } else if (op < 7) {
                it.next();
                pos++;
            } else {
                it.prev();
                pos--;
            }
            boolean valid = pos >= 0 && pos < keys.size();
            assertEquals(valid, it.isValid(), "step " + step);
            if (valid) {
                assertArrayEquals(keys.get(pos), it.key(), "step " + step);
                assertArrayEquals(f.model().get(keys.get(pos)), it.value(), "step " + step);
            }
        }
    }

    private static int lowerBound(List<byte[]> keys, byte[] target) {
        int lo = 0;
        int hi = keys.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(keys.get(mid), target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Test
    void emptyTable() {
        MemTable table = new MemTable();
        assertTrue(table.isEmpty());
        assertEquals(0, table.entryCount());
        assertEquals(0, table.approximateMemoryUsage());
        assertNull(table.get(new byte[] {1}, InternalKey.MAX_SEQUENCE));
        InternalIterator it = table.iterator();
        it.seekToFirst();
        assertFalse(it.isValid());
        it.seekToLast();
        assertFalse(it.isValid());
        it.seek(InternalKey.forSeek(new byte[0], 5));
        assertFalse(it.isValid());
    }

    @Test
    void countsAndMemoryGrowWithEntries() {
        MemTable table = new MemTable();
        table.add(1, InternalKey.KIND_PUT, new byte[10], new byte[100]);
        long first = table.approximateMemoryUsage();
        assertTrue(first >= 10 + 8 + 100, "usage " + first + " must cover key, trailer and value");
        table.add(2, InternalKey.KIND_DELETE, new byte[10], null);
        assertTrue(table.approximateMemoryUsage() > first + 18);
        assertEquals(2, table.entryCount());
        assertFalse(table.isEmpty());
        MemTable.Lookup tombstone = table.get(new byte[10], 2);
        assertEquals(InternalKey.KIND_DELETE, tombstone.kind());
        assertEquals(0, tombstone.value().length);
        assertEquals(1, table.get(new byte[10], 1).sequence());
    }

    @Test
    void rejectsBadSequenceAndKind() {
        MemTable table = new MemTable();
        assertThrows(IllegalArgumentException.class, () -> table.add(-1, InternalKey.KIND_PUT, new byte[1], new byte[1]));
        assertThrows(IllegalArgumentException.class,
                () -> table.add(InternalKey.MAX_SEQUENCE + 1, InternalKey.KIND_PUT, new byte[1], new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> table.add(1, (byte) 7, new byte[1], new byte[1]));
        assertTrue(table.isEmpty());
    }

    /**
     * A writer adds keys[i] with sequence i+1 and value derived from the key while readers iterate and get.
     * Readers check order, value integrity, and that every entry added before they started is present.
     */
    @Test
    void concurrentReadersSeeConsistentState() throws Exception {
        int total = 60_000;
        Random rnd = new Random(11);
        byte[][] keys = new byte[total][];
        for (int i = 0; i < total; i++) {
            keys[i] = new byte[1 + rnd.nextInt(12)];
            rnd.nextBytes(keys[i]);
        }
        MemTable table = new MemTable();
        java.util.concurrent.atomic.AtomicInteger added = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger scansStarted = new java.util.concurrent.atomic.AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                table.add(i + 1, InternalKey.KIND_PUT, keys[i], valueFor(keys[i], i + 1));
                added.set(i + 1);
                if (i % 5000 == 0) {
                    // Let readers start scans that then race with the following adds.
                    int target = scansStarted.get() + 2;
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (scansStarted.get() < target && failure.get() == null && System.nanoTime() < deadline) {
                        Thread.yield();
                    }
                }
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int readerSeed = r;
            readers.add(new Thread(() -> {
                try {
                    Random rr = new Random(readerSeed);
                    while (added.get() < total) {
                        int before = added.get();
                        scansStarted.incrementAndGet();
                        InternalIterator it = table.iterator();
                        byte[] previous = null;
                        int seenOld = 0;
                        boolean backward = rr.nextBoolean();
                        if (backward) {
                            it.seekToLast();
                        } else {
                            it.seekToFirst();
                        }
                        for (; it.isValid(); ) {
                            byte[] k = it.key();
                            if (previous != null) {
                                int c = InternalKey.compare(previous, k);
                                if (backward ? c <= 0 : c >= 0) {
                                    throw new AssertionError("out of order: " + Arrays.toString(previous) + " then " + Arrays.toString(k));
                                }
                            }
                            long seq = InternalKey.sequence(k);
                            if (!Arrays.equals(it.value(), valueFor(InternalKey.userKey(k), seq))) {
                                throw new AssertionError("torn entry at sequence " + seq);
                            }
                            if (seq <= before) {
                                seenOld++;
                            }
                            previous = k;
                            if (backward) {
                                it.prev();
                            } else {
                                it.next();
                            }
                        }
                        if (seenOld != before) {
                            throw new AssertionError("saw " + seenOld + " of the " + before + " entries added before the scan");
                        }
                        for (int j = 0; j < 200 && before > 0; j++) {
                            int idx = rr.nextInt(before);
                            MemTable.Lookup hit = table.get(keys[idx], idx + 1);
                            if (hit == null || !Arrays.equals(hit.value(), valueFor(keys[idx], hit.sequence()))) {
                                throw new AssertionError("lost or torn key " + Arrays.toString(keys[idx]));
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        readers.forEach(Thread::start);
        writer.start();
        writer.join();
        for (Thread t : readers) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("reader failed", failure.get());
        }
        assertEquals(total, table.entryCount());
        assertTrue(scansStarted.get() >= 2, "readers must have scanned while the writer was adding");
    }

    private static byte[] valueFor(byte[] userKey, long seq) {
        byte[] v = Arrays.copyOf(userKey, userKey.length + 1);
        v[userKey.length] = (byte) (seq * 31);
        return v;
    }
}
