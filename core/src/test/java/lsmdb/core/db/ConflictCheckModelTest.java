package lsmdb.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import lsmdb.core.WriteBatch;
import lsmdb.core.WriteConflictException;
import org.junit.jupiter.api.Test;

/**
 * The conflict check against a model of each key's newest sequence: a batch conflicts exactly when one of its keys
 * was written after the batch's sequence or by an earlier member of its group; and when nothing at all was
 * committed after that sequence and no member came before, the check reads no key.
 */
class ConflictCheckModelTest {

    private static byte[] key(int i) {
        return ("key" + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void conflictsMatchModelAndAnUnchangedStateReadsNothing() throws Exception {
        Random rnd = new Random(3);
        Map<String, Long> newest = new HashMap<>();
        long[] last = {0};
        int[] probes = {0};
        ConflictCheck check = new ConflictCheck((k, seq) -> {
            probes[0]++;
            Long s = newest.get(new String(k, StandardCharsets.UTF_8));
            return s != null && s > seq;
        }, () -> last[0]);
        int unchangedChecks = 0;
        for (int round = 0; round < 20_000; round++) {
            if (rnd.nextInt(3) == 0) { // someone commits a key
                last[0]++;
                newest.put("key" + rnd.nextInt(50), last[0]);
            }
            long sequence = Math.max(0, last[0] - rnd.nextInt(4));
            ConflictCheck.GroupKeys pending = null;
            int pendingKey = -1;
            if (rnd.nextInt(4) == 0) {
                pending = check.newGroup();
                if (rnd.nextBoolean()) {
                    pendingKey = rnd.nextInt(50);
                    pending.add(new WriteBatch().put(key(pendingKey), new byte[1]));
                }
            }
            WriteBatch batch = new WriteBatch();
            boolean expected = false;
            for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
                int k = rnd.nextInt(50);
                if (rnd.nextBoolean()) {
                    batch.put(key(k), new byte[] {1});
                } else {
                    batch.delete(key(k));
                }
                Long s = newest.get("key" + k);
                expected |= (s != null && s > sequence) || k == pendingKey;
            }
            int probesBefore = probes[0];
            WriteConflictException conflict = check.check(batch, sequence, pending);
            assertEquals(expected, conflict != null, "round " + round);
            if (sequence >= last[0] && pendingKey < 0) {
                unchangedChecks++;
                assertEquals(probesBefore, probes[0], "nothing committed since: no key is read");
            }
        }
        assertTrue(unchangedChecks > 1000, "the model must reach the unchanged state often");
        assertTrue(probes[0] > 1000, "and the changed one");
    }
}
