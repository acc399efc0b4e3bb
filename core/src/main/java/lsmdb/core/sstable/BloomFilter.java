package lsmdb.core.sstable;

/**
 * One bloom filter for a whole table, over user keys (RocksDB's "full filter"): a point lookup of an absent key
 * usually costs no block read at all. {@code k = bitsPerKey * ln 2} probes derived by double hashing from one
 * 32-bit hash. Format: the bit array, then one byte holding {@code k}.
 */
final class BloomFilter {

    private BloomFilter() {
    }

    static int hash(byte[] key, int off, int len) {
        // Murmur-style mixing: cheap, and good enough spread for bit probing.
        int h = 0x9747b28c ^ len;
        int i = off;
        int end = off + len;
        while (i + 4 <= end) {
            int k = (key[i] & 0xff) | (key[i + 1] & 0xff) << 8 | (key[i + 2] & 0xff) << 16 | (key[i + 3] & 0xff) << 24;
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
            i += 4;
        }
        int k = 0;
        switch (end - i) {
            case 3: k ^= (key[i + 2] & 0xff) << 16; // fall through
            case 2: k ^= (key[i + 1] & 0xff) << 8; // fall through
            case 1:
                k ^= key[i] & 0xff;
                k *= 0xcc9e2d51;
                k = Integer.rotateLeft(k, 15);
                k *= 0x1b873593;
                h ^= k;
                break;
            default:
                break;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    static int probes(int bitsPerKey) {
        return Math.max(1, Math.min(30, (int) Math.round(bitsPerKey * 0.69)));
    }

    /** A filter for keys with the given hashes. */
    static byte[] build(int[] hashes, int count, int bitsPerKey) {
        int k = probes(bitsPerKey);
        long bits = Math.max(64, (long) count * bitsPerKey);
        int bytes = (int) ((bits + 7) / 8);
        bits = bytes * 8L;
        byte[] filter = new byte[bytes + 1];
        filter[bytes] = (byte) k;
        for (int i = 0; i < count; i++) {
            int h = hashes[i];
            int delta = Integer.rotateRight(h, 17);
            for (int j = 0; j < k; j++) {
                long bit = Integer.toUnsignedLong(h) % bits;
                filter[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                h += delta;
            }
        }
        return filter;
    }

    static boolean mayContain(byte[] filter, int hash) {
        int bytes = filter.length - 1;
        if (bytes <= 0) {
            return true;
        }
        int k = filter[bytes];
        if (k < 1 || k > 30) {
            return true; // an encoding this reader does not know: never rule anything out
        }
        long bits = bytes * 8L;
        int h = hash;
        int delta = Integer.rotateRight(h, 17);
        for (int j = 0; j < k; j++) {
            long bit = Integer.toUnsignedLong(h) % bits;
            if ((filter[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
            h += delta;
        }
        return true;
    }
}
