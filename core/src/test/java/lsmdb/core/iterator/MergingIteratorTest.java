package lsmdb.core.iterator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.format.KeySlot;
import lsmdb.core.memtable.MemTable;
import org.junit.jupiter.api.Test;

class MergingIteratorTest {

    static byte[] randomInternalKey(Random rnd) {
        byte[] userKey = ("u" + rnd.nextInt(300)).getBytes(StandardCharsets.UTF_8);
        return InternalKey.encode(userKey, rnd.nextInt(1000), (byte) rnd.nextInt(2));
    }

    /** Compares a random walk over {@code it} with a cursor over the expected sorted keys and values. */
    static void randomWalk(InternalIterator it, List<byte[]> keys, List<byte[]> values, Random rnd, int steps) {
        int pos = -1;
        for (int step = 0; step < steps; step++) {
            int op = rnd.nextInt(10);
            boolean valid = pos >= 0 && pos < keys.size();
            if (op == 0) {
                it.seekToFirst();
                pos = 0;
            } else if (op == 1) {
                it.seekToLast();
                pos = keys.size() - 1;
            } else if (op < 4 || !valid) {
                byte[] target = rnd.nextInt(4) == 0 && !keys.isEmpty()
                        ? keys.get(rnd.nextInt(keys.size())) : randomInternalKey(rnd);
                it.seek(target);
                pos = SortedListIterator.lowerBound(keys, target);
            } else if (op < 7) {
                // a merge steps alike through next() and the user cursor's nextInCursor(), either direction before
                boolean moved = it instanceof MergingIterator m && rnd.nextBoolean() ? m.nextInCursor() : it.next();
                pos++;
                assertEquals(pos >= 0 && pos < keys.size(), moved, "next's answer at step " + step);
            } else {
                it.prev();
                pos--;
            }
            boolean expectValid = pos >= 0 && pos < keys.size();
            assertEquals(expectValid, it.isValid(), "validity at step " + step);
            if (expectValid) {
                assertArrayEquals(keys.get(pos), it.key(), "key at step " + step);
                assertArrayEquals(keys.get(pos), java.util.Arrays.copyOf(it.keyBuffer(), it.keyLength()),
                        "key buffer at step " + step);
                assertSame(values.get(pos), it.value(), "value at step " + step);
                if (it instanceof MergingIterator m) {
                    assertSame(values.get(pos), m.valueInCursor(), "cursor's value at step " + step);
                    assertEquals(values.get(pos).length, m.valueLengthInCursor(), "cursor's value length");
                    byte[] copy = new byte[values.get(pos).length + 1];
                    m.copyValueInCursor(copy, 1);
                    assertArrayEquals(values.get(pos), java.util.Arrays.copyOfRange(copy, 1, copy.length),
                            "cursor's value copy at step " + step);
                }
                KeySlot slot = it.keySlot();
                assertSame(slot, it.keySlot(), "one slot for the iterator's life");
                assertArrayEquals(keys.get(pos), java.util.Arrays.copyOf(slot.bytes, slot.length),
                        "key slot at step " + step);
            }
        }
    }

    @Test
    void mergesDisjointSortedListsLikeTheirSortedUnion() {
        Random rnd = new Random(3);
        for (int round = 0; round < 40; round++) {
            int childCount = 1 + rnd.nextInt(9);
            TreeSet<byte[]> pool = new TreeSet<>(InternalKey.ORDER);
            int size = rnd.nextInt(400);
            while (pool.size() < size) {
                pool.add(randomInternalKey(rnd));
            }
            List<List<byte[]>> childKeys = new ArrayList<>();
            List<List<byte[]>> childValues = new ArrayList<>();
            for (int c = 0; c < childCount; c++) {
                childKeys.add(new ArrayList<>());
                childValues.add(new ArrayList<>());
            }
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            for (byte[] k : pool) {
                int c = rnd.nextInt(childCount);
                byte[] v = new byte[] {(byte) c};
                childKeys.get(c).add(k);
                childValues.get(c).add(v);
                keys.add(k);
                values.add(v);
            }
            List<SortedListIterator> children = new ArrayList<>();
            for (int c = 0; c < childCount; c++) {
                children.add(new SortedListIterator(childKeys.get(c), childValues.get(c)));
            }
            MergingIterator it = new MergingIterator(children);
            randomWalk(it, keys, values, rnd, 3000);
            it.close();
            children.forEach(ch -> assertEquals(1, ch.closes));
        }
    }

