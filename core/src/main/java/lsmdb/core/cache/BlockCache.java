package lsmdb.core.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The LRU cache of decoded blocks shared by every table of a database, bounded in bytes. Split into shards, each
 * with its own lock and its share of the capacity, so concurrent readers rarely meet. A capacity of 0 disables it.
 */
public final class BlockCache {

    private static final int SHARDS = 16;

    private final long capacity;
    private final Shard[] shards = new Shard[SHARDS];
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public BlockCache(long capacityBytes) {
        this.capacity = capacityBytes;
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(capacityBytes / SHARDS);
        }
    }

    private static long key(long fileNumber, long offset) {
        // 24 bits of file number and 40 of offset: unique for any file under 1 TiB among the last 16M numbers.
        return (fileNumber << 40) ^ offset;
    }

    private Shard shard(long key) {
        long h = key * 0x9e3779b97f4a7c15L;
        return shards[(int) (h >>> 60)];
    }

    /** The cached block, or null. */
    public Object get(long fileNumber, long offset) {
        if (capacity == 0) {
            misses.increment();
            return null;
        }
        long k = key(fileNumber, offset);
        Object v = shard(k).get(k);
        if (v == null) {
            misses.increment();
        } else {
            hits.increment();
        }
        return v;
    }

    public void put(long fileNumber, long offset, Object block, int charge) {
        if (capacity == 0) {
            return;
        }
        long k = key(fileNumber, offset);
        shard(k).put(k, block, charge);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long usage() {
        long n = 0;
        for (Shard s : shards) {
            n += s.usage();
        }
        return n;
    }

    public long capacity() {
        return capacity;
    }

    private record Charged(Object value, int charge) {
    }

    private static final class Shard {
        private final long capacity;
        private final LinkedHashMap<Long, Charged> map = new LinkedHashMap<>(256, 0.75f, true);
        private long usage;

        Shard(long capacity) {
            this.capacity = capacity;
        }

        synchronized Object get(long key) {
            Charged c = map.get(key);
            return c == null ? null : c.value();
        }

        synchronized void put(long key, Object value, int charge) {
            Charged old = map.put(key, new Charged(value, charge));
            if (old != null) {
                usage -= old.charge();
            }
            usage += charge;
            Iterator<Map.Entry<Long, Charged>> it = map.entrySet().iterator();
            while (usage > capacity && it.hasNext()) {
                Map.Entry<Long, Charged> e = it.next();
                usage -= e.getValue().charge();
                it.remove();
            }
        }

        synchronized long usage() {
            return usage;
        }
    }
}
