package lsmdb.core.memtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import lsmdb.core.format.InternalKey;
import org.junit.jupiter.api.Test;

/** The walk by positions ({@link MemTable#seek}, {@link MemTable#below}, {@link MemTable#next}) against a TreeMap. */
class MemTableWalkTest {

    /** A user key of {@code ffs} 0xff bytes then {@code tail}: bounds at and past the end's all-ones prefixes. */
    private static byte[] ones(int ffs, byte... tail) {
        byte[] k = new byte[ffs + tail.length];
        Arrays.fill(k, 0, ffs, (byte) 0xff);
        System.arraycopy(tail, 0, k, ffs, tail.length);
        return k;
    }

    private static byte[] randomKey(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> ones(8 + rnd.nextInt(12), (byte) rnd.nextInt(3)); // ties the end's prefixes from 16 0xff on
            case 1 -> ones(rnd.nextInt(20));
            default -> MemTableTest.randomUserKey(rnd, 400);
        };
    }

    /** The entries a walk from {@code target} up to user key {@code to} sees, capped so a runaway walk fails. */
    private static List<byte[]> walk(MemTable m, byte[] target, byte[] to, int cap) {
        List<byte[]> seen = new ArrayList<>();
        for (int at = m.seek(target); m.below(at, to); at = m.next(at)) {
            seen.add(m.key(at));
            seen.add(m.value(at));
            if (seen.size() > 2 * cap) {
                break;
            }
        }
        return seen;
    }

    private static List<byte[]> expected(NavigableMap<byte[], byte[]> model, byte[] target, byte[] to) {
        List<byte[]> want = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : model.tailMap(target, true).entrySet()) {
            if (InternalKey.compareUserKey(e.getKey(), to) >= 0) {
                break;
            }
            want.add(e.getKey());
            want.add(e.getValue());
        }
        return want;
    }

    @Test
    void walksMatchTheModelFromEmptyToManyChunks() {
        Random rnd = new Random(2811);
        for (int size : new int[] {0, 1, 2, 7, 60, 3000, 10_000}) { // the last two over several chunks
            MemTable m = new MemTable();
            TreeMap<byte[], byte[]> model = new TreeMap<>(InternalKey.ORDER);
            for (int s = 1; s <= size; s++) {
                byte[] k = randomKey(rnd);
                byte kind = rnd.nextInt(5) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
                byte[] v = kind == InternalKey.KIND_DELETE ? new byte[0] : new byte[] {(byte) s, (byte) (s >> 8)};
                m.add(s, kind, k, v);
                model.put(InternalKey.encode(k, s, kind), v);
            }
            for (int i = 0; i < (size > 1000 ? 500 : 3000); i++) {
                byte[] from = randomKey(rnd);
                byte[] to = switch (rnd.nextInt(8)) {
                    case 0 -> ones(16 + rnd.nextInt(4), (byte) rnd.nextInt(256));
                    case 1 -> ones(250 + rnd.nextInt(12)); // around the length of the end's key
                    default -> randomKey(rnd);
                };
                byte[] target = InternalKey.forSeek(from, rnd.nextInt(size + 2));
                List<byte[]> want = expected(model, target, to);
                List<byte[]> got = walk(m, target, to, model.size());
                assertEquals(want.size(), got.size(), () -> "size " + size + " from " + Arrays.toString(from) + " to "
                        + Arrays.toString(to));
                for (int j = 0; j < want.size(); j++) {
                    assertTrue(Arrays.equals(want.get(j), got.get(j)), "entry " + j);
                }
            }
            // walks to bounds past every key leave at the end, one longer than the end's key included
            for (byte[] to : new byte[][] {ones(40), ones(256), ones(257), ones(300)}) {
                assertEquals(2 * model.size(), walk(m, InternalKey.forSeek(new byte[0], size + 1), to, size).size());
            }
        }
    }

    @Test
    void endIsBelowNoBound() {
        MemTable m = new MemTable();
        int end = m.seek(InternalKey.forSeek(new byte[0], 1));
        for (byte[] to : new byte[][] {new byte[0], {0}, ones(8), ones(16), ones(17), ones(16, (byte) 0), ones(256),
                ones(257), ones(400)}) {
            assertFalse(m.below(end, to));
        }
        m.add(1, InternalKey.KIND_PUT, ones(16), new byte[0]);
        assertFalse(m.below(m.seek(InternalKey.forSeek(ones(17), 1)), ones(18)), "past the only key: the end");
        assertFalse(m.below(m.seek(InternalKey.forSeek(ones(17), 1)), ones(300)), "the end, past a long bound");
        assertTrue(m.below(m.seek(InternalKey.forSeek(ones(16), 1)), ones(17)));
    }

    /** Walks while the single writer adds: each sees its range in order, and everything added before it began. */
    @Test
    void walksWhileTheWriterAdds() throws Exception {
        MemTable m = new MemTable();
        ConcurrentSkipListMap<byte[], byte[]> added = new ConcurrentSkipListMap<>(InternalKey.ORDER);
        int total = 30_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            Random rnd = new Random(5);
            for (int s = 1; s <= total; s++) {
                byte[] k = randomKey(rnd);
                byte[] v = {(byte) s};
                m.add(s, InternalKey.KIND_PUT, k, v);
                added.put(InternalKey.encode(k, s, InternalKey.KIND_PUT), v);
            }
        });
        Thread reader = new Thread(() -> {
            try {
                Random rnd = new Random(6);
                while (writer.isAlive()) {
                    byte[] from = randomKey(rnd);
                    byte[] to = randomKey(rnd);
                    byte[] target = InternalKey.forSeek(from, InternalKey.MAX_SEQUENCE);
                    // weakly consistent: holds at least every entry the writer had added before this line
                    List<byte[]> before = expected(added, target, to);
                    List<byte[]> got = walk(m, target, to, total);
                    byte[] last = null;
                    for (int j = 0; j < got.size(); j += 2) {
                        byte[] k = got.get(j);
                        assertTrue(InternalKey.ORDER.compare(k, target) >= 0 && InternalKey.compareUserKey(k, to) < 0);
                        assertTrue(last == null || InternalKey.ORDER.compare(last, k) < 0, "in order");
                        last = k;
                    }
                    TreeSet<byte[]> gotKeys = new TreeSet<>(InternalKey.ORDER);
                    for (int j = 0; j < got.size(); j += 2) {
                        gotKeys.add(got.get(j));
                    }
                    for (int j = 0; j < before.size(); j += 2) {
                        assertTrue(gotKeys.contains(before.get(j)), "an entry added before the walk");
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        reader.start();
        writer.join();
        reader.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(total, added.size());
    }
}
