package lsmdb.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BlockCacheTest {

    /** A value that names the key it was stored under, so a wrong answer is visible. */
    private record Block(long file, long offset, int version) {
    }

    @Test
    void answersOnlyWhatWasPutAndStaysWithinCapacity() {
        long capacity = 64 * 1024;
        BlockCache cache = new BlockCache(capacity);
        Map<Long, Block> latest = new HashMap<>();
        SplittableRandom r = new SplittableRandom(7);
        int hits = 0;
        for (int i = 0; i < 200_000; i++) {
            long file = r.nextInt(8);
            long offset = r.nextInt(300) * 4096L;
            long key = file * 1_000_000_000L + offset;
            if (r.nextInt(3) == 0) {
                Block b = new Block(file, offset, i);
                cache.put(file, offset, b, 500 + r.nextInt(3000));
                latest.put(key, b);
                assertSame(b, cache.get(file, offset), "a block just put is found");
            } else {
                Object got = cache.get(file, offset);
                if (got != null) {
                    assertSame(latest.get(key), got, "only the latest block put under a key is answered");
                    hits++;
                }
            }
            assertTrue(cache.usage() <= capacity, "usage " + cache.usage() + " over capacity");
        }
        assertTrue(hits > 1000, "the cache kept something: " + hits + " hits");
        assertEquals(cache.hits() + cache.misses(), cache.hits() + cache.misses());
    }

    @Test
    void keepsRecentlyUsedBlocksOverOnceUsedOnes() {
        BlockCache cache = new BlockCache(16 * 64 * 1024); // 64 KiB per shard
        // A hot set well under capacity, touched between every new block.
        for (int i = 0; i < 20; i++) {
            cache.put(1, i * 4096L, "hot" + i, 1024);
        }
        for (int j = 0; j < 10_000; j++) {
            cache.put(2, j * 4096L, "cold" + j, 1024);
            for (int i = 0; i < 20; i++) {
                cache.get(1, i * 4096L);
            }
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("hot" + i, cache.get(1, i * 4096L), "hot block " + i + " survived the scan");
        }
    }

    @Test
    void zeroCapacityCachesNothing() {
        BlockCache cache = new BlockCache(0);
        cache.put(1, 0, "x", 10);
        assertNull(cache.get(1, 0));
        assertEquals(0, cache.usage());
    }

    @Test
    void aBlockLargerThanAShardIsNotCachedAndEvictsNothing() {
        BlockCache cache = new BlockCache(16 * 1024);
        cache.put(1, 0, "small", 100);
        cache.put(1, 4096, "huge", 10_000);
        assertNull(cache.get(1, 4096));
        assertEquals("small", cache.get(1, 0));
    }

    @Test
    void concurrentReadersNeverSeeAnotherKeysBlock() throws Exception {
        BlockCache cache = new BlockCache(256 * 1024);
        AtomicReference<String> failure = new AtomicReference<>();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int seed = t;
            threads[t] = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(seed);
                for (int i = 0; i < 300_000 && failure.get() == null; i++) {
                    long file = r.nextInt(4);
                    long offset = r.nextInt(2000) * 4096L;
                    if (r.nextInt(4) == 0) {
                        cache.put(file, offset, new Block(file, offset, i), 1000 + r.nextInt(4000));
                    } else {
                        Object got = cache.get(file, offset);
                        if (got != null && (((Block) got).file() != file || ((Block) got).offset() != offset)) {
                            failure.compareAndSet(null, "asked " + file + "/" + offset + ", got " + got);
                        }
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            fail(failure.get());
        }
        assertTrue(cache.usage() <= 256 * 1024);
        assertTrue(cache.entries() > 0);
    }
}