    /** Children holding long runs of consecutive keys (levels that barely overlap): the merge stays exact. */
    @Test
    void mergesChildrenThatHoldRunsOfKeys() {
        Random rnd = new Random(5);
        for (int round = 0; round < 40; round++) {
            int childCount = 1 + rnd.nextInt(5);
            TreeSet<byte[]> pool = new TreeSet<>(InternalKey.ORDER);
            while (pool.size() < 300) {
                pool.add(randomInternalKey(rnd));
            }
            List<List<byte[]>> childKeys = new ArrayList<>();
            List<List<byte[]>> childValues = new ArrayList<>();
            for (int c = 0; c < childCount; c++) {
                childKeys.add(new ArrayList<>());
                childValues.add(new ArrayList<>());
            }
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            int c = 0;
            for (byte[] k : pool) {
                if (rnd.nextInt(20) == 0) {
                    c = rnd.nextInt(childCount); // a new run starts
                }
                byte[] v = new byte[] {(byte) c};
                childKeys.get(c).add(k);
                childValues.get(c).add(v);
                keys.add(k);
                values.add(v);
            }
            List<SortedListIterator> children = new ArrayList<>();
            for (int i = 0; i < childCount; i++) {
                children.add(new SortedListIterator(childKeys.get(i), childValues.get(i)));
            }
            MergingIterator it = new MergingIterator(children);
            it.seekToFirst();
            for (int i = 0; i < keys.size(); i++) {
                assertArrayEquals(keys.get(i), java.util.Arrays.copyOf(it.keyBuffer(), it.keyLength()), "key " + i);
                assertSame(values.get(i), it.value(), "value " + i);
                it.next();
            }
            assertFalse(it.isValid());
            randomWalk(it, keys, values, rnd, 3000);
        }
    }

    /** Equal keys in several children come out once per child, ordered by child index, in both directions. */
    @Test
    void equalKeysAcrossChildrenMergeDeterministically() {
        Random rnd = new Random(8);
        for (int round = 0; round < 30; round++) {
            int childCount = 2 + rnd.nextInt(4);
            TreeSet<byte[]> pool = new TreeSet<>(InternalKey.ORDER);
            while (pool.size() < 60) {
                pool.add(randomInternalKey(rnd));
            }
            List<SortedListIterator> children = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            List<List<byte[]>> childValues = new ArrayList<>();
            List<List<byte[]>> childKeys = new ArrayList<>();
            for (int c = 0; c < childCount; c++) {
                childKeys.add(new ArrayList<>());
                childValues.add(new ArrayList<>());
            }
            for (byte[] k : pool) {
                for (int c = 0; c < childCount; c++) {
                    if (rnd.nextBoolean()) {
                        byte[] v = new byte[] {(byte) c};
                        childKeys.get(c).add(k);
                        childValues.get(c).add(v);
                        keys.add(k);
                        values.add(v);
                    }
                }
            }
            for (int c = 0; c < childCount; c++) {
                children.add(new SortedListIterator(childKeys.get(c), childValues.get(c)));
            }
            randomWalk(new MergingIterator(children), keys, values, rnd, 2000);
        }
    }

    @Test
    void mergesMemTables() {
        Random rnd = new Random(21);
        List<MemTable> tables = List.of(new MemTable(), new MemTable(), new MemTable());
        java.util.TreeMap<byte[], byte[]> model = new java.util.TreeMap<>(InternalKey.ORDER);
        for (long seq = 1; seq <= 3000; seq++) {
            byte[] userKey = ("u" + rnd.nextInt(500)).getBytes(StandardCharsets.UTF_8);
            byte[] value = ("v" + seq).getBytes(StandardCharsets.UTF_8);
            tables.get(rnd.nextInt(3)).add(seq, InternalKey.KIND_PUT, userKey, value);
            model.put(InternalKey.encode(userKey, seq, InternalKey.KIND_PUT), value);
        }
        List<InternalIterator> children = new ArrayList<>();
        tables.forEach(t -> children.add(t.iterator()));
        MergingIterator it = new MergingIterator(children);
        List<byte[]> keys = new ArrayList<>(model.keySet());
        int pos = -1;
        for (int step = 0; step < 5000; step++) {
            int op = rnd.nextInt(6);
            if (op == 0 || pos < 0 || pos >= keys.size()) {
                byte[] target = InternalKey.encode(("u" + rnd.nextInt(520)).getBytes(StandardCharsets.UTF_8),
                        rnd.nextInt(3100), InternalKey.KIND_PUT);
                it.seek(target);
                pos = SortedListIterator.lowerBound(keys, target);
            } else if (op < 4) {
                it.next();
                pos++;
            } else {
                it.prev();
                pos--;
            }
            boolean valid = pos >= 0 && pos < keys.size();
            assertEquals(valid, it.isValid());
            if (valid) {
                assertArrayEquals(keys.get(pos), it.key());
                assertArrayEquals(model.get(keys.get(pos)), it.value());
            }
        }
    }

    @Test
    void emptyAndNoChildren() {
        MergingIterator none = new MergingIterator(List.of());
        none.seekToFirst();
        assertFalse(none.isValid());
        none.seekToLast();
        assertFalse(none.isValid());
        MergingIterator empty = new MergingIterator(List.of(new SortedListIterator(List.of(), List.of())));
        empty.seek(InternalKey.forSeek(new byte[] {1}, 1));
        assertFalse(empty.isValid());
    }

    @Test
    void childErrorsPropagate() {
        SortedListIterator bad = new SortedListIterator(List.of(InternalKey.encode(new byte[] {1}, 1, InternalKey.KIND_PUT)),
                List.of(new byte[0]));
        bad.failure = new IOException("bad block in 000007.sst at offset 4096");
        MergingIterator it = new MergingIterator(List.of(new SortedListIterator(List.of(), List.of()), bad));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, it::seekToFirst);
        assertSame(bad.failure, e.getCause());
    }
}
