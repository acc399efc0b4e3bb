package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compactions against a {@link TreeMap} model where the merge's per-entry decisions matter: many versions of a key
 * (kept once per snapshot stripe), deletions, user keys that are prefixes of one another (equal bytes, different
 * lengths), user keys longer than the merge's first key buffer, and tables small enough that outputs roll over
 * mid-merge; checked at the latest state and at every live snapshot, before and after a reopen, and at the end
 * that a full compaction without snapshots keeps one version per key.
 */
class CompactionVersionsModelTest {

    @TempDir
    Path tmp;

    private record Snap(Snapshot snapshot, TreeMap<String, byte[]> view) {
    }

    /** Short keys, their one-byte extensions (a prefix of the next), and keys past 64 bytes. */
    private static String key(Random r) {
        int i = r.nextInt(300);
        return switch (r.nextInt(3)) {
            case 0 -> "k" + i;
            case 1 -> "k" + i + "x";
            default -> "k" + i + "-" + "L".repeat(60 + i % 40);
        };
    }

    @Test
    void compactionsKeepWhatEveryReaderSees() throws Exception {
        Options options = Options.defaults().withSync(false).withWriteBufferSize(16 << 10).withBlockSize(512)
                .withTargetFileSize(8 << 10).withMaxBytesForLevelBase(32 << 10).withLevelSizeMultiplier(3);
        Path dir = tmp.resolve("db");
        TreeMap<String, byte[]> model = new TreeMap<>();
        Random r = new Random(20);
        LsmDb db = LsmDb.open(dir, options);
        long compactions = 0; // over every session: the count restarts at each open
        try {
            List<Snap> snaps = new ArrayList<>();
            for (int round = 0; round < 12; round++) {
                for (int i = 0; i < 1500; i++) {
                    String k = key(r);
                    if (r.nextInt(6) == 0) {
                        db.delete(k.getBytes());
                        model.remove(k);
                    } else {
                        byte[] v = ("v" + round + "." + i + "-" + r.nextInt()).getBytes();
                        db.put(k.getBytes(), v);
                        model.put(k, v);
                    }
                    if (r.nextInt(500) == 0) {
                        snaps.add(new Snap(db.snapshot(), new TreeMap<>(model)));
                    }
                }
                if (round % 3 == 2) {
                    db.flush();
                    db.compactRange(null, null);
                }
                if (!snaps.isEmpty() && r.nextBoolean()) {
                    Snap s = snaps.remove(r.nextInt(snaps.size()));
                    check(db, s.snapshot(), s.view());
                    s.snapshot().close();
                }
                check(db, null, model);
                for (Snap s : snaps) {
                    check(db, s.snapshot(), s.view());
                }
                if (round % 4 == 3) {
                    for (Snap s : snaps) {
                        s.snapshot().close();
                    }
                    snaps.clear();
                    compactions += Long.parseLong(db.property("lsmdb.compaction-count"));
                    db.close();
                    db = LsmDb.open(dir, options);
                    check(db, null, model);
                }
            }
            // With no snapshot left, a full compaction keeps one version per live key: the tables hold about the
            // model's bytes (not the ~20 versions per key written).
            for (Snap s : snaps) {
                s.snapshot().close();
            }
            db.flush();
            db.compactRange(null, null);
            long live = 0;
            for (Map.Entry<String, byte[]> e : model.entrySet()) {
                live += e.getKey().length() + e.getValue().length;
            }
            long tables = Long.parseLong(db.property("lsmdb.total-table-bytes"));
            assertTrue(tables < 2 * live, "older versions kept: " + tables + " table bytes for " + live + " live");
            compactions += Long.parseLong(db.property("lsmdb.compaction-count"));
            assertTrue(compactions > 20, "the rounds compacted too little to test anything: " + compactions);
        } finally {
            db.close();
        }
    }

    private static void check(LsmDb db, Snapshot snapshot, TreeMap<String, byte[]> model) throws Exception {
        try (LsmIterator it = db.iterator(snapshot, null, null)) {
            it.seekToFirst();
            for (Map.Entry<String, byte[]> e : model.entrySet()) {
                assertTrue(it.isValid(), "missing " + e.getKey());
                assertEquals(e.getKey(), new String(it.key()));
                assertArrayEquals(e.getValue(), it.value(), e.getKey());
                it.next();
            }
            assertFalse(it.isValid(), "an entry the model lacks");
        }
        for (String k : List.of("k7", "k7x", "k150", "k150x", "k299")) {
            assertArrayEquals(model.get(k), snapshot == null ? db.get(k.getBytes()) : db.get(k.getBytes(), snapshot),
                    k);
        }
    }
}
