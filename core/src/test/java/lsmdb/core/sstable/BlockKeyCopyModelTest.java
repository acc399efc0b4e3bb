package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.format.InternalKey;
import org.junit.jupiter.api.Test;

/**
 * A block iterator rebuilds each key from the previous one and the entry's unshared bytes (word copies out of a
 * direct buffer). Against a TreeMap: every key and value of random blocks, walked and sought, in heap and direct
 * buffers, where the unshared runs take every length from 0 to past 64 bytes: many versions of one user key (runs
 * of 1-7 trailer bytes), keys of fixed width differing in their last bytes (9-16), and long keys (over 64).
 */
class BlockKeyCopyModelTest {

    private static final KeyOrder ORDER = InternalKey::compare;

    @Test
    void walksAndSeeksMatchTheModelForEveryUnsharedLength() throws Exception {
        Random rnd = new Random(1717);
        boolean[] lengthSeen = new boolean[100];
        for (int round = 0; round < 300; round++) {
            TreeMap<byte[], byte[]> model = entries(rnd, round % 3);
            int restartInterval = 1 + rnd.nextInt(20);
            noteUnsharedLengths(model, restartInterval, lengthSeen);
            List<byte[]> keys = new ArrayList<>(model.keySet());
            for (Block b : blocks(model, restartInterval)) {
                BlockIterator it = b.iterator(ORDER);
                it.seekToFirst();
                for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                    assertTrue(it.isValid());
                    assertArrayEquals(e.getKey(), it.key());
                    assertArrayEquals(e.getKey(), Arrays.copyOf(it.keyBuffer(), it.keyLength()));
                    assertArrayEquals(e.getValue(), it.value());
                    it.next();
                }
                assertFalse(it.isValid());
                for (int q = 0; q < 50; q++) {
                    byte[] target = keys.get(rnd.nextInt(keys.size()));
                    if (rnd.nextBoolean()) { // between keys: another sequence of the same user key
                        target = InternalKey.encode(InternalKey.userKey(target), rnd.nextInt(1 << 16),
                                InternalKey.KIND_PUT);
                    }
                    byte[] expected = model.ceilingKey(target);
                    it.seek(target);
                    if (expected == null) {
                        assertFalse(it.isValid());
                        continue;
                    }
                    assertTrue(it.isValid());
                    assertArrayEquals(expected, it.key());
                    assertArrayEquals(model.get(expected), it.value());
                    if (it.next()) { // and the step after a seek rebuilds the next key from this one
                        assertArrayEquals(model.higherKey(expected), it.key());
                    }
                }
            }
        }
        for (int n : new int[] {2, 3, 5, 7, 8, 9, 12, 16, 17, 40, 64, 65, 80}) {
            assertTrue(lengthSeen[n], "no entry with " + n + " unshared bytes; seen " + seen(lengthSeen));
        }
    }

    private static String seen(boolean[] s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            b.append(s[i] ? i + " " : "");
        }
        return b.toString();
    }

    /** Shapes: 0 many versions of few keys, 1 fixed-width keys (a table's BIGINT keys), 2 mixed and long keys. */
    private static TreeMap<byte[], byte[]> entries(Random rnd, int shape) {
        TreeMap<byte[], byte[]> m = new TreeMap<>(InternalKey.ORDER);
        int n = 1 + rnd.nextInt(80);
        long base = rnd.nextInt(1000);
        for (int i = 0; i < n; i++) {
            byte[] user;
            switch (shape) {
                case 0 -> user = new byte[] {1, 0, 0, 0, 7, (byte) rnd.nextInt(3)};
                case 1 -> {
                    user = new byte[13];
                    user[0] = 1;
                    user[4] = 9;
                    long k = base + rnd.nextInt(rnd.nextBoolean() ? 300 : 1 << 20);
                    for (int j = 0; j < 8; j++) {
                        user[5 + j] = (byte) (k >>> (56 - 8 * j));
                    }
                }
                default -> {
                    user = new byte[rnd.nextInt(rnd.nextInt(4) == 0 ? 90 : 20)];
                    for (int j = 0; j < user.length; j++) {
                        user[j] = (byte) rnd.nextInt(3);
                    }
                }
            }
            long seq = rnd.nextBoolean() ? rnd.nextInt(1 << 16) : rnd.nextInt(1 << 30);
            byte[] value = new byte[rnd.nextInt(rnd.nextInt(8) == 0 ? 300 : 20)];
            rnd.nextBytes(value);
            m.put(InternalKey.encode(user, seq, rnd.nextInt(6) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT),
                    value);
        }
        return m;
    }

    /** Marks the unshared lengths the builder will write (each key against the previous, restarts whole). */
    private static void noteUnsharedLengths(TreeMap<byte[], byte[]> model, int restartInterval, boolean[] seen) {
        byte[] prev = null;
        int i = 0;
        for (byte[] k : model.keySet()) {
            int shared = 0;
            if (prev != null && i % restartInterval != 0) {
                int max = Math.min(prev.length, k.length);
                while (shared < max && prev[shared] == k[shared]) {
                    shared++;
                }
            }
            seen[Math.min(k.length - shared, seen.length - 1)] = true;
            prev = k;
            i++;
        }
    }

    private static List<Block> blocks(TreeMap<byte[], byte[]> entries, int restartInterval) throws Exception {
        BlockBuilder bb = new BlockBuilder(restartInterval);
        for (var e : entries.entrySet()) {
            bb.add(e.getKey(), e.getValue());
        }
        int n = bb.finish();
        byte[] bytes = Arrays.copyOf(bb.buffer(), n);
        ByteBuffer direct = ByteBuffer.allocateDirect(n + 16);
        direct.position(16); // not at the buffer's start, as a slice of a mapping is not
        direct.put(bytes);
        assertEquals(n, direct.position() - 16);
        return List.of(new Block(bytes, n, "t", 0), new Block(direct.slice(16, n), "t", 0));
    }
}
