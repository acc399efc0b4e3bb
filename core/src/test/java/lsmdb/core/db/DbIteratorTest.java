package lsmdb.core.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.iterator.MergingIterator;
import lsmdb.core.iterator.SortedListIterator;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.version.RangeTombstones;
import org.junit.jupiter.api.Test;

class DbIteratorTest {

    private record RangeDelete(byte[] start, byte[] end, long sequence) {
    }

    /** The test's list of range deletes; the engine has its own. */
    private record ListTombstones(List<RangeDelete> deletes) implements RangeTombstones {
        @Override
        public boolean covers(byte[] userKey, long entrySequence, long readSequence) {
            for (RangeDelete d : deletes) {
                if (d.sequence() > entrySequence && d.sequence() <= readSequence
                        && Arrays.compareUnsigned(userKey, d.start()) >= 0 && Arrays.compareUnsigned(userKey, d.end()) < 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Write(byte[] userKey, long sequence, byte kind, byte[] value) {
    }

    /** Keys over a small space, including bytes >= 0x80 to exercise unsigned order. */
    private static byte[] userKey(Random rnd, int space) {
        int n = rnd.nextInt(space);
        return n % 3 == 0 ? new byte[] {(byte) (0x80 + n)} : new byte[] {'k', (byte) n};
    }

    /** From scratch: the visible (key, value) pairs at readSequence within [from, to), sorted. */
    private static List<byte[][]> model(List<Write> writes, ListTombstones tombstones, long readSequence, byte[] from, byte[] to) {
        Map<String, Write> newest = new HashMap<>();
        for (Write w : writes) {
            if (w.sequence() > readSequence) {
                continue;
            }
            String k = Arrays.toString(w.userKey());
            Write old = newest.get(k);
            if (old == null || old.sequence() < w.sequence()) {
                newest.put(k, w);
            }
        }
        TreeMap<byte[], byte[]> visible = new TreeMap<>(Arrays::compareUnsigned);
        for (Write w : newest.values()) {
            boolean inBounds = (from == null || Arrays.compareUnsigned(w.userKey(), from) >= 0)
                    && (to == null || Arrays.compareUnsigned(w.userKey(), to) < 0);
            if (inBounds && w.kind() == InternalKey.KIND_PUT && !tombstones.covers(w.userKey(), w.sequence(), readSequence)) {
                visible.put(w.userKey(), w.value());
            }
        }
        List<byte[][]> out = new ArrayList<>();
        visible.forEach((k, v) -> out.add(new byte[][] {k, v}));
        return out;
    }

    private static int lowerBound(List<byte[][]> entries, byte[] key) {
        int i = 0;
        while (i < entries.size() && Arrays.compareUnsigned(entries.get(i)[0], key) < 0) {
            i++;
        }
        return i;
    }

    @Test
    void randomWalksMatchModel() {
        Random rnd = new Random(2024);
        for (int round = 0; round < 150; round++) {
            int keySpace = 2 + rnd.nextInt(40);
            int tableCount = 1 + rnd.nextInt(3);
            List<MemTable> tables = new ArrayList<>();
            for (int t = 0; t < tableCount; t++) {
                tables.add(new MemTable());
            }
            List<Write> writes = new ArrayList<>();
            List<RangeDelete> rangeDeletes = new ArrayList<>();
            int operations = rnd.nextInt(300);
            for (long seq = 1; seq <= operations; seq++) {
                int op = rnd.nextInt(20);
                if (op == 0) {
                    byte[] a = userKey(rnd, keySpace);
                    byte[] b = userKey(rnd, keySpace);
                    rangeDeletes.add(Arrays.compareUnsigned(a, b) <= 0 ? new RangeDelete(a, b, seq) : new RangeDelete(b, a, seq));
                    continue;
                }
                byte kind = op < 5 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
                byte[] value = kind == InternalKey.KIND_PUT ? ("v" + seq).getBytes() : new byte[0];
                Write w = new Write(userKey(rnd, keySpace), seq, kind, value);
                writes.add(w);
                tables.get(rnd.nextInt(tableCount)).add(seq, kind, w.userKey(), value);
            }
            ListTombstones tombstones = new ListTombstones(rangeDeletes);
            for (int view = 0; view < 6; view++) {
                long readSequence = rnd.nextInt(operations + 2);
                byte[] from = rnd.nextInt(3) == 0 ? userKey(rnd, keySpace + 2) : null;
                byte[] to = rnd.nextInt(3) == 0 ? userKey(rnd, keySpace + 2) : null;
                List<byte[][]> expected = model(writes, tombstones, readSequence, from, to);
                List<InternalIterator> children = new ArrayList<>();
                tables.forEach(t -> children.add(t.iterator()));
                AtomicInteger closes = new AtomicInteger();
                DbIterator it = new DbIterator(new MergingIterator(children), readSequence, from, to,
                        rangeDeletes.isEmpty() ? RangeTombstones.NONE : tombstones, closes::incrementAndGet);
                String context = "round " + round + " view " + view + " read@" + readSequence
                        + " from " + Arrays.toString(from) + " to " + Arrays.toString(to);
                walk(it, expected, rnd, context, keySpace);
                it.close();
                it.close();
                assertEquals(1, closes.get(), "onClose runs once");
            }
        }
    }

    private static void walk(DbIterator it, List<byte[][]> expected, Random rnd, String context, int keySpace) {
        int pos = -1;
        for (int step = 0; step < 200; step++) {
            boolean valid = pos >= 0 && pos < expected.size();
            int op = rnd.nextInt(10);
            String action;
            if (op == 0) {
                it.seekToFirst();
                pos = 0;
                action = "seekToFirst";
            } else if (op == 1) {
                it.seekToLast();
                pos = expected.size() - 1;
                action = "seekToLast";
            } else if (op < 4 || !valid) {
                byte[] target = userKey(rnd, keySpace + 2);
                it.seek(target);
                pos = lowerBound(expected, target);
                action = "seek " + Arrays.toString(target);
            } else if (op < 7) {
                it.next();
                pos++;
                action = "next";
            } else {
                it.prev();
                pos--;
                action = "prev";
            }
            boolean expectValid = pos >= 0 && pos < expected.size();
            String where = context + " step " + step + " " + action;
            assertEquals(expectValid, it.isValid(), where);
            if (expectValid) {
                byte[] key = new byte[it.keyLength() + 2];
                it.copyKey(key, 2); // before key(), which keeps a copy: the copy must come from the merged entry
                assertArrayEquals(expected.get(pos)[0], Arrays.copyOfRange(key, 2, key.length), where);
                assertArrayEquals(expected.get(pos)[0], it.key(), where);
                assertArrayEquals(expected.get(pos)[1], it.value(), where);
                byte[] copied = new byte[it.valueLength() + 1];
                it.copyValue(copied, 1);
                assertArrayEquals(expected.get(pos)[1], Arrays.copyOfRange(copied, 1, copied.length), where);
            }
        }
    }

    /** A snapshot iterator over a memtable stays exact while the writer keeps adding newer versions. */
    @Test
    void snapshotIsStableWhileWriterAdds() throws Exception {
        Random rnd = new Random(77);
        MemTable table = new MemTable();
        List<Write> writes = new ArrayList<>();
        long base = 2000;
        for (long seq = 1; seq <= base; seq++) {
            byte kind = rnd.nextInt(4) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
            Write w = new Write(userKey(rnd, 100), seq, kind, ("v" + seq).getBytes());
            writes.add(w);
            table.add(seq, kind, w.userKey(), w.value());
        }
        List<byte[][]> expected = model(writes, new ListTombstones(List.of()), base, null, null);
        Thread writer = new Thread(() -> {
            Random wr = new Random(78);
            for (long seq = base + 1; seq <= base + 40_000; seq++) {
                table.add(seq, wr.nextBoolean() ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT, userKey(wr, 120),
                        ("w" + seq).getBytes());
            }
        });
        writer.start();
        try {
            for (int scan = 0; scan < 40; scan++) {
                DbIterator it = new DbIterator(new MergingIterator(List.of(table.iterator())), base, null, null,
                        RangeTombstones.NONE, () -> { });
                int i = 0;
                for (it.seekToFirst(); it.isValid(); it.next(), i++) {
                    assertArrayEquals(expected.get(i)[0], it.key(), "scan " + scan + " entry " + i);
                    assertArrayEquals(expected.get(i)[1], it.value(), "scan " + scan + " entry " + i);
                }
                assertEquals(expected.size(), i, "scan " + scan);
                for (it.seekToLast(); it.isValid(); it.prev()) {
                    i--;
                    assertArrayEquals(expected.get(i)[0], it.key(), "backward scan " + scan + " entry " + i);
                }
                assertEquals(0, i, "backward scan " + scan);
            }
        } finally {
            writer.join();
        }
    }

    @Test
    void hidesNewerVersionsDeletesAndRangeDeletes() {
        MemTable table = new MemTable();
        table.add(1, InternalKey.KIND_PUT, new byte[] {'a'}, new byte[] {1});
        table.add(2, InternalKey.KIND_PUT, new byte[] {'b'}, new byte[] {2});
        table.add(3, InternalKey.KIND_DELETE, new byte[] {'a'}, new byte[0]);
        table.add(5, InternalKey.KIND_PUT, new byte[] {'c'}, new byte[] {5});
        // A range delete of [b, c) at sequence 4.
        ListTombstones deletes = new ListTombstones(List.of(new RangeDelete(new byte[] {'b'}, new byte[] {'c'}, 4)));
        DbIterator atTwo = new DbIterator(new MergingIterator(List.of(table.iterator())), 2, null, null, deletes,
                () -> { });
        atTwo.seekToFirst();
        assertArrayEquals(new byte[] {'a'}, atTwo.key());
        atTwo.next();
        assertArrayEquals(new byte[] {'b'}, atTwo.key());
        atTwo.next();
        assertFalse(atTwo.isValid());
        DbIterator atFive = new DbIterator(new MergingIterator(List.of(table.iterator())), 5, null, null, deletes,
                () -> { });
        atFive.seekToFirst();
        assertArrayEquals(new byte[] {'c'}, atFive.key());
        atFive.prev();
        assertFalse(atFive.isValid());
    }

    @Test
    void closesMergedAndPropagatesChildErrors() {
        SortedListIterator child = new SortedListIterator(
                List.of(InternalKey.encode(new byte[] {'x'}, 1, InternalKey.KIND_PUT)), List.of(new byte[] {9}));
        AtomicInteger closes = new AtomicInteger();
        DbIterator it = new DbIterator(new MergingIterator(List.of(child)), 10, null, null, RangeTombstones.NONE,
                closes::incrementAndGet);
        it.seekToFirst();
        assertArrayEquals(new byte[] {9}, it.value());
        child.failure = new IOException("checksum mismatch in 000003.sst block at offset 0");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, it::next);
        assertSame(child.failure, e.getCause());
        it.close();
        assertEquals(1, child.closes);
        assertEquals(1, closes.get());
    }
}
