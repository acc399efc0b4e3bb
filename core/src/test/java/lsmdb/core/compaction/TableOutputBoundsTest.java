package lsmdb.core.compaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.Options;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.version.FileMetaData;
import org.junit.jupiter.api.Test;

/**
 * A table's recorded bounds and smallest sequence are its first key, its last key and the least sequence added,
 * whichever way the entries came in (a memtable's arrays, a merge's reused buffers), over tables of one block and
 * of many.
 */
class TableOutputBoundsTest {

    private final MemFileSystem fs = new MemFileSystem();
    private final Path dir = Path.of("/db");
    private final Options options = Options.defaults().withBlockSize(256);

    /** Random internal keys in order: several versions of some user keys, puts and deletions. */
    private static TreeMap<byte[], byte[]> entries(Random r, int n) {
        TreeMap<byte[], byte[]> m = new TreeMap<>(InternalKey::compare);
        while (m.size() < n) {
            byte[] user = String.format("k%0" + (1 + r.nextInt(12)) + "d", r.nextInt(5 * n)).getBytes();
            byte kind = r.nextInt(5) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
            byte[] value = new byte[kind == InternalKey.KIND_PUT ? r.nextInt(40) : 0];
            r.nextBytes(value);
            m.put(InternalKey.encode(user, 1 + r.nextInt(1_000_000), kind), value);
        }
        return m;
    }

    private static void assertBounds(TreeMap<byte[], byte[]> m, FileMetaData meta) {
        assertArrayEquals(m.firstKey(), meta.smallest());
        assertArrayEquals(m.lastKey(), meta.largest());
        long least = Long.MAX_VALUE;
        for (byte[] k : m.keySet()) {
            least = Math.min(least, InternalKey.sequence(k));
        }
        assertEquals(least, meta.smallestSeq());
    }

    @Test
    void boundsOfTablesWrittenFromArrays() throws IOException {
        Random r = new Random(21);
        for (int round = 0; round < 40; round++) {
            TreeMap<byte[], byte[]> m = entries(r, 1 + r.nextInt(round < 10 ? 3 : 2000));
            TableOutput out = new TableOutput(fs, dir, round + 1, options);
            for (var e : m.entrySet()) {
                out.add(e.getKey(), e.getValue());
            }
            assertBounds(m, out.finish());
        }
    }

    @Test
    void boundsOfTablesWrittenFromReusedBuffers() throws IOException {
        Random r = new Random(22);
        byte[] keyBuffer = new byte[64];
        byte[] valueBuffer = new byte[64];
        for (int round = 0; round < 40; round++) {
            TreeMap<byte[], byte[]> m = entries(r, 1 + r.nextInt(round < 10 ? 3 : 2000));
            TableOutput out = new TableOutput(fs, dir, 100 + round, options);
            for (var e : m.entrySet()) {
                byte[] k = e.getKey();
                System.arraycopy(k, 0, keyBuffer, 0, k.length);
                System.arraycopy(e.getValue(), 0, valueBuffer, 3, e.getValue().length);
                out.add(keyBuffer, k.length, valueBuffer, 3, e.getValue().length);
                Arrays.fill(keyBuffer, (byte) 0x7f); // the caller reuses its buffer at once
            }
            assertBounds(m, out.finish());
        }
    }

    @Test
    void boundsOfTablesWrittenFromAnIterator() throws IOException {
        Random r = new Random(23);
        for (int round = 0; round < 20; round++) {
            MemTable mem = new MemTable();
            TreeMap<byte[], byte[]> m = new TreeMap<>(InternalKey::compare);
            long seq = 1;
            int n = 1 + r.nextInt(round < 5 ? 3 : 3000);
            for (int i = 0; i < n; i++) {
                byte[] user = String.format("u%06d", r.nextInt(2 * n)).getBytes();
                byte[] value = new byte[r.nextInt(30)];
                mem.add(seq, InternalKey.KIND_PUT, user, value);
                m.put(InternalKey.encode(user, seq++, InternalKey.KIND_PUT), value);
            }
            TableOutput out = new TableOutput(fs, dir, 200 + round, options);
            var it = mem.iterator();
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(it);
            }
            assertBounds(m, out.finish());
        }
    }
}
