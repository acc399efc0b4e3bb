package lsmdb.core.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;
import lsmdb.core.sstable.SharedBlockCache;
import lsmdb.core.util.GuardedBy;

/**
 * The cache of decoded blocks shared by every table of a database, bounded in bytes, evicting by CLOCK (an
 * approximation of LRU that lets a hit cost no lock and no write but one flag).
 *
 * <p>Split into shards, each an open-addressing table of immutable entries keyed by (file number, offset). Lookups
 * read the table without locking: an entry carries its own key, so a reader racing an insert or an eviction either
 * finds the right block or misses (and reads the block from the file, which is always correct). Inserts and
 * evictions take the shard's lock. The clock hand sweeps the table's slots: a referenced entry loses its mark, an
 * unreferenced one is evicted. A capacity of 0 disables the cache.
 */
public final class BlockCache implements SharedBlockCache {

    private static final int SHARDS = 16;
    /** Slots per expected entry; tables stay at most half full so probe runs stay short. */
    private static final int SLOTS_PER_ENTRY = 4;
    private static final int TYPICAL_CHARGE = 4096;

    private final long capacity;
    private final Shard[] shards = new Shard[SHARDS];
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public BlockCache(long capacityBytes) {
        this.capacity = capacityBytes;
        long perShard = capacityBytes / SHARDS;
        int slots = Integer.highestOneBit((int) Math.min(1 << 24,
                Math.max(16, perShard / TYPICAL_CHARGE * SLOTS_PER_ENTRY)) * 2 - 1);
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(perShard, slots);
        }
    }

    private static long key(long fileNumber, long offset) {
        // 24 bits of file number and 40 of offset: unique for any file under 1 TiB among the last 16M numbers.
        return (fileNumber << 40) ^ offset;
    }

    private static long mix(long key) {
        long h = key * 0x9e3779b97f4a7c15L;
        return h ^ (h >>> 29);
    }

    private Shard shard(long hash) {
        return shards[(int) (hash >>> 60)];
    }

    /** The cached block, or null. */
    @Override
    public Object get(long fileNumber, long offset) {
        if (capacity == 0) {
            misses.increment();
            return null;
        }
        long k = key(fileNumber, offset);
        long h = mix(k);
        Object v = shard(h).get(k, (int) h);
        if (v == null) {
            misses.increment();
        } else {
            hits.increment();
        }
        return v;
    }

    @Override
    public void put(long fileNumber, long offset, Object block, int charge) {
        if (capacity == 0) {
            return;
        }
        long k = key(fileNumber, offset);
        long h = mix(k);
        shard(h).put(k, (int) h, block, charge);
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

    /** Entries held, for tests and stats. */
    public int entries() {
        int n = 0;
        for (Shard s : shards) {
            n += s.count();
        }
        return n;
    }

    public long capacity() {
        return capacity;
    }

    private static final class Entry {
        final long key;
        final Object value;
        final int charge;
        /** Set by hits, cleared by the clock hand. Racy on purpose: a lost update only ages an entry early. */
        boolean referenced;

        Entry(long key, Object value, int charge) {
            this.key = key;
            this.value = value;
            this.charge = charge;
        }
    }

    private static final class Shard {
        private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Entry[].class);

        private final long capacity;
        /** Written under the shard's lock ({@code this}) with release stores; read without a lock. */
        private final Entry[] slots;
        private final int mask;
        private final int maxCount;
        @GuardedBy("this")
        private long usage;
        @GuardedBy("this")
        private int count;
        @GuardedBy("this")
        private int hand;

        Shard(long capacity, int size) {
            this.capacity = capacity;
            this.slots = new Entry[size];
            this.mask = size - 1;
            this.maxCount = size / 2;
        }

        Object get(long key, int hash) {
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                Entry e = (Entry) SLOT.getAcquire(slots, i);
                if (e == null) {
                    return null;
                }
                if (e.key == key) {
                    if (!e.referenced) {
                        e.referenced = true;
                    }
                    return e.value;
                }
            }
        }

        synchronized void put(long key, int hash, Object value, int charge) {
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                Entry e = slots[i];
                if (e == null) {
                    break;
                }
                if (e.key == key) {
                    remove(i);
                    usage -= e.charge;
                    count--;
                    break;
                }
            }
            if (charge > capacity) {
                return; // larger than the whole shard: caching it would evict everything for one block
            }
            evictWhileOver(charge, 1);
            // Eviction may have shifted entries into the run: find the first free slot again.
            int i = hash & mask;
            while (slots[i] != null) {
                i = (i + 1) & mask;
            }
            SLOT.setRelease(slots, i, new Entry(key, value, charge));
            usage += charge;
            count++;
        }

        /** Sweeps the clock until {@code extraCharge} more bytes and {@code extraCount} more entries fit. */
        @GuardedBy("this")
        private void evictWhileOver(int extraCharge, int extraCount) {
            while (count > 0 && (usage + extraCharge > capacity || count + extraCount > maxCount)) {
                Entry e = slots[hand];
                if (e == null) {
                    hand = (hand + 1) & mask;
                } else if (e.referenced) {
                    e.referenced = false;
                    hand = (hand + 1) & mask;
                } else {
                    remove(hand);
                    usage -= e.charge;
                    count--;
                    // remove() may have shifted a later entry into this slot: look at it next.
                }
            }
        }

        /**
         * Empties slot {@code i} and shifts later entries of the probe run back so that every entry stays
         * reachable from its home slot. An entry is written at its new place before its old one is cleared,
         * so a concurrent reader may see it twice but never loses a present entry for longer than one shift.
         */
        @GuardedBy("this")
        private void remove(int i) {
            int gap = i;
            for (int j = (i + 1) & mask; ; j = (j + 1) & mask) {
                Entry e = slots[j];
                if (e == null) {
                    break;
                }
                int home = (int) mix(e.key) & mask;
                // Move e into the gap if its home does not lie cyclically in (gap, j].
                boolean homeAfterGap = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
                if (!homeAfterGap) {
                    SLOT.setRelease(slots, gap, e);
                    gap = j;
                }
            }
            SLOT.setRelease(slots, gap, null);
        }

        synchronized long usage() {
            return usage;
        }

        synchronized int count() {
            return count;
        }
    }
}
