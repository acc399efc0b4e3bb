package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.Options;
import lsmdb.core.format.ForwardCount;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.WritableFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table's bulk count ({@link InternalIterator#countForward}) with the index's per-block counts (blocks counted
 * unread) and without them (a table as builders before them wrote it), against a model of internal entries: stretches
 * of single puts (countable blocks) between stretches of versions and deletes, sequences above and below the read
 * sequence, ranges, and a lowered limit (a merge's runner-up) the count must stop at exactly. Counts the data-block
 * reads to show that countable blocks inside the range are not read.
 */
class TableCountTest {

    private final MemFileSystem fs = new MemFileSystem();
    private final Path path = Path.of("/t/000009.sst");

    /** Internal key to value; user keys k00000.. in stretches, clean or messy. */
    private TreeMap<byte[], byte[]> build(Random r, boolean countTails, Options options) throws IOException {
        TreeMap<byte[], byte[]> model = new TreeMap<>(InternalKey.ORDER);
        long seq = 1;
        int key = 0;
        while (key < 4000) {
            int stretch = 20 + r.nextInt(300);
            int kind = r.nextInt(4); // 0, 1: single puts; 2: versions and deletes; 3: puts with a newer sequence
            for (int i = 0; i < stretch; i++, key++) {
                byte[] user = String.format("k%05d", key).getBytes();
                byte[] value = new byte[r.nextInt(30)];
                r.nextBytes(value);
                switch (kind) {
                    case 2 -> {
                        int versions = 1 + r.nextInt(3);
                        for (int v = 0; v < versions; v++) {
                            byte k = r.nextInt(3) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
                            model.put(InternalKey.encode(user, seq + r.nextInt(2000), k), value);
                        }
                    }
                    case 3 -> model.put(InternalKey.encode(user, 1000 + r.nextInt(1000), InternalKey.KIND_PUT), value);
                    default -> model.put(InternalKey.encode(user, seq + r.nextInt(500), InternalKey.KIND_PUT), value);
                }
            }
        }
        write(model, options, countTails);
        return model;
    }

    /** The live user keys in [from, to) at {@code readSequence}: a key's newest entry at or below it is a put. */
    private static long expected(TreeMap<byte[], byte[]> model, byte[] from, byte[] to, long readSequence) {
        long n = 0;
        byte[] last = null;
        for (byte[] k : model.keySet()) {
            byte[] user = InternalKey.userKey(k);
            if (Arrays.compareUnsigned(user, from) < 0 || Arrays.compareUnsigned(user, to) >= 0
                    || InternalKey.sequence(k) > readSequence || Arrays.equals(user, last)) {
                continue;
            }
            last = user;
            if ((byte) InternalKey.trailer(k, 0, k.length) == InternalKey.KIND_PUT) {
                n++;
            }
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void countsMatchTheModelWithAndWithoutBlockCounts(int seed) throws IOException {
        Random r = new Random(seed);
        boolean countTails = seed % 2 == 1;
        Options options = Options.defaults().withBlockSize(128 + r.nextInt(1024))
                .withBlockRestartInterval(1 + r.nextInt(16));
        TreeMap<byte[], byte[]> model = build(r, countTails, options);
        CountingFile file = new CountingFile(fs.openForRead(path));
        Table t = Table.open(file, path.toString(), 9, file.size(), null);
        try {
            for (int q = 0; q < 300; q++) {
                int a = r.nextInt(4200);
                int b = a + r.nextInt(q % 3 == 0 ? 4200 : 600);
                byte[] from = String.format("k%05d", a).getBytes();
                byte[] to = String.format("k%05d", b).getBytes();
                long readSequence = r.nextInt(4) == 0 ? 400 + r.nextInt(3000) : InternalKey.MAX_SEQUENCE;
                byte[] limit = r.nextInt(3) == 0 ? String.format("k%05d", a + r.nextInt(b - a + 1)).getBytes() : null;
                byte[] end = limit != null && Arrays.compareUnsigned(limit, to) < 0 ? limit : to;
                String what = "[" + a + ", " + b + ") limit " + (limit == null ? "-" : new String(limit)) + " at "
                        + readSequence;
                try (InternalIterator it = t.iterator()) {
                    it.seek(InternalKey.forSeek(from, InternalKey.MAX_SEQUENCE));
                    ForwardCount count = new ForwardCount(readSequence, to, null);
                    if (limit != null) {
                        count.lowerLimit(limit, limit.length);
                    }
                    boolean stopped = it.isValid() && (!count.accept(it.keyBuffer(), it.keyLength(), it)
                            || it.countForward(count));
                    assertEquals(expected(model, from, end, readSequence), count.count(), what);
                    // it stops on the first entry at or past the bound, or runs off the end of the table
                    Map.Entry<byte[], byte[]> next = model.ceilingEntry(InternalKey.forSeek(end, InternalKey.MAX_SEQUENCE));
                    assertEquals(next != null, stopped, what);
                    if (next != null) {
                        assertTrue(it.isValid(), what);
                        assertEquals(show(next.getKey()), show(it.key()), what);
                    } else {
                        assertFalse(it.isValid(), what);
                    }
                }
            }
        } finally {
            t.close();
        }
    }

    /**
     * A range over many blocks of single puts: with block counts, only the blocks at its two ends are read; a table
     * without them (as older builders wrote) reads every block and counts the same.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void countableBlocksInsideTheRangeAreNotRead(boolean countTails) throws IOException {
        Options options = Options.defaults().withBlockSize(256);
        TreeMap<byte[], byte[]> model = new TreeMap<>(InternalKey.ORDER);
        for (int i = 0; i < 5000; i++) {
            model.put(InternalKey.encode(String.format("k%05d", i).getBytes(), 10 + i, InternalKey.KIND_PUT),
                    new byte[8]);
        }
        write(model, options, countTails);
        CountingFile file = new CountingFile(fs.openForRead(path));
        Table t = Table.open(file, path.toString(), 9, file.size(), null);
        try (InternalIterator it = t.iterator()) {
            byte[] from = "k01003".getBytes();
            byte[] to = "k04007".getBytes();
            it.seek(InternalKey.forSeek(from, InternalKey.MAX_SEQUENCE));
            int before = file.reads.get();
            ForwardCount count = new ForwardCount(InternalKey.MAX_SEQUENCE, to, null);
            assertTrue(count.accept(it.keyBuffer(), it.keyLength(), it));
            assertTrue(it.countForward(count));
            assertEquals(3004, count.count());
            int reads = file.reads.get() - before;
            if (countTails) {
                assertTrue(reads <= 2, reads + " blocks read");
            } else {
                assertTrue(reads > 100, reads + " blocks read");
            }
            // at a sequence below some entries of the range, those blocks are read and the count stays exact
            it.seek(InternalKey.forSeek(from, InternalKey.MAX_SEQUENCE));
            ForwardCount older = new ForwardCount(2010, to, null);
            assertTrue(older.accept(it.keyBuffer(), it.keyLength(), it));
            assertTrue(it.countForward(older));
            assertEquals(2000 - 1003 + 1, older.count());
        } finally {
            t.close();
        }
    }

    private static String show(byte[] internalKey) {
        return new String(InternalKey.userKey(internalKey)) + "@" + InternalKey.sequence(internalKey)
                + "/" + (byte) InternalKey.trailer(internalKey, 0, internalKey.length);
    }

    /** Writes {@code model}'s entries to the test's table file, with or without index count tails. */
    private void write(TreeMap<byte[], byte[]> model, Options options, boolean countTails) throws IOException {
        fs.createDirectories(path.getParent());
        try (WritableFile f = fs.create(path)) {
            TableBuilder b = new TableBuilder(options, f, countTails);
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
            b.finish();
        }
    }
}
