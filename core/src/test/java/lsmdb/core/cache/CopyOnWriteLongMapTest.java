package lsmdb.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CopyOnWriteLongMapTest {

    @Test
    void agreesWithAHashMapUnderRandomPutsAndRemoves() {
        CopyOnWriteLongMap<String> map = new CopyOnWriteLongMap<>();
        Map<Long, String> model = new HashMap<>();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 50_000; i++) {
            // Keys cluster (file numbers) with some far apart, so probe runs and wrap-around both happen.
            long key = r.nextInt(10) == 0 ? r.nextLong() : r.nextInt(300);
            int op = r.nextInt(3);
            if (op == 0) {
                String v = "v" + i;
                map.put(key, v);
                model.put(key, v);
            } else if (op == 1) {
                assertEquals(model.remove(key), map.remove(key), "remove returns the value held");
            }
            assertEquals(model.get(key), map.get(key), "lookup of key " + key);
            assertEquals(model.size(), map.size());
        }
        Set<Long> keys = new HashSet<>();
        map.forEachKey(keys::add);
        assertEquals(model.keySet(), keys);
    }

    @Test
    void readersNeverSeeAWrongValueWhileTheMapChanges() throws InterruptedException {
        CopyOnWriteLongMap<Long> map = new CopyOnWriteLongMap<>();
        for (long k = 0; k < 100; k += 2) {
            map.put(k, k); // even keys stay throughout
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            SplittableRandom r = new SplittableRandom(5);
            while (!stop.get()) {
                long k = r.nextInt(1000);
                Long v = map.get(k);
                if ((v != null && v != k) || (k < 100 && k % 2 == 0 && v == null)) {
                    failure.compareAndSet(null, "key " + k + " read as " + v);
                }
            }
        });
        reader.start();
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 20_000; i++) {
            long k = 100 + r.nextInt(900);
            if (r.nextBoolean()) {
                map.put(k, k);
            } else {
                map.remove(k);
            }
        }
        stop.set(true);
        reader.join();
        assertTrue(failure.get() == null, String.valueOf(failure.get()));
    }
}
