package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.CorruptionException;
import lsmdb.core.Options;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.io.WritableFile;
import org.junit.jupiter.api.Test;

/** A table against a TreeMap of internal keys: iteration both ways, seeks, gets at sequences; damage detected. */
class TableTest {

    private final MemFileSystem fs = new MemFileSystem();
    private final Path path = Path.of("/t/000007.sst");
    private final Options options = Options.defaults().withBlockSize(512).withBlockRestartInterval(4);

    /** Several versions per user key, empty and large values. */
    private TreeMap<byte[], byte[]> build(Random r) throws IOException {
        TreeMap<byte[], byte[]> model = new TreeMap<>(InternalKey.ORDER);
        long seq = 1;
        for (int i = 0; i < 3000; i++) {
            byte[] user = String.format("key%05d", r.nextInt(1500)).getBytes();
            byte[] value = new byte[r.nextInt(10) == 0 ? 1200 : r.nextInt(40)];
            r.nextBytes(value);
            byte kind = r.nextInt(8) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
            model.put(InternalKey.encode(user, seq++, kind), value);
        }
        write(model);
        return model;
    }

    /** Writes {@code model} (internal keys to values) as the table. */
    private void write(TreeMap<byte[], byte[]> model) throws IOException {
        fs.createDirectories(path.getParent());
        try (WritableFile f = fs.create(path)) {
            TableBuilder b = new TableBuilder(options, f);
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
            b.finish();
        }
    }

