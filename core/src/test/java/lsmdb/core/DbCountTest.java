package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LsmIterator#countRest} (the bulk count behind {@code COUNT(*)} over a range) against a TreeMap model: keys
 * with long shared prefixes, several versions of a key across memtable, level 0 and deeper levels, deletes, snapshots,
 * tiny blocks with every restart interval, mapped and copied blocks, compressed ones; counted from the range's first
 * key and from the middle of a scan. {@link LsmIterator#seekMatching} (a scan stepping over the values a test
 * rejects) against the same model.
 */
class DbCountTest {

    @TempDir
    Path dir;

    private static final String[] PREFIXES = {"", "idx/", "idx/city07/", "idx/city07/000000", "idx/city08/"};

    private static byte[] key(Random rnd) {
        String p = PREFIXES[rnd.nextInt(PREFIXES.length)];
        int n = rnd.nextInt(400);
        String k = p + String.format("%04d", n);
        if (rnd.nextInt(20) == 0) {
            k = k + "/" + "x".repeat(rnd.nextInt(150)); // long unshared parts: multi-byte lengths, bulk copies
        }
        return k.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static NavigableMap<byte[], byte[]> newModel() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void countMatchesTheModel(int seed) throws IOException {
        Random rnd = new Random(seed * 7919L);
        Options options = Options.defaults().withSync(false)
                .withWriteBufferSize(16 * 1024 + rnd.nextInt(32 * 1024))
                .withBlockSize(64 + rnd.nextInt(512))
                .withBlockRestartInterval(1 + rnd.nextInt(16))
                .withMmapReads(seed % 2 == 0)
                .withCompression(seed % 3 == 0 ? Compression.LZ4 : Compression.NONE);
        NavigableMap<byte[], byte[]> model = newModel();
        List<Snapshot> snapshots = new ArrayList<>();
        List<NavigableMap<byte[], byte[]>> snapshotModels = new ArrayList<>();
        try (LsmDb db = LsmDb.open(dir.resolve("db"), options)) {
            for (int round = 0; round < 12; round++) {
                int writes = 300 + rnd.nextInt(1500);
                for (int i = 0; i < writes; i++) {
                    byte[] k = key(rnd);
                    if (rnd.nextInt(4) == 0) {
                        db.delete(k);
                        model.remove(k);
                    } else {
                        byte[] v = new byte[rnd.nextInt(rnd.nextInt(8) == 0 ? 300 : 20)];
                        rnd.nextBytes(v);
                        db.put(k, v);
                        model.put(k, v);
                    }
                }
                if (rnd.nextInt(8) == 0) {
                    // a range tombstone: the count falls back to stepping while one is live
                    byte[] a = key(rnd);
                    byte[] b = key(rnd);
                    byte[] lo = Arrays.compareUnsigned(a, b) < 0 ? a : b;
                    byte[] hi = lo == a ? b : a;
                    db.deleteRange(lo, hi);
                    model.subMap(lo, true, hi, false).clear();
                }
                switch (rnd.nextInt(4)) {
                    case 0 -> db.flush();
                    case 1 -> {
                        byte[] a = key(rnd);
                        byte[] b = key(rnd);
                        db.compactRange(Arrays.compareUnsigned(a, b) < 0 ? a : b, Arrays.compareUnsigned(a, b) < 0 ? b : a);
                    }
                    default -> {
                    }
                }
                if (rnd.nextInt(3) == 0) {
                    snapshots.add(db.snapshot());
                    NavigableMap<byte[], byte[]> copy = newModel();
                    copy.putAll(model);
                    snapshotModels.add(copy);
                }
                check(db, null, model, rnd);
                for (int s = 0; s < snapshots.size(); s++) {
                    check(db, snapshots.get(s), snapshotModels.get(s), rnd);
                }
            }
            for (Snapshot s : snapshots) {
                s.close();
            }
        }
    }

    private static void check(LsmDb db, Snapshot snapshot, NavigableMap<byte[], byte[]> model, Random rnd) {
        for (int q = 0; q < 25; q++) {
            byte[] from = rnd.nextInt(6) == 0 ? null : key(rnd);
            byte[] to = rnd.nextInt(6) == 0 ? null : key(rnd);
            if (rnd.nextInt(3) == 0) {
                // a prefix range, as an index count asks for
                String p = PREFIXES[1 + rnd.nextInt(PREFIXES.length - 1)];
                from = p.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                to = Arrays.copyOf(from, from.length);
                to[to.length - 1]++;
            }
            if (from != null && to != null && Arrays.compareUnsigned(from, to) > 0) {
                byte[] t = from;
                from = to;
                to = t;
            }
            NavigableMap<byte[], byte[]> range = from == null && to == null ? model
                    : from == null ? model.headMap(to, false)
                    : to == null ? model.tailMap(from, true) : model.subMap(from, true, to, false);
            Snapshot view = snapshot != null ? snapshot : rnd.nextBoolean() ? null : db.snapshot();
            try (LsmIterator it = db.iterator(view, from, to)) {
                it.seekToFirst();
                int skip = rnd.nextInt(4) == 0 ? rnd.nextInt(Math.max(1, range.size())) : 0;
                for (int i = 0; i < skip && it.isValid(); i++) {
                    it.next();
                }
                AtomicInteger checkpoints = new AtomicInteger();
                long n = it.countRest(checkpoints::incrementAndGet);
                String what = "range [" + show(from) + ", " + show(to) + ") skipping " + skip + " of " + range.size();
                assertEquals(range.size() - Math.min(skip, range.size()), n, what);
                assertFalse(it.isValid(), what);
                assertEquals(true, checkpoints.get() >= n / 1024, what + ": checkpoints " + checkpoints.get());
            }
            try (LsmIterator it = db.iterator(view, from, to)) {
                // seekMatching: the keys whose values pass a test, found in bulk between the ones returned
                int mod = 2 + rnd.nextInt(5);
                lsmdb.core.format.ForwardCount.ValueTest test = new FirstAndLast(mod, rnd.nextInt(3));
                List<String> expected = new ArrayList<>();
                for (var e : range.entrySet()) {
                    byte[] v = e.getValue();
                    if (test.test(Arrays.copyOf(v, v.length + 8), v.length)) {
                        expected.add(show(e.getKey()));
                    }
                }
                List<String> found = new ArrayList<>();
                AtomicInteger checkpoints = new AtomicInteger();
                it.seekToFirst();
                while (it.isValid() && it.seekMatching(test, checkpoints::incrementAndGet)) {
                    found.add(show(it.key()));
                    byte[] v = it.value();
                    assertEquals(true, test.test(Arrays.copyOf(v, v.length + 8), v.length), "value of " + show(it.key()));
                    it.next();
                }
                assertEquals(expected, found, "matching in [" + show(from) + ", " + show(to) + ")");
                assertFalse(it.isValid());
            } finally {
                if (snapshot == null && view != null) {
                    view.close();
                }
            }
        }
    }

    /**
     * Passes a value whose first byte is a multiple of {@code mod} and whose last byte (of two or more) is not 7;
     * {@code head} 1: decided from the first byte when it can ({@link lsmdb.core.format.ForwardCount.ValueTest#testHead}),
     * the rest from the whole value; 2: the same, asked first with the value's first eight bytes as one word
     * ({@link lsmdb.core.format.ForwardCount.ValueTest#testHeadWord}); 0: from the whole value only.
     */
    private record FirstAndLast(int mod, int head) implements lsmdb.core.format.ForwardCount.ValueTest {
        @Override
        public boolean test(byte[] v, int n) {
            return n > 0 && Math.floorMod(v[0], mod) == 0 && (n < 2 || v[n - 1] != 7);
        }

        @Override
        public int headBytes() {
            return head > 0 ? 1 : 0;
        }

        @Override
        public int testHead(byte[] head, int n) {
            if (n == 0 || Math.floorMod(head[0], mod) != 0) {
                return FAIL;
            }
            return n == 1 ? PASS : UNSURE;
        }

        @Override
        public int testHeadWord(long word, int n) {
            return head == 2 ? testHead(new byte[] {(byte) word}, n) : UNSURE; // the first byte is the lowest
        }
    }

    /**
     * Children interleaved entry by entry (even keys compacted, odd ones in level 0 and the memtable, some deleted
     * or overwritten above): the merge alternates between short runs and stepping.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void interleavedChildrenCountExactly(int seed) throws IOException {
        Random rnd = new Random(seed);
        NavigableMap<byte[], byte[]> model = newModel();
        try (LsmDb db = LsmDb.open(dir.resolve("db"), Options.defaults().withSync(false)
                .withWriteBufferSize(64 * 1024).withBlockSize(256))) {
            for (int i = 0; i < 6000; i += 2) {
                put(db, model, i, rnd);
            }
            db.compactRange(null, null);
            for (int i = 1; i < 6000; i += 2) {
                put(db, model, i, rnd);
            }
            db.flush();
            for (int i = 0; i < 600; i++) {
                byte[] k = String.format("k%05d", rnd.nextInt(6000)).getBytes();
                if (rnd.nextBoolean()) {
                    db.delete(k);
                    model.remove(k);
                } else {
                    db.put(k, new byte[] {(byte) i});
                    model.put(k, new byte[] {(byte) i});
                }
            }
            for (int q = 0; q < 200; q++) {
                int a = rnd.nextInt(6000);
                int b = a + rnd.nextInt(3000);
                byte[] from = String.format("k%05d", a).getBytes();
                byte[] to = String.format("k%05d", b).getBytes();
                try (LsmIterator it = db.iterator(null, from, to)) {
                    it.seekToFirst();
                    assertEquals(model.subMap(from, true, to, false).size(), it.countRest(null), a + ".." + b);
                }
                try (LsmIterator it = db.iterator(null, from, to)) {
                    List<String> expected = new ArrayList<>();
                    for (var e : model.subMap(from, true, to, false).entrySet()) {
                        if (e.getValue().length > 0 && e.getValue()[0] % 3 == 0) {
                            expected.add(show(e.getKey()));
                        }
                    }
                    List<String> found = new ArrayList<>();
                    it.seekToFirst();
                    while (it.isValid() && it.seekMatching((v, n) -> n > 0 && v[0] % 3 == 0, null)) {
                        found.add(show(it.key()));
                        it.next();
                    }
                    assertEquals(expected, found, a + ".." + b);
                }
            }
        }
    }

    private static void put(LsmDb db, NavigableMap<byte[], byte[]> model, int i, Random rnd) throws IOException {
        byte[] k = String.format("k%05d", i).getBytes();
        byte[] v = new byte[1 + rnd.nextInt(3)];
        rnd.nextBytes(v);
        db.put(k, v);
        model.put(k, v);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aThrowingCheckpointAbandonsTheCount(boolean mmap) throws IOException {
        try (LsmDb db = LsmDb.open(dir.resolve("db"), Options.defaults().withSync(false).withMmapReads(mmap))) {
            for (int i = 0; i < 5000; i++) {
                db.put(String.format("k%05d", i).getBytes(), new byte[10]);
            }
            db.flush();
            try (LsmIterator it = db.iterator()) {
                it.seekToFirst();
                assertThrows(IllegalStateException.class, () -> it.countRest(() -> {
                    throw new IllegalStateException("cancelled");
                }));
            }
            try (LsmIterator it = db.iterator()) {
                it.seekToFirst();
                assertEquals(5000, it.countRest(null));
            }
        }
    }

    private static String show(byte[] k) {
        return k == null ? "null" : new String(k, java.nio.charset.StandardCharsets.UTF_8);
    }
}
