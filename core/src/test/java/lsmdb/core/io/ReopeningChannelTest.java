package lsmdb.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A channel that interrupts cannot close: calls repeat on a new descriptor, the flag stays set, only close closes. */
class ReopeningChannelTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptedCallerWritesReadsForcesAndKeepsItsFlag() throws Exception {
        Path path = dir.resolve("f");
        try (ReopeningChannel c = ReopeningChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            assertEquals(3, c.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0));
            Thread.currentThread().interrupt();
            try {
                assertEquals(3, c.write(ByteBuffer.wrap(new byte[] {4, 5, 6}), 3));
                assertTrue(Thread.currentThread().isInterrupted());
                c.force(false);
                ByteBuffer back = ByteBuffer.allocate(6);
                assertEquals(6, c.read(back, 0));
                assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, back.array());
                assertEquals(6, c.size());
                assertTrue(Thread.currentThread().isInterrupted(), "the flag is the caller's");
            } finally {
                Thread.interrupted();
            }
            // reopened without TRUNCATE_EXISTING: what was written stays
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, Files.readAllBytes(path));
        }
    }

    @Test
    void closeIsForGood() throws Exception {
        ReopeningChannel c = ReopeningChannel.open(dir.resolve("g"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        c.close();
        assertFalse(c.isOpen());
        assertThrows(ClosedChannelException.class, () -> c.write(ByteBuffer.wrap(new byte[] {1}), 0));
        Thread.currentThread().interrupt();
        try {
            assertThrows(ClosedChannelException.class, () -> c.force(false));
            assertTrue(Thread.currentThread().isInterrupted(), "a refused call keeps the flag too");
        } finally {
            Thread.interrupted();
        }
    }

    /** Readers sharing one channel while one of them is interrupted again and again: every read returns the bytes. */
    @Test
    void anotherThreadsInterruptDoesNotFailTheOthersCalls() throws Exception {
        Path path = dir.resolve("h");
        byte[] data = new byte[1 << 20];
        new java.util.Random(1).nextBytes(data);
        Files.write(path, data);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        try (ReopeningChannel c = ReopeningChannel.open(path, StandardOpenOption.READ)) {
            Thread[] readers = new Thread[3];
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            for (int t = 0; t < readers.length; t++) {
                int seed = t;
                readers[t] = new Thread(() -> {
                    java.util.Random r = new java.util.Random(seed);
                    ByteBuffer b = ByteBuffer.allocate(4096);
                    try {
                        while (!stop.get()) {
                            int at = r.nextInt(data.length - b.capacity());
                            b.clear();
                            while (b.hasRemaining()) {
                                c.read(b, at + b.position());
                            }
                            if (!java.util.Arrays.equals(b.array(), 0, b.capacity(), data, at, at + b.capacity())) {
                                throw new AssertionError("wrong bytes at " + at);
                            }
                            reads.incrementAndGet();
                            if (seed == 0) {
                                Thread.interrupted();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                readers[t].start();
            }
            // Until enough has happened, not for a fixed time: on a loaded machine 0.5 s once fell short of it.
            long minEnd = System.nanoTime() + 500_000_000L;
            long maxEnd = System.nanoTime() + 60_000_000_000L;
            int interrupts = 0;
            while (readers[0].isAlive() && System.nanoTime() < maxEnd
                    && (System.nanoTime() < minEnd || interrupts <= 100 || reads.get() <= 1000)) {
                readers[0].interrupt();
                interrupts++;
                Thread.sleep(0, 200_000);
            }
            stop.set(true);
            for (Thread t : readers) {
                t.join();
            }
            if (failure.get() != null) {
                throw new AssertionError("a read failed", failure.get());
            }
            assertTrue(interrupts > 100 && reads.get() > 1000, interrupts + " interrupts, " + reads + " reads");
        }
    }
}
