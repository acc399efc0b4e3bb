package lsmdb.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interrupted callers. The engine writes its log and reads its tables on the calling thread, and a file channel closes
 * itself when a thread using it is interrupted: a pool's cancelled task, {@code shutdownNow}, a framework's timeout.
 * That must cost the interrupted call nothing but the flag, which it keeps; the database goes on as before.
 */
class DbInterruptTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "sync={0} mmapReads={1}")
    @CsvSource({"true,true", "true,false", "false,false"})
    void anInterruptedThreadCommitsAndReadsAndKeepsItsFlag(boolean sync, boolean mmapReads) throws Exception {
        Options options = Options.defaults().withSync(sync).withMmapReads(mmapReads);
        try (LsmDb db = LsmDb.open(dir, options)) {
            db.put(bytes("a"), bytes("1"));
            db.flush(); // a table, so that the read below goes to a file
            Thread.currentThread().interrupt();
            db.put(bytes("b"), bytes("2"));
            assertTrue(Thread.currentThread().isInterrupted(), "the flag is the caller's");
            assertArrayEquals(bytes("1"), db.get(bytes("a")));
            assertTrue(Thread.interrupted(), "the flag is the caller's");
            db.put(bytes("c"), bytes("3"));
        }
        try (LsmDb db = LsmDb.open(dir, options)) {
            for (String k : new String[] {"a", "b", "c"}) {
                assertTrue(db.get(bytes(k)) != null, k + " after reopening");
            }
        }
    }

    /** Opening (the directory's lock, the log's creation and its directory sync) and closing, flag set throughout. */
    @org.junit.jupiter.api.Test
    void anInterruptedThreadOpensAndClosesTheDatabase() throws Exception {
        Thread.currentThread().interrupt();
        try {
            try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
                db.put(bytes("a"), bytes("1"));
            }
            try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
                assertArrayEquals(bytes("1"), db.get(bytes("a")));
            }
            assertTrue(Thread.currentThread().isInterrupted(), "the flag is the caller's");
        } finally {
            Thread.interrupted();
        }
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) { // the lock was released
            assertArrayEquals(bytes("1"), db.get(bytes("a")));
        }
    }

    /**
     * Writers committing durably and reading tables while another thread interrupts them at random: no call fails,
     * and every acknowledged write is there after reopening. An interrupt closes the channel under the other threads'
     * calls too, so this also covers calls that meet a channel someone else's interrupt closed.
     */
    @ParameterizedTest(name = "mmapReads={0}")
    @CsvSource({"true", "false"})
    void randomInterruptsLoseNoCommitAndFailNoCall(boolean mmapReads) throws Exception {
        Options options = Options.defaults().withSync(true).withMmapReads(mmapReads).withWriteBufferSize(64 << 10);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger callsWhileInterrupted = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        try (LsmDb db = LsmDb.open(dir, options)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int id = t;
                writers.add(new Thread(() -> {
                    SplittableRandom r = new SplittableRandom(id);
                    try {
                        for (int i = 0; !stop.get(); i++) {
                            String key = "w" + id + "-" + i;
                            String value = key + "-" + "x".repeat(r.nextInt(300));
                            if (Thread.currentThread().isInterrupted()) {
                                callsWhileInterrupted.incrementAndGet();
                            }
                            db.put(bytes(key), bytes(value));
                            acknowledged.put(key, value);
                            if (i > 0) {
                                String old = "w" + id + "-" + r.nextInt(i);
                                byte[] got = db.get(bytes(old));
                                assertArrayEquals(bytes(acknowledged.get(old)), got, old);
                            }
                            if (r.nextBoolean()) {
                                Thread.interrupted(); // as a caller that saw its flag and went on would
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            writers.forEach(Thread::start);
            SplittableRandom r = new SplittableRandom(7);
            // Until enough has happened, not for a fixed time: on a loaded machine 1.5 s once fell short of it.
            long minEnd = System.nanoTime() + 1_500_000_000L;
            long maxEnd = System.nanoTime() + 60_000_000_000L;
            int interrupts = 0;
            while (failure.get() == null && System.nanoTime() < maxEnd && (System.nanoTime() < minEnd
                    || interrupts <= 1000 || callsWhileInterrupted.get() <= 100 || acknowledged.size() <= 200)) {
                writers.get(r.nextInt(writers.size())).interrupt();
                interrupts++;
                LockSupport.parkNanos(50_000 + r.nextInt(200_000));
            }
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
            if (failure.get() != null) {
                throw new AssertionError("a call failed under interrupts", failure.get());
            }
            assertTrue(interrupts > 1000 && callsWhileInterrupted.get() > 100,
                    interrupts + " interrupts, " + callsWhileInterrupted.get() + " calls made while interrupted");
            assertTrue(acknowledged.size() > 200, acknowledged.size() + " commits");
        }
        try (LsmDb db = LsmDb.open(dir, options)) {
            int found = 0;
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                assertArrayEquals(bytes(e.getValue()), db.get(bytes(e.getKey())), e.getKey());
                found++;
            }
            assertEquals(acknowledged.size(), found);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
