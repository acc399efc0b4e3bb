package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.format.InternalKey;
import org.junit.jupiter.api.Test;

/**
 * {@link RangeGather#resolve} against a model: entries added in any order (sources interleave, an entry may belong
 * before all gathered so far) resolve to each user key's newest version at or below the read sequence, if a value.
 */
class RangeGatherModelTest {

    @Test
    void resolvesEntriesAddedInAnyOrderAsTheModel() {
        Random rnd = new Random(19);
        RangeGather g = new RangeGather();
        int frontInserts = 0;
        for (int round = 0; round < 2_000; round++) {
            List<byte[]> entries = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            long seq = 1;
            int keys = 1 + rnd.nextInt(12);
            for (int k = 0; k < keys; k++) {
                byte[] user = {(byte) rnd.nextInt(40), (byte) rnd.nextInt(3)};
                for (int v = 1 + rnd.nextInt(3); v > 0; v--) {
                    byte kind = rnd.nextInt(4) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT;
                    entries.add(InternalKey.encode(user, seq, kind));
                    values.add(kind == InternalKey.KIND_PUT ? new byte[] {(byte) seq} : null);
                    seq++;
                }
            }
            Integer[] order = new Integer[entries.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Collections.shuffle(Arrays.asList(order), rnd);
            if (order.length > 1 && InternalKey.compare(entries.get(order[order.length - 1]),
                    entries.get(order[0])) < 0) {
                frontInserts++;
            }
            long readSequence = 1 + rnd.nextInt((int) seq);

            TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
            TreeMap<byte[], Long> newest = new TreeMap<>(Arrays::compareUnsigned);
            for (int i = 0; i < entries.size(); i++) {
                byte[] ik = entries.get(i);
                long s = InternalKey.sequence(ik);
                byte[] user = InternalKey.userKey(ik);
                if (s <= readSequence && s > newest.getOrDefault(user, 0L)) {
                    newest.put(user, s);
                    if (InternalKey.kind(ik) == InternalKey.KIND_PUT) {
                        model.put(user, values.get(i));
                    } else {
                        model.remove(user);
                    }
                }
            }

            g.reset(64);
            for (int i : order) {
                byte[] ik = entries.get(i);
                assertTrue(g.add(ik, ik.length, values.get(i)));
            }
            g.resolve(readSequence, (gather, entry, sequence) -> false);
            assertEquals(model.size(), g.visible(), "round " + round);
            int i = 0;
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                assertArrayEquals(e.getKey(), g.userKey(i), "round " + round + " entry " + i);
                assertArrayEquals(e.getValue(), g.value(i), "round " + round + " entry " + i);
                i++;
            }
        }
        assertTrue(frontInserts > 100, "entries that sort before all others came last " + frontInserts + " times");
    }
}
