package lsmdb.core.memtable;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import lsmdb.core.format.InternalKey;

/**
 * Not a test: compares the skiplist memtable with a ConcurrentSkipListMap keyed by internal key on 1M random
 * inserts and 1M gets. Run: {@code java -cp core/target/classes:core/target/test-classes
 * lsmdb.core.memtable.MemTableBenchmark}.
 */
public final class MemTableBenchmark {

    private static final int N = 1_000_000;

    public static void main(String[] args) {
        byte[][] keys = new byte[N][];
        Random rnd = new Random(1);
        for (int i = 0; i < N; i++) {
            keys[i] = new byte[16];
            rnd.nextBytes(keys[i]);
        }
        byte[] value = new byte[100];
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            MemTable table = new MemTable();
            for (int i = 0; i < N; i++) {
                table.add(i + 1, InternalKey.KIND_PUT, keys[i], value);
            }
            long t1 = System.nanoTime();
            long found = 0;
            for (int i = 0; i < N; i++) {
                if (table.get(keys[(int) ((i * 7919L) % N)], N) != null) {
                    found++;
                }
            }
            long t2 = System.nanoTime();

            ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(InternalKey.ORDER);
            for (int i = 0; i < N; i++) {
                map.put(InternalKey.encode(keys[i], i + 1, InternalKey.KIND_PUT), value);
            }
            long t3 = System.nanoTime();
            long foundMap = 0;
            for (int i = 0; i < N; i++) {
                byte[] k = keys[(int) ((i * 7919L) % N)];
                Map.Entry<byte[], byte[]> e = map.ceilingEntry(InternalKey.forSeek(k, N));
                if (e != null && InternalKey.hasUserKey(e.getKey(), k)) {
                    foundMap++;
                }
            }
            long t4 = System.nanoTime();
            System.out.printf("round %d: skiplist insert %d ms, get %d ms (%d found); CSLM insert %d ms, get %d ms (%d found)%n",
                    round, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, found,
                    (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, foundMap);
        }
    }
}