    /**
     * Keys of every shape the block fence must order right: {@code shared}, then 0 to {@code maxTail} bytes from a
     * tiny alphabet with 0x00 and 0xFF (so keys share long prefixes, end in zeros, and are prefixes of one another).
     */
    private static java.util.function.Supplier<byte[]> keysOfEveryShape(Random r, byte[] shared, int maxTail) {
        byte[] alphabet = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff};
        return () -> {
            byte[] k = java.util.Arrays.copyOf(shared, shared.length + r.nextInt(maxTail + 1));
            for (int i = shared.length; i < k.length; i++) {
                k[i] = alphabet[r.nextInt(alphabet.length)];
            }
            return k;
        };
    }

    /**
     * 2,000 puts of keys from {@code key}, one in {@code manyEvery} with {@code many} versions (so versions of a key
     * straddle block boundaries and separators tie), written as the table; the model, its sequences 1 up.
     */
    private TreeMap<byte[], byte[]> writeVersions(Random r, java.util.function.Supplier<byte[]> key, int manyEvery,
                                                  int many) throws IOException {
        TreeMap<byte[], byte[]> model = new TreeMap<>(InternalKey.ORDER);
        long seq = 1;
        for (int i = 0; i < 2000; i++) {
            byte[] user = key.get();
            for (int v = r.nextInt(manyEvery) == 0 ? many : 1; v > 0; v--) {
                byte[] value = new byte[r.nextInt(30)];
                r.nextBytes(value);
                model.put(InternalKey.encode(user, seq++, InternalKey.KIND_PUT), value);
            }
        }
        write(model);
        return model;
    }

    Table open() throws IOException {
        ReadableFile f = fs.openForRead(path);
        return Table.open(f, path.toString(), 7, f.size(), new BlockCache(1 << 20));
    }

    @Test
    void tableMatchesTheModel() throws Exception {
        Random r = new Random(1);
        TreeMap<byte[], byte[]> model = build(r);
        Table t = open();
        try (InternalIterator it = t.iterator()) {
            it.seekToFirst();
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                assertTrue(it.isValid());
                assertArrayEquals(e.getKey(), it.key());
                assertArrayEquals(e.getValue(), it.value());
                it.next();
            }
            assertFalse(it.isValid());
            it.seekToLast();
            for (byte[] k : model.descendingKeySet()) {
                assertArrayEquals(k, it.key());
                it.prev();
            }
            assertFalse(it.isValid());
            for (int i = 0; i < 500; i++) {
                byte[] target = InternalKey.forSeek(String.format("key%05d", r.nextInt(1600)).getBytes(), r.nextInt(3200));
                it.seek(target);
                byte[] expected = model.ceilingKey(target);
                if (expected == null) {
                    assertFalse(it.isValid());
                } else {
                    assertArrayEquals(expected, it.key());
                }
            }
        }
        for (int i = 0; i < 500; i++) {
            byte[] user = String.format("key%05d", r.nextInt(1600)).getBytes();
            byte[] seek = InternalKey.forSeek(user, 1 + r.nextInt(3200));
            byte[] expected = model.ceilingKey(seek);
            Table.Entry e = t.get(seek);
            if (expected == null || !InternalKey.hasUserKey(expected, user)) {
                assertNull(e);
            } else {
                assertNotNull(e);
                assertArrayEquals(expected, e.key());
                assertArrayEquals(model.get(expected), e.value());
            }
        }
        t.close();
    }

    /**
     * Seeks (whose data block the fence names, read without the index cursor) followed by walks that cross block
     * boundaries both ways, against the model: the index cursor must be brought to the right block when a walk
     * leaves it backward, and a forward walk must go on by block ordinal from wherever the seek left it.
     */
    @Test
    void walksAfterSeeksCrossBlocksLikeTheModel() throws Exception {
        Random r = new Random(3);
        TreeMap<byte[], byte[]> model = build(r);
        byte[][] keys = model.keySet().toArray(new byte[0][]);
        Table t = open();
        try (InternalIterator it = t.iterator()) {
            int pos = -1;
            for (int step = 0; step < 40_000; step++) {
                int op = r.nextInt(100);
                boolean valid = pos >= 0 && pos < keys.length;
                if (op < 4 || (!valid && op < 50)) {
                    byte[] target = r.nextBoolean() ? keys[r.nextInt(keys.length)]
                            : InternalKey.forSeek(String.format("key%05d", r.nextInt(1600)).getBytes(), r.nextInt(3200));
                    it.seek(target);
                    byte[] ceiling = model.ceilingKey(target);
                    pos = ceiling == null ? keys.length : model.headMap(ceiling).size();
                } else if (!valid) {
                    if (r.nextBoolean()) {
                        it.seekToFirst();
                        pos = 0;
                    } else {
                        it.seekToLast();
                        pos = keys.length - 1;
                    }
                } else if (op < 75) {
                    it.next();
                    pos++;
                } else {
                    it.prev();
                    pos--;
                }
                boolean expectValid = pos >= 0 && pos < keys.length;
                assertEquals(expectValid, it.isValid(), "validity at step " + step);
                if (expectValid) {
                    assertArrayEquals(keys[pos], it.key(), "key at step " + step);
                    assertArrayEquals(model.get(keys[pos]), it.value(), "value at step " + step);
                }
            }
        }
        t.close();
    }

    /**
     * Point gets over keys of every shape the block fence must order right: lengths 0 to 20, bytes from a tiny
     * alphabet with 0x00 and 0xFF (so keys share long prefixes, end in zeros, and are prefixes of one another), long
     * shared prefixes, and several versions of a key across block boundaries (separators that tie). Iterator seeks,
     * which find their index entry through the same fence, too.
     */
    @Test
    void getsMatchTheModelForKeysOfEveryShape() throws Exception {
        Random r = new Random(7);
        for (int round = 0; round < 6; round++) {
            byte[] shared = new byte[round * 3];
            r.nextBytes(shared);
            java.util.function.Supplier<byte[]> key = keysOfEveryShape(r, shared, 20);
            TreeMap<byte[], byte[]> model = writeVersions(r, key, 20, 30);
            long seq = model.size() + 1;
            Table t = open();
            java.util.List<byte[]> users = new java.util.ArrayList<>();
            for (byte[] k : model.keySet()) {
                users.add(InternalKey.userKey(k));
            }
            for (int i = 0; i < 4000; i++) {
                byte[] user = i % 2 == 0 ? users.get(r.nextInt(users.size())) : key.get();
                if (i % 7 == 0) {
                    user = new byte[r.nextInt(4)]; // short keys outside the shared prefix
                    r.nextBytes(user);
                }
                byte[] seek = InternalKey.forSeek(user, 1 + r.nextInt((int) seq + 5));
                byte[] expected = model.ceilingKey(seek);
                Table.Entry e = t.get(seek);
                if (expected == null || !InternalKey.hasUserKey(expected, user)) {
                    assertNull(e, "round " + round + " get " + i);
                } else {
                    assertNotNull(e, "round " + round + " get " + i);
                    assertArrayEquals(expected, e.key());
                    assertArrayEquals(model.get(expected), e.value());
                }
                // the iterator's seek (through the same fence) lands on the same entry and steps on from there
                try (InternalIterator it = t.iterator()) {
                    it.seek(seek);
                    if (expected == null) {
                        assertFalse(it.isValid(), "round " + round + " seek " + i);
                    } else {
                        assertArrayEquals(expected, it.key(), "round " + round + " seek " + i);
                        it.next();
                        byte[] after = model.higherKey(expected);
                        if (after == null) {
                            assertFalse(it.isValid());
                        } else {
                            assertArrayEquals(after, it.key(), "round " + round + " next after seek " + i);
                        }
                    }
                }
            }
            t.close();
        }
    }

    /**
     * Gathers of ranges a few to many blocks long, from seek keys of every shape, against the model: whether the
     * fence places the seek key (keys that differ early) or the index must (keys that tie on the fence's words: long
     * shared prefixes, several versions of a key across a block boundary), the walk goes on block by block to the
     * range's end and adds every version of every user key in it.
     */
    @Test
    void gathersMatchTheModelWhicheverSearchFindsTheFirstBlock() throws Exception {
        Random r = new Random(11);
        int placedByFence = 0;
        int placedByIndex = 0;
        int longGathers = 0;
        int offTheEnd = 0;
        int fromPastTheEnd = 0;
        for (int round = 0; round < 6; round++) {
            byte[] shared = new byte[round * 4];
            r.nextBytes(shared);
            java.util.function.Supplier<byte[]> key = keysOfEveryShape(r, shared, 23);
            TreeMap<byte[], byte[]> model = writeVersions(r, key, 15, 20);
            long seq = model.size() + 1;
            java.util.List<byte[]> users = new java.util.ArrayList<>();
            for (byte[] k : model.keySet()) {
                byte[] u = InternalKey.userKey(k);
                if (users.isEmpty() || !java.util.Arrays.equals(users.get(users.size() - 1), u)) {
                    users.add(u);
                }
            }
            Table t = open();
            RangeGather g = new RangeGather();
            for (int i = 0; i < 3000; i++) {
                int at = r.nextInt(users.size());
                byte[] from = i % 3 == 0 ? key.get() : users.get(at);
                int end = at + 1 + r.nextInt(80);
                byte[] to = end < users.size() ? users.get(end) : key.get();
                byte[] lastUser = users.get(users.size() - 1);
                byte[] beyond = java.util.Arrays.copyOf(lastUser, lastUser.length + 2);
                beyond[lastUser.length] = (byte) 0xff;
                if (i % 10 == 7) { // from one of the last keys off the table's end
                    from = users.get(Math.max(0, users.size() - 1 - r.nextInt(40)));
                    to = beyond;
                } else if (i % 10 == 8) { // from past the table's last key
                    from = java.util.Arrays.copyOf(lastUser, lastUser.length + 1);
                    to = beyond;
                }
                if (java.util.Arrays.compareUnsigned(from, to) >= 0) {
                    continue;
                }
                byte[] seekKey = InternalKey.forSeek(from, InternalKey.MAX_SEQUENCE);
                if (t.fence == null || t.fence.find(seekKey, from.length) == lsmdb.core.util.KeyFence.UNDECIDED) {
                    placedByIndex++;
                } else {
                    placedByFence++;
                }
                g.reset(100_000);
                assertTrue(t.gather(seekKey, to, g), "round " + round + " gather " + i + " fits its limit");
                java.util.List<byte[]> expected = new java.util.ArrayList<>();
                for (byte[] k : model.tailMap(seekKey, true).keySet()) {
                    if (java.util.Arrays.compareUnsigned(InternalKey.userKey(k), to) >= 0) {
                        break;
                    }
                    expected.add(k);
                }
                assertEquals(expected.size(), g.gathered(), "round " + round + " gather " + i + " entries");
                longGathers += expected.size() > 60 ? 1 : 0;
                if (java.util.Arrays.compareUnsigned(to, lastUser) > 0) {
                    offTheEnd += expected.isEmpty() ? 0 : 1;
                    fromPastTheEnd += java.util.Arrays.compareUnsigned(from, lastUser) > 0 ? 1 : 0;
                }
                g.resolve(seq, (gather, entry, sequence) -> false);
                int v = 0;
                byte[] previous = null;
                for (byte[] k : expected) {
                    byte[] u = InternalKey.userKey(k);
                    if (previous != null && java.util.Arrays.equals(previous, u)) {
                        continue; // an older version: the newest of each user key is the one visible
                    }
                    previous = u;
                    assertArrayEquals(u, g.userKey(v), "round " + round + " gather " + i + " key " + v);
                    assertArrayEquals(model.get(k), g.value(v), "round " + round + " gather " + i + " value " + v);
                    v++;
                }
                assertEquals(v, g.visible(), "round " + round + " gather " + i + " visible entries");
            }
            t.close();
        }
        assertTrue(placedByFence > 1000 && placedByIndex > 100,
                "both searches should find first blocks: fence " + placedByFence + ", index " + placedByIndex);
        assertTrue(longGathers > 500, "gathers should cross blocks, " + longGathers + " ran past 60 entries");
        assertTrue(offTheEnd > 20 && fromPastTheEnd > 20, "gathers should run off the table's end (" + offTheEnd
                + ") and start past it (" + fromPastTheEnd + ")");
    }

    byte[] bytes() throws IOException {
        try (ReadableFile f = fs.openForRead(path)) {
            byte[] b = new byte[(int) f.size()];
            f.readFully(0, b, 0, b.length);
            return b;
        }
    }

    private void replace(byte[] b, int length) throws IOException {
        try (WritableFile f = fs.create(path)) {
            f.append(b, 0, length);
        }
    }

    private static void readAll(Table t) {
        try (InternalIterator it = t.iterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                it.value();
            }
        }
    }

    @Test
    void everySingleFlippedByteOfASmallTableIsDetected() throws Exception {
        fs.createDirectories(path.getParent());
        try (WritableFile f = fs.create(path)) {
            TableBuilder b = new TableBuilder(options, f);
            for (int i = 0; i < 40; i++) {
                b.add(InternalKey.encode(String.format("k%03d", i).getBytes(), i + 1, InternalKey.KIND_PUT),
                        ("v" + i).getBytes());
            }
            b.finish();
        }
        byte[] good = bytes();
        for (int off = 0; off < good.length; off++) {
            byte[] bad = good.clone();
            bad[off] ^= 0x04;
            replace(bad, bad.length);
            int at = off;
            Exception e = assertThrows(Exception.class, () -> {
                Table t = open();
                readAll(t);
                for (int i = 0; i < 40; i++) {
                    t.get(InternalKey.forSeek(String.format("k%03d", i).getBytes(), 100));
                }
            }, "a flipped bit at offset " + at + " of " + good.length + " went unnoticed");
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            assertTrue(cause instanceof CorruptionException, "offset " + at + ": " + e);
        }
    }

    @Test
    void damageAnywhereIsReportedNamingTheFile() throws Exception {
        build(new Random(2));
        byte[] good = bytes();
        int[] offsets = {10, good.length / 2, good.length - 60, good.length - 3};
        for (int off : offsets) {
            byte[] bad = good.clone();
            bad[off] ^= 0x01;
            replace(bad, bad.length);
            Exception e = assertThrows(Exception.class, () -> readAll(open()), "flip at " + off);
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            assertTrue(cause instanceof CorruptionException, "flip at " + off + ": " + e);
            assertTrue(cause.getMessage().contains("000007.sst"), cause.getMessage());
        }
        replace(good, good.length - 20);
        assertThrows(CorruptionException.class, this::open, "a truncated table is refused");
        replace(good, 10);
        assertThrows(CorruptionException.class, this::open);
        replace(good, good.length);
        readAll(open());
        assertEquals(good.length, bytes().length);
    }
}
