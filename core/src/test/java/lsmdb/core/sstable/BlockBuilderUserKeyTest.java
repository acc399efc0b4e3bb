package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import lsmdb.core.format.InternalKey;
import org.junit.jupiter.api.Test;

/**
 * Whether a key starts a new user key, as the table builder asks before each add (for its filter and block counts):
 * against the previous key added, also when that key ended the previous block.
 */
class BlockBuilderUserKeyTest {

    @Test
    void versionsOfTheLastUserKeyAreRecognisedAcrossBlocks() {
        Random r = new Random(31);
        for (int round = 0; round < 200; round++) {
            TreeSet<byte[]> keys = new TreeSet<>(InternalKey.ORDER);
            int n = 1 + r.nextInt(300);
            while (keys.size() < n) {
                byte[] user = new byte[r.nextInt(4)]; // short user keys (the empty one too): many versions of each
                for (int i = 0; i < user.length; i++) {
                    user[i] = (byte) ('a' + r.nextInt(3));
                }
                keys.add(InternalKey.encode(user, 1 + r.nextInt(1000), InternalKey.KIND_PUT));
            }
            BlockBuilder b = new BlockBuilder(1 + r.nextInt(16));
            byte[] previousUser = null;
            for (byte[] k : keys) {
                byte[] user = InternalKey.userKey(k);
                int expected = previousUser != null && Arrays.equals(previousUser, user) ? 0 : 1;
                assertEquals(expected, b.newUserKey(k, k.length), "round " + round);
                b.add(k, new byte[r.nextInt(8)]);
                previousUser = user;
                if (r.nextInt(4) == 0) {
                    b.finish();
                    b.reset(); // a new block: its first key may still be a version of the last one
                }
            }
        }
    }
}
