package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.format.InternalKey;
import org.junit.jupiter.api.Test;

/**
 * {@link Block#seekPoint} against the model answer: a seek of the block's iterator followed by a user-key check (what
 * a point get answered before), over random blocks whose user keys are prefixes of one another, carry several
 * versions and long values, in heap and in direct (mapped-like) buffers.
 */
class BlockPointSeekTest {

    private static final KeyOrder ORDER = InternalKey::compare;

    @Test
    void agreesWithAnIteratorSeekOnRandomBlocks() throws Exception {
        Random rnd = new Random(20261129);
        int decided = 0;
        int found = 0;
        int undecided = 0;
        for (int round = 0; round < 400; round++) {
            TreeMap<byte[], byte[]> entries = randomEntries(rnd, 1 + rnd.nextInt(60), rnd.nextBoolean());
            for (Block b : blocks(entries, 1 + rnd.nextInt(16))) {
                List<byte[]> userKeys = new ArrayList<>();
                for (byte[] k : entries.keySet()) {
                    userKeys.add(InternalKey.userKey(k));
                }
                for (int q = 0; q < 200; q++) {
                    byte[] user = rnd.nextInt(4) == 0 ? randomUserKey(rnd)
                            : mutate(rnd, userKeys.get(rnd.nextInt(userKeys.size())));
                    byte[] target = InternalKey.forSeek(user, rnd.nextInt(4) == 0 ? InternalKey.MAX_SEQUENCE
                            : rnd.nextInt(40));
                    int r = check(b, target);
                    if (r == Block.POINT_UNDECIDED) {
                        undecided++;
                    } else {
                        decided++;
                        found += r >= 0 ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(found > 1000, "found " + found);
        // Undecided shapes: a user key that is a proper prefix of the target's, then keys sharing more; this set is
        // built to be full of them (about a quarter of lookups), real SQL keys have few (see the next test).
        assertTrue(undecided < (decided + undecided) / 3, undecided + " undecided of " + (decided + undecided));
    }

    @Test
    void decidesEveryLookupForFixedLengthKeysAtAnySnapshot() throws Exception {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            TreeMap<byte[], byte[]> entries = new TreeMap<>(InternalKey.ORDER);
            int n = 1 + rnd.nextInt(80);
            for (int i = 0; i < n; i++) {
                byte[] user = new byte[12];
                user[0] = 3;
                for (int j = 8; j < 12; j++) {
                    user[j] = (byte) rnd.nextInt(rnd.nextBoolean() ? 3 : 256);
                }
                for (int v = rnd.nextInt(3); v >= 0; v--) {
                    entries.put(InternalKey.encode(user, 1 + rnd.nextInt(rnd.nextBoolean() ? 1000 : 1 << 30),
                            InternalKey.KIND_PUT), value(rnd, rnd.nextInt(300)));
                }
            }
            for (Block b : blocks(entries, 16)) {
                for (byte[] k : entries.keySet()) {
                    byte[] target = InternalKey.forSeek(InternalKey.userKey(k), InternalKey.MAX_SEQUENCE);
                    int r = check(b, target);
                    assertTrue(r >= 0, "an existing key was not found directly");
                    byte[] atItsSequence = InternalKey.forSeek(InternalKey.userKey(k), InternalKey.sequence(k));
                    assertTrue(check(b, atItsSequence) >= 0, "a version was not found directly at its sequence");
                    long older = rnd.nextInt(1 << 30);
                    assertTrue(check(b, InternalKey.forSeek(InternalKey.userKey(k), older)) != Block.POINT_UNDECIDED);
                    byte[] absent = InternalKey.userKey(k);
                    absent[11]++;
                    assertTrue(check(b, InternalKey.forSeek(absent, InternalKey.MAX_SEQUENCE)) != Block.POINT_UNDECIDED);
                }
            }
        }
    }

    /**
     * Compares seekPoint with the iterator's answer, and the walk of the run {@link Block#restartRun} names (what a
     * multi-get searches) with seekPoint's answer; returns seekPoint's answer.
     */
    private static int check(Block b, byte[] target) {
        // a multi-get's touches read only the block's own bytes, whatever its restart count (a direct buffer's read
        // past its end throws)
        assertDoesNotThrow(b::touchSearchEntries);
        PointHit hit = new PointHit();
        int r = b.seekPoint(target, hit);
        long run = b.restartRun(target, new PointHit());
        if (run >= 0) {
            PointHit inRun = new PointHit();
            int rr = b.seekPointInRun(target, (int) (run >>> 32), inRun);
            assertEquals(r, rr, "the run's walk and seekPoint disagree");
            if (r >= 0) {
                assertEquals(hit.trailer, inRun.trailer);
                assertEquals(hit.valueOffset, inRun.valueOffset);
                assertEquals(hit.valueLength, inRun.valueLength);
            }
        } else {
            assertEquals(Block.POINT_UNDECIDED, r, "restartRun gave up where seekPoint decided");
        }
        BlockIterator it = b.iterator(ORDER);
        it.seek(target);
        byte[] expectedKey = null;
        byte[] expectedValue = null;
        int userLength = target.length - InternalKey.TRAILER_SIZE;
        if (it.isValid() && it.keyLength() - InternalKey.TRAILER_SIZE == userLength
                && Arrays.equals(it.keyBuffer(), 0, userLength, target, 0, userLength)) {
            expectedKey = it.key();
            expectedValue = it.value();
        }
        if (r == Block.POINT_UNDECIDED) {
            return r;
        }
        if (expectedKey == null) {
            assertEquals(Block.POINT_ABSENT, r, "found an entry where a seek finds none");
            return r;
        }
        assertTrue(r >= 0, "missed " + Arrays.toString(expectedKey));
        byte[] key = Arrays.copyOf(target, target.length);
        InternalKey.writeTrailer(key, userLength, hit.trailer >>> 8, (byte) hit.trailer);
        assertArrayEquals(expectedKey, key);
        assertArrayEquals(expectedValue, b.copy(hit.valueOffset, hit.valueLength));
        return r;
    }

    private static List<Block> blocks(TreeMap<byte[], byte[]> entries, int restartInterval) throws Exception {
        BlockBuilder bb = new BlockBuilder(restartInterval);
        for (var e : entries.entrySet()) {
            bb.add(e.getKey(), e.getValue());
        }
        int n = bb.finish();
        byte[] bytes = Arrays.copyOf(bb.buffer(), n);
        ByteBuffer direct = ByteBuffer.allocateDirect(n + 16);
        direct.position(16); // not at the buffer's start, as a slice of a mapping is not
        direct.put(bytes);
        return List.of(new Block(bytes, n, "t", 0), new Block(direct.slice(16, n), "t", 0));
    }

    private static TreeMap<byte[], byte[]> randomEntries(Random rnd, int n, boolean versions) {
        TreeMap<byte[], byte[]> m = new TreeMap<>(InternalKey.ORDER);
        List<byte[]> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] user = users.isEmpty() || rnd.nextInt(3) > 0 ? randomUserKey(rnd) : mutate(rnd, users.get(rnd.nextInt(users.size())));
            users.add(user);
            int copies = versions ? 1 + rnd.nextInt(3) : 1;
            for (int c = 0; c < copies; c++) {
                m.put(InternalKey.encode(user, rnd.nextInt(rnd.nextBoolean() ? 40 : 1 << 20),
                        rnd.nextInt(5) == 0 ? InternalKey.KIND_DELETE : InternalKey.KIND_PUT), value(rnd, rnd.nextInt(200)));
            }
        }
        return m;
    }

    /** Short keys over a tiny alphabet, so prefixes, shared bytes and equal lengths are common. */
    private static byte[] randomUserKey(Random rnd) {
        byte[] k = new byte[rnd.nextInt(14)];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (rnd.nextInt(4) == 0 ? 0xff - rnd.nextInt(2) : rnd.nextInt(3));
        }
        return k;
    }

    /** A near neighbour: the key itself, cut, extended or with one byte changed. */
    private static byte[] mutate(Random rnd, byte[] k) {
        switch (rnd.nextInt(4)) {
            case 0:
                return k.clone();
            case 1:
                return Arrays.copyOf(k, rnd.nextInt(k.length + 1));
            case 2: {
                byte[] c = Arrays.copyOf(k, k.length + 1 + rnd.nextInt(3));
                c[c.length - 1] = (byte) rnd.nextInt(3);
                return c;
            }
            default: {
                byte[] c = k.clone();
                if (c.length > 0) {
                    c[rnd.nextInt(c.length)] += (byte) (rnd.nextBoolean() ? 1 : -1);
                }
                return c;
            }
        }
    }

    private static byte[] value(Random rnd, int n) {
        byte[] v = new byte[n];
        rnd.nextBytes(v);
        return v;
    }
}
