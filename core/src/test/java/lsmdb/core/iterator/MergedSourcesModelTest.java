package lsmdb.core.iterator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.Options;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.format.KeySlot;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.io.WritableFile;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.sstable.Table;
import lsmdb.core.sstable.TableBuilder;
import org.junit.jupiter.api.Test;

/**
 * The sources a read merges, each the real thing (memtables, tables of small blocks, a level of tables), alone and
 * merged, walked at random against a TreeMap of their entries: after every move the iterator's validity, what
 * {@code next()} answered, its key through {@link InternalIterator#keySlot()} and through {@code key()}, and its value.
 */
class MergedSourcesModelTest {

    private final MemFileSystem fs = new MemFileSystem();
    private final Options options = Options.defaults().withBlockSize(256).withBlockRestartInterval(4);
    private final BlockCache cache = new BlockCache(1 << 20);
    private int fileNumber = 1;

    @Test
    void eachSourceAndTheirMergeWalkLikeTheModel() throws IOException {
        Random rnd = new Random(42);
        for (int round = 0; round < 12; round++) {
            TreeMap<byte[], byte[]> all = new TreeMap<>(InternalKey.ORDER);
            List<InternalIterator> children = new ArrayList<>();
            List<TreeMap<byte[], byte[]>> parts = new ArrayList<>();
            long[] seq = {1};
            for (int m = 0; m < 2; m++) { // memtables
                MemTable mem = new MemTable();
                TreeMap<byte[], byte[]> part = new TreeMap<>(InternalKey.ORDER);
                for (int i = rnd.nextInt(300); i > 0; i--) {
                    byte[] user = userKey(rnd);
                    byte[] value = value(rnd);
                    byte kind = rnd.nextInt(6) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
                    mem.add(seq[0], kind, user, value);
                    part.put(InternalKey.encode(user, seq[0]++, kind), value);
                }
                children.add(mem.iterator());
                parts.add(part);
            }
            for (int t = 0; t < 2; t++) { // overlapping tables, as level 0's
                TreeMap<byte[], byte[]> part = entries(rnd, seq, 1 + rnd.nextInt(600), null, null);
                children.add(table(part).iterator());
                parts.add(part);
            }
            // a level: tables over disjoint, consecutive user-key ranges
            int files = 1 + rnd.nextInt(5);
            List<byte[]> smallest = new ArrayList<>();
            List<byte[]> largest = new ArrayList<>();
            List<Table> levelTables = new ArrayList<>();
            TreeMap<byte[], byte[]> levelPart = new TreeMap<>(InternalKey.ORDER);
            for (int f = 0; f < files; f++) {
                String lo = String.format("k%04d", f * 2000 / files);
                String hi = String.format("k%04d", (f + 1) * 2000 / files);
                TreeMap<byte[], byte[]> part = entries(rnd, seq, 1 + rnd.nextInt(400), lo, hi);
                levelTables.add(table(part));
                smallest.add(part.firstKey());
                largest.add(part.lastKey());
                levelPart.putAll(part);
            }
            InternalIterator level = new LevelIterator(smallest, largest, i -> levelTables.get(i).iterator());
            children.add(level);
            parts.add(levelPart);
            for (int c = 0; c < children.size(); c++) {
                walk(children.get(c), parts.get(c), rnd, 1500, "round " + round + " child " + c);
                all.putAll(parts.get(c));
            }
            walk(new MergingIterator(children), all, rnd, 6000, "round " + round + " merge");
            walkForward(new MergingIterator(children), all, rnd, "round " + round + " merge forward");
        }
    }

    /** Seeks followed by long runs of next(), the way a scan moves. */
    private static void walkForward(InternalIterator it, TreeMap<byte[], byte[]> model, Random rnd, String what) {
        List<byte[]> keys = new ArrayList<>(model.keySet());
        for (int s = 0; s < 50; s++) {
            byte[] target = InternalKey.encode(userKey(rnd), rnd.nextInt(5000), InternalKey.KIND_PUT);
            it.seek(target);
            int pos = SortedListIterator.lowerBound(keys, target);
            for (int i = 0; i < 300 && pos < keys.size(); i++) {
                check(it, model, keys, pos, what + " seek " + s + " row " + i);
                boolean moved = it.next();
                pos++;
                assertEquals(pos < keys.size(), moved, what + ": next's answer");
            }
        }
    }

