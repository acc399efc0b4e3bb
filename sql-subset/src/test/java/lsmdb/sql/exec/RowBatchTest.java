package lsmdb.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The thread's free row batch: row keys added one by one survive the arrays' growth, a batch comes back empty, and
 * one grown past {@link RowBatch#KEPT_SLOTS} is not kept (a thread does not hold its longest lookup's arrays).
 */
class RowBatchTest {

    /** A new thread's batch holds an index cursor's largest batch: the cursor's fills never grow it. */
    @Test
    void aNewThreadsBatchHoldsTheCursorsLargestBatch() throws Exception {
        int[] slots = new int[1];
        onNewThread(() -> {
            RowBatch b = RowBatch.take(1);
            slots[0] = b.rowKeys.length;
            RowBatch.release(b);
        });
        assertTrue(slots[0] >= IndexScan.MAX_BATCH, slots[0] + " slots");
    }

    @Test
    void addedRowKeysMatchAModelThroughGrowthAndReuse() {
        Random r = new Random(21);
        for (int round = 0; round < 200; round++) {
            RowBatch b = RowBatch.take(16);
            assertTrue(b.rowKeys.length >= 16);
            for (int i = 0; i < b.rowKeys.length; i++) {
                assertNull(b.rowKeys[i], "a taken batch holds nothing");
                assertNull(b.values[i], "a taken batch holds nothing");
            }
            int n = r.nextInt(4) == 0 ? r.nextInt(600) : r.nextInt(40);
            List<byte[]> model = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] key = {(byte) i, (byte) (i >> 8), (byte) round};
                b.addRowKey(i, key);
                model.add(key);
            }
            assertEquals(b.rowKeys.length, b.values.length, "a value slot for every row key slot");
            for (int i = 0; i < n; i++) {
                assertSame(model.get(i), b.rowKeys[i], "row key " + i + " of " + n);
            }
            for (int i = 0; i < n; i++) {
                b.values[i] = new byte[] {1};
            }
            boolean kept = b.rowKeys.length <= RowBatch.KEPT_SLOTS;
            RowBatch.release(b);
            RowBatch next = RowBatch.take(16);
            if (kept) {
                assertSame(b, next, "a batch within the bound is the thread's next");
            } else {
                assertNotSame(b, next, "a batch grown past the bound is dropped");
            }
            assertArrayEquals(new byte[next.rowKeys.length][], next.rowKeys);
            assertArrayEquals(new byte[next.values.length][], next.values);
            RowBatch.release(next);
        }
    }

    /**
     * The value buffers are the batch's own: they survive its release (the thread's next scan reuses them) and the
     * growth of its slots, and there is a length and a buffer slot for every row key slot.
     */
    @Test
    void valueBuffersSurviveReleaseAndGrowth() throws Exception {
        onNewThread(() -> {
            RowBatch b = RowBatch.take(4);
            byte[][] buffers = new byte[b.buffers.length][];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = new byte[i + 1];
                b.buffers[i] = buffers[i];
            }
            RowBatch.release(b);
            RowBatch again = RowBatch.take(4);
            assertSame(b, again);
            int slots = again.rowKeys.length;
            for (int i = 0; i < slots; i++) {
                assertSame(buffers[i], again.buffers[i], "buffer " + i + " kept across the release");
                again.addRowKey(i, new byte[] {(byte) i});
            }
            again.addRowKey(slots, new byte[] {1}); // grows the slots
            assertEquals(again.rowKeys.length, again.lengths.length, "a length slot for every row key slot");
            assertEquals(again.rowKeys.length, again.buffers.length, "a buffer slot for every row key slot");
            for (int i = 0; i < slots; i++) {
                assertSame(buffers[i], again.buffers[i], "buffer " + i + " kept across growth");
            }
            RowBatch.release(again);
        });
    }

    /** A buffer a lookup over large values grew is let go at the release; small ones are kept. */
    @Test
    void largeBuffersAreNotKept() throws Exception {
        onNewThread(() -> {
            RowBatch b = RowBatch.take(4);
            byte[] small = new byte[RowBatch.KEPT_BUFFER_BYTES];
            b.addRowKey(0, new byte[] {0}); // a multi-get fills the buffers of the slots holding row keys
            b.addRowKey(1, new byte[] {1});
            b.buffers[0] = small;
            b.buffers[1] = new byte[RowBatch.KEPT_BUFFER_BYTES + 1];
            b.keyBuffers[0] = small;
            b.keyBuffers[1] = new byte[1 << 20];
            RowBatch.release(b);
            RowBatch again = RowBatch.take(4);
            assertSame(b, again);
            assertSame(small, again.buffers[0]);
            assertNull(again.buffers[1], "a value buffer over the bound is dropped");
            assertSame(small, again.keyBuffers[0]);
            assertNull(again.keyBuffers[1], "a key buffer over the bound is dropped");
            RowBatch.release(again);
        });
    }

    /**
     * A release clears only the slots a row key was put in ({@link RowBatch#touched}), so every slot anything was
     * written to must lie below it: row keys put at random slots (growing the batch), a multi-get's values and
     * buffers in the slots of its keys, some served (nulled) and some not, and the next batch holds nothing.
     */
    @Test
    void releaseClearsEverySlotWrittenSinceTheLast() throws Exception {
        onNewThread(() -> {
            Random r = new Random(28);
            for (int round = 0; round < 300; round++) {
                RowBatch b = RowBatch.take(1 + r.nextInt(IndexScan.MAX_BATCH));
                int n = r.nextInt(8) == 0 ? r.nextInt(300) : r.nextInt(IndexScan.MAX_BATCH + 1);
                for (int i = 0; i < n; i++) {
                    b.addRowKey(i, new byte[] {(byte) i});
                }
                if (r.nextBoolean() && n > 0) { // a key put again at a slot below the highest
                    b.addRowKey(r.nextInt(n), new byte[] {9});
                }
                for (int i = 0; i < n; i++) { // the multi-get: a value per key, some over the kept size
                    b.buffers[i] = new byte[r.nextInt(10) == 0 ? RowBatch.KEPT_BUFFER_BYTES + 1 : 8];
                    b.values[i] = b.buffers[i];
                }
                int served = n == 0 ? 0 : r.nextInt(n + 1);
                for (int i = 0; i < served; i++) {
                    b.rowKeys[i] = null;
                    b.values[i] = null;
                }
                for (int i = n; i < b.rowKeys.length; i++) {
                    assertNull(b.rowKeys[i], "slot " + i + " past the keys holds no key");
                }
                assertEquals(n, b.touched(), "the slots written");
                RowBatch.release(b);
                RowBatch next = RowBatch.take(1);
                assertEquals(0, next.touched());
                for (int i = 0; i < next.rowKeys.length; i++) {
                    assertNull(next.rowKeys[i], "round " + round + ": row key " + i + " left by the last batch");
                    assertNull(next.values[i], "round " + round + ": value " + i + " left by the last batch");
                    assertTrue(next.buffers[i] == null || next.buffers[i].length <= RowBatch.KEPT_BUFFER_BYTES,
                            "round " + round + ": a large buffer kept at " + i);
                }
                RowBatch.release(next);
            }
        });
    }

    /** Runs {@code body} on a thread of its own (a new thread's pooled batch) and fails with what it threw. */
    private static void onNewThread(Runnable body) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(body);
        t.setUncaughtExceptionHandler((th, e) -> failure[0] = e);
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }
}
