package lsmdb.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScratchPoolTest {

    @Test
    void aThreadGetsBackWhatItGave() {
        AtomicInteger made = new AtomicInteger();
        ScratchPool<Object> pool = new ScratchPool<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        int filled = made.get();
        assertTrue(filled > 0, "the slots are filled when the pool is made");
        Object first = pool.take();
        pool.give(first);
        for (int i = 0; i < 100; i++) {
            Object s = pool.take();
            assertSame(first, s);
            pool.give(s);
        }
        assertEquals(filled, made.get(), "a thread that gives back makes nothing");
    }

    @Test
    void aTakenObjectIsNotTakenAgainUntilGiven() {
        ScratchPool<Object> pool = new ScratchPool<>(Object::new);
        Object a = pool.take();
        Object b = pool.take(); // the same thread again, its slot empty: another object
        assertFalse(a == b);
        pool.give(a);
    }

    /** Threads whose ids share slots take and give at once; no object is ever held by two of them. */
    @Test
    void neverSharesAnObjectBetweenThreads() throws Exception {
        ScratchPool<AtomicBoolean> pool = new ScratchPool<>(AtomicBoolean::new);
        AtomicInteger shared = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 40; t++) { // more threads than slots
            Thread th = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    AtomicBoolean inUse = pool.take();
                    if (!inUse.compareAndSet(false, true)) {
                        shared.incrementAndGet();
                    }
                    Thread.onSpinWait();
                    inUse.set(false);
                    pool.give(inUse);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(0, shared.get(), "an object was taken by two threads at once");
    }
}
