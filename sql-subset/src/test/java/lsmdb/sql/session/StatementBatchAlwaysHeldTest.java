package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.WriteBatch;
import lsmdb.sql.exec.ReadView;
import org.junit.jupiter.api.Test;

/**
 * A session's auto-commit batch exists from the start and after every statement, big ones included: the compiled
 * write path then has no first-statement branch, which a new connection's first INSERT took as an uncommon trap
 * (throwing away the compiled SessionImpl.writeLocked). Small statements keep writing through the same batch; a big
 * one's batch is let go for a fresh one. Random statement sizes, checked against what each statement wrote.
 */
class StatementBatchAlwaysHeldTest {

    @Test
    void aBatchIsHeldBeforeTheFirstStatementAndAfterEveryOne() {
        StatementBatch batches = new StatementBatch();
        WriteBatch first = batches.next();
        assertNotNull(first, "a new session must hold its batch before its first statement");
        assertTrue(first.isEmpty());
        Random r = new Random(28);
        for (int statement = 0; statement < 300; statement++) {
            WriteBatch before = batches.next();
            assertNotNull(before);
            TreeMap<byte[], byte[]> writes = ReadView.newWriteMap();
            int rows = r.nextInt(10) == 0 ? StatementBatch.KEPT_RECORDS + 1 + r.nextInt(20) : 1 + r.nextInt(3);
            int valueBytes = r.nextInt(20) == 0 ? StatementBatch.KEPT_BYTES + 1 : 1 + r.nextInt(100);
            for (int i = 0; i < rows; i++) {
                writes.put(new byte[] {(byte) statement, (byte) i, 1}, r.nextInt(5) == 0 ? ReadView.DELETED
                        : new byte[i == 0 ? valueBytes : 8]);
            }
            WriteBatch b = batches.reuse(writes);
            assertSame(before, b, "a statement writes through the batch the session holds");
            assertEquals(writes.size(), b.count());
            List<byte[]> keys = new ArrayList<>();
            b.forEach(new WriteBatch.Handler() {
                @Override
                public void put(byte[] key, byte[] value) {
                    keys.add(key);
                    assertSame(writes.get(key), value);
                }

                @Override
                public void delete(byte[] key) {
                    keys.add(key);
                    assertSame(ReadView.DELETED, writes.get(key));
                }

                @Override
                public void deleteRange(byte[] startKey, byte[] endKey) {
                    throw new AssertionError("no range deletes written");
                }
            });
            assertEquals(new ArrayList<>(writes.keySet()), keys);
            boolean big = b.approximateSize() > StatementBatch.KEPT_BYTES || b.count() > StatementBatch.KEPT_RECORDS;
            batches.release(b);
            WriteBatch after = batches.next();
            assertNotNull(after, "a session must hold a batch after every statement");
            assertTrue(after.isEmpty());
            if (big) {
                assertNotSame(b, after, "a big statement's batch is not kept");
            } else {
                assertSame(b, after, "a small statement's batch is kept");
            }
        }
    }
}
