package lsmdb.core.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.Options;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.cache.TableCache;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.sstable.RangeGather;
import lsmdb.core.version.VersionSet;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadPath#gather} over the memtables alone, in every state a reader meets: the live memtable only (empty or
 * not), and the live one with an immutable one, either of them empty. Random puts and deletes, frozen at random
 * moments, against a model at random read sequences; a gather that skipped the immutable memtable, read it before
 * the live one's newer versions win, or stopped at an empty one fails.
 */
class ReadPathGatherMemTablesTest {

    private final MemFileSystem fs = new MemFileSystem();
    private final Path dir = Path.of("/db");
    private final VersionSet versions = new VersionSet(dir, fs, s -> { });
    private final TableCache tables = new TableCache(fs, dir, Options.defaults(), new BlockCache(1 << 20));

    @Test
    void gatherOverEveryMemTableStateMatchesTheModel() throws IOException {
        Random rnd = new Random(27);
        int[] statesSeen = new int[4]; // imm absent/present x live memtable empty/not
        for (int round = 0; round < 300; round++) {
            MemTables memTables = new MemTables(1 << 20);
            memTables.start(new MemTable(1 << 20), 0, true);
            ReadPath reads = new ReadPath(memTables, versions, tables);
            // per user key, its versions: sequence -> value (null: deleted)
            TreeMap<Integer, TreeMap<Long, byte[]>> history = new TreeMap<>();
            long seq = 0;
            boolean frozen = false;
            int writes = rnd.nextInt(6) == 0 ? 0 : rnd.nextInt(40);
            int freezeAt = rnd.nextInt(3) == 0 ? -1 : rnd.nextInt(writes + 1);
            for (int w = 0; w <= writes; w++) {
                if (w == freezeAt) {
                    memTables.freeze();
                    frozen = true;
                }
                if (w == writes) {
                    break;
                }
                int k = rnd.nextInt(20);
                byte[] value = rnd.nextInt(4) == 0 ? null : new byte[] {(byte) w, (byte) k};
                seq++;
                memTables.state().mem().add(seq, value == null ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT,
                        key(k), value);
                memTables.setLastSequence(seq);
                history.computeIfAbsent(k, x -> new TreeMap<>()).put(seq, value);
            }
            MemTables.State state = memTables.state();
            statesSeen[(frozen ? 2 : 0) + (state.mem().isEmpty() ? 1 : 0)]++;
            RangeGather gather = new RangeGather();
            for (int q = 0; q < 10; q++) {
                int from = rnd.nextInt(21);
                int to = from + rnd.nextInt(8);
                long readSequence = rnd.nextInt((int) seq + 1);
                TreeMap<Integer, byte[]> model = new TreeMap<>();
                for (int k = from; k < to; k++) {
                    TreeMap<Long, byte[]> versionsOfK = history.get(k);
                    Map.Entry<Long, byte[]> visible = versionsOfK == null ? null : versionsOfK.floorEntry(readSequence);
                    if (visible != null && visible.getValue() != null) {
                        model.put(k, visible.getValue());
                    }
                }
                assertTrue(reads.gather(readSequence, key(from), key(to), 64, gather), "round " + round);
                assertEquals(model.size(), gather.visible(), "round " + round + " query " + q);
                int i = 0;
                for (Map.Entry<Integer, byte[]> e : model.entrySet()) {
                    assertArrayEquals(key(e.getKey()), gather.userKey(i), "round " + round + " entry " + i);
                    assertArrayEquals(e.getValue(), gather.value(i), "round " + round + " entry " + i);
                    i++;
                }
            }
        }
        for (int s = 0; s < 4; s++) {
            assertTrue(statesSeen[s] > 10, "state " + s + " seen " + statesSeen[s] + " times");
        }
    }

    private static byte[] key(int k) {
        return new byte[] {'k', (byte) k};
    }
}
