package lsmdb.core.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Readers' striped pins and the version set's reference: the version dies once, and never under a pin. */
class VersionPinTest {

    @Test
    void diesOnlyAfterTheLastPinAndTheOwnersReferenceAreGone() {
        AtomicInteger deaths = new AtomicInteger();
        Version v = new Version(Version.emptyLevels(), List.of(), deaths::incrementAndGet);
        assertTrue(v.tryPin());
        assertTrue(v.tryPin());
        v.unref(); // the owner lets go while two readers hold pins
        assertEquals(0, deaths.get());
        assertFalse(v.tryPin(), "a version its owner dropped takes no new pin");
        assertFalse(v.tryRef());
        v.unpin();
        assertEquals(0, deaths.get());
        v.unpin();
        assertEquals(1, deaths.get());
    }

    @Test
    void dropsWithNoPinsAtTheOwnersUnref() {
        AtomicInteger deaths = new AtomicInteger();
        Version v = new Version(Version.emptyLevels(), List.of(), deaths::incrementAndGet);
        assertTrue(v.tryPin());
        v.unpin();
        assertTrue(v.tryRef());
        v.unref();
        assertEquals(0, deaths.get());
        v.unref();
        assertEquals(1, deaths.get());
    }

    /**
     * Threads pin and unpin (some releasing pins taken on another thread, so stripes go negative) while the owner
     * drops its reference at a random moment: the version must die exactly once, and no pin may succeed after, or
     * be held at, its death.
     */
    @Test
    void concurrentPinsNeverOutliveTheVersion() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            AtomicBoolean deadFlag = new AtomicBoolean();
            AtomicInteger deaths = new AtomicInteger();
            AtomicInteger held = new AtomicInteger();
            AtomicReference<String> failure = new AtomicReference<>();
            Version v = new Version(Version.emptyLevels(), List.of(), () -> {
                deaths.incrementAndGet();
                if (held.get() != 0) {
                    failure.compareAndSet(null, "died with " + held.get() + " pins held");
                }
                deadFlag.set(true);
            });
            java.util.concurrent.ConcurrentLinkedQueue<Boolean> handOff = new java.util.concurrent.ConcurrentLinkedQueue<>();
            Thread[] readers = new Thread[3];
            for (int t = 0; t < readers.length; t++) {
                readers[t] = new Thread(() -> {
                    for (int i = 0; i < 2000; i++) {
                        if (v.tryPin()) {
                            held.incrementAndGet();
                            if (deadFlag.get()) {
                                failure.compareAndSet(null, "pinned a dead version");
                            }
                            if (i % 3 == 0) {
                                handOff.add(Boolean.TRUE); // another thread will unpin it
                            } else {
                                held.decrementAndGet();
                                v.unpin();
                            }
                        }
                        if (handOff.poll() != null) {
                            held.decrementAndGet();
                            v.unpin();
                        }
                    }
                });
            }
            for (Thread t : readers) {
                t.start();
            }
            Thread.onSpinWait();
            v.unref();
            for (Thread t : readers) {
                t.join();
            }
            while (handOff.poll() != null) {
                held.decrementAndGet();
                v.unpin();
            }
            assertEquals(null, failure.get());
            assertEquals(1, deaths.get(), "dies exactly once, round " + round);
        }
    }
}
