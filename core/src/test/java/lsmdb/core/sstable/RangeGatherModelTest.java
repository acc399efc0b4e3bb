package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.format.InternalKey;
import org.junit.jupiter.api.Test;

/**
 * {@link RangeGather#resolve} against a model: entries added in any order (sources interleave, an entry may belong
 * before all gathered so far) resolve to each user key's newest version at or below the read sequence, if a value.
 */
class RangeGatherModelTest {

    @Test
    void resolvesEntriesAddedInAnyOrderAsTheModel() {
        Random rnd = new Random(19);
        RangeGather g = new RangeGather();
        int frontInserts = 0;
        for (int round = 0; round < 2_000; round++) {
            List<byte[]> entries = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            long seq = 1;
            int keys = 1 + rnd.nextInt(12);
            for (int k = 0; k < keys; k++) {
                byte[] user = {(byte) rnd.nextInt(40), (byte) rnd.nextInt(3)};
                for (int v = 1 + rnd.nextInt(3); v > 0; v--) {
                    byte kind = rnd.nextInt(4) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
                    entries.add(InternalKey.encode(user, seq, kind));
                    values.add(kind == InternalKey.KIND_PUT ? new byte[] {(byte) seq} : null);
                    seq++;
                }
            }
            Integer[] order = new Integer[entries.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Collections.shuffle(Arrays.asList(order), rnd);
            if (order.length > 1 && InternalKey.compare(entries.get(order[order.length - 1]),
                    entries.get(order[0])) < 0) {
                frontInserts++;
            }
            long readSequence = 1 + rnd.nextInt((int) seq);

            TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
            TreeMap<byte[], Long> newest = new TreeMap<>(Arrays::compareUnsigned);
            for (int i = 0; i < entries.size(); i++) {
                byte[] ik = entries.get(i);
                long s = InternalKey.sequence(ik);
                byte[] user = InternalKey.userKey(ik);
                if (s <= readSequence && s > newest.getOrDefault(user, 0L)) {
                    newest.put(user, s);
                    if (InternalKey.kind(ik) == InternalKey.KIND_PUT) {
                        model.put(user, values.get(i));
                    } else {
                        model.remove(user);
                    }
                }
            }

            g.reset(64);
            for (int i : order) {
                byte[] ik = entries.get(i);
                assertTrue(g.add(ik, ik.length, values.get(i)));
            }
            g.resolve(readSequence, (gather, entry, sequence) -> false);
            assertEquals(model.size(), g.visible(), "round " + round);
            int i = 0;
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                assertArrayEquals(e.getKey(), g.userKey(i), "round " + round + " entry " + i);
                assertArrayEquals(e.getValue(), g.value(i), "round " + round + " entry " + i);
                i++;
            }
        }
        assertTrue(frontInserts > 100, "entries that sort before all others came last " + frontInserts + " times");
    }

    /**
     * Values copied out of blocks (heap and direct) into the gather's arena and values handed in as arrays, mixed,
     * with random lengths (empty ones too): {@link RangeGather#value} and {@link RangeGather#valueInto} give each as
     * the model holds it; valueInto fills the caller's array when the length matches and never hands out a source's;
     * {@link RangeGather#valueLength} is each value's length, and each user key reads in place from the key arena.
     */
    @Test
    void valuesCopiedFromBlocksAndHandedInMatchTheModel() throws Exception {
        Random rnd = new Random(23);
        RangeGather g = new RangeGather();
        for (int round = 0; round < 500; round++) {
            TreeMap<byte[], byte[]> inBlock = new TreeMap<>(InternalKey::compare);
            TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
            List<byte[]> handedKeys = new ArrayList<>();
            List<byte[]> handedValues = new ArrayList<>();
            long seq = 1;
            for (int k = 0, keys = 1 + rnd.nextInt(30); k < keys; k++) {
                byte[] user = {(byte) k, (byte) rnd.nextInt(256)};
                byte[] value = new byte[rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(40)];
                rnd.nextBytes(value);
                model.put(user, value);
                byte[] ik = InternalKey.encode(user, seq++, InternalKey.KIND_PUT);
                if (rnd.nextBoolean()) {
                    inBlock.put(ik, value);
                } else {
                    handedKeys.add(ik);
                    handedValues.add(value);
                }
            }
            g.reset(64);
            if (!inBlock.isEmpty()) {
                BlockBuilder bb = new BlockBuilder(1 + rnd.nextInt(4));
                for (var e : inBlock.entrySet()) {
                    bb.add(e.getKey(), e.getValue());
                }
                int n = bb.finish();
                byte[] bytes = Arrays.copyOf(bb.buffer(), n);
                Block block;
                if (rnd.nextBoolean()) {
                    block = new Block(bytes, n, "t", 0);
                } else {
                    java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(n);
                    direct.put(bytes);
                    block = new Block(direct.flip(), "t", 0);
                }
                BlockIterator it = block.iterator(KeyOrder.INTERNAL);
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    assertTrue(g.addCopyingValue(it.keyBuffer(), it.keyLength(), it));
                }
            }
            for (int i = 0; i < handedKeys.size(); i++) {
                byte[] ik = handedKeys.get(i);
                assertTrue(g.add(ik, ik.length, handedValues.get(i)));
            }
            g.resolve(seq, (gather, entry, sequence) -> false);
            assertEquals(model.size(), g.visible(), "round " + round);
            int i = 0;
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                byte[] expected = e.getValue();
                assertArrayEquals(e.getKey(), g.userKey(i), "round " + round + " entry " + i);
                assertArrayEquals(expected, g.value(i), "round " + round + " entry " + i);
                assertEquals(expected.length, g.valueLength(i), "round " + round + " entry " + i);
                int at = g.keyOffset(i);
                assertArrayEquals(e.getKey(), java.util.Arrays.copyOfRange(g.keyArena(), at, at + g.userKeyLength(i)),
                        "round " + round + " entry " + i + " read in place");
                byte[] fits = new byte[expected.length];
                byte[] into = g.valueInto(i, fits);
                assertTrue(into == fits, "an array of the value's length is filled");
                assertArrayEquals(expected, into, "round " + round + " entry " + i);
                byte[] other = g.valueInto(i, new byte[expected.length + 1]);
                assertArrayEquals(expected, other, "round " + round + " entry " + i + " (a new array)");
                assertTrue(handedValues.stream().noneMatch(v -> v == other), "a source's array is never handed out");
                i++;
            }
        }
    }

    /**
     * {@link RangeGather#seekKey} is {@link InternalKey#forSeek} at the newest sequence, in the same array while the
     * lower bound's length stays the same (so a range read allocates no key), a new one when the length changes.
     */
    @Test
    void seekKeyIsForSeekInAnArrayReusedPerLength() {
        Random rnd = new Random(27);
        RangeGather g = new RangeGather();
        byte[] last = null;
        int lastLength = -1;
        int reused = 0;
        for (int round = 0; round < 500; round++) {
            byte[] from = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(6) : 5];
            rnd.nextBytes(from);
            byte[] k = g.seekKey(from);
            assertArrayEquals(InternalKey.forSeek(from, InternalKey.MAX_SEQUENCE), k, "round " + round);
            if (from.length == lastLength) {
                assertTrue(k == last, "round " + round + ": same length, same array");
                reused++;
            }
            last = k;
            lastLength = from.length;
        }
        assertTrue(reused > 200, "reused " + reused);
    }
}