    private static void walk(InternalIterator it, TreeMap<byte[], byte[]> model, Random rnd, int steps, String what) {
        List<byte[]> keys = new ArrayList<>(model.keySet());
        KeySlot slot = it.keySlot();
        int pos = -1;
        for (int step = 0; step < steps; step++) {
            int op = rnd.nextInt(10);
            boolean valid = pos >= 0 && pos < keys.size();
            String at = what + " step " + step;
            if (op == 0) {
                it.seekToFirst();
                pos = 0;
            } else if (op == 1) {
                it.seekToLast();
                pos = keys.size() - 1;
            } else if (op < 4 || !valid) {
                byte[] target = rnd.nextInt(3) == 0 && !keys.isEmpty() ? keys.get(rnd.nextInt(keys.size()))
                        : InternalKey.encode(userKey(rnd), rnd.nextInt(5000), InternalKey.KIND_PUT);
                it.seek(target);
                pos = SortedListIterator.lowerBound(keys, target);
            } else if (op < 8) {
                boolean moved = it.next();
                pos++;
                assertEquals(pos < keys.size(), moved, at + ": next's answer");
            } else {
                it.prev();
                pos--;
            }
            assertSame(slot, it.keySlot(), at + ": one slot for the iterator's life");
            assertEquals(pos >= 0 && pos < keys.size(), it.isValid(), at + ": validity");
            if (it.isValid()) {
                check(it, model, keys, pos, at);
            }
        }
    }

    private static void check(InternalIterator it, TreeMap<byte[], byte[]> model, List<byte[]> keys, int pos,
                              String at) {
        byte[] expected = keys.get(pos);
        KeySlot slot = it.keySlot();
        assertArrayEquals(expected, Arrays.copyOf(slot.bytes, slot.length), at + ": key in the slot");
        assertArrayEquals(expected, it.key(), at + ": key()");
        assertArrayEquals(expected, Arrays.copyOf(it.keyBuffer(), it.keyLength()), at + ": key buffer");
        assertArrayEquals(model.get(expected), it.value(), at + ": value");
    }

    /** Keys of varying length: a slot left with an earlier key's length shows even where buffers are reused. */
    private static byte[] userKey(Random rnd) {
        return (String.format("k%04d", rnd.nextInt(2000)) + "xyz".substring(rnd.nextInt(4))).getBytes();
    }

    private static byte[] value(Random rnd) {
        byte[] v = new byte[rnd.nextInt(20) == 0 ? 300 : rnd.nextInt(30)];
        rnd.nextBytes(v);
        return v;
    }

    /** Random entries with user keys in [lo, hi) (null: any), each with a fresh sequence. */
    private static TreeMap<byte[], byte[]> entries(Random rnd, long[] seq, int n, String lo, String hi) {
        TreeMap<byte[], byte[]> part = new TreeMap<>(InternalKey.ORDER);
        while (part.size() < n) {
            byte[] user = userKey(rnd);
            String s = new String(user);
            if ((lo != null && s.compareTo(lo) < 0) || (hi != null && s.compareTo(hi) >= 0)) {
                continue;
            }
            byte kind = rnd.nextInt(6) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
            part.put(InternalKey.encode(user, seq[0]++, kind), value(rnd));
        }
        return part;
    }

    private Table table(TreeMap<byte[], byte[]> entries) throws IOException {
        Path path = Path.of(String.format("/t/%06d.sst", fileNumber));
        fs.createDirectories(path.getParent());
        try (WritableFile f = fs.create(path)) {
            TableBuilder b = new TableBuilder(options, f);
            for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
            b.finish();
        }
        ReadableFile f = fs.openForRead(path);
        return Table.open(f, path.toString(), fileNumber++, f.size(), cache);
    }
}
