package lsmdb.core.sstable;

import lsmdb.core.util.Coding;

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
            int k = Coding.getFixed32(key, i); // one load (see Coding)
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

    /** Marks, in the filter's last byte beside the probe count, the cache-line-blocked layout. */
    private static final int BLOCKED = 0x40;
    private static final int BLOCK_BITS = 512;

    /**
     * A filter for keys with the given hashes, in the blocked layout: the hash picks one 64-byte block and every
     * probe sets a bit inside it, so a query touches one cache line instead of one per probe. (At 10 bits per key
     * this costs a little accuracy: about 1.2% false positives instead of 0.8%.) The last byte holds
     * {@code BLOCKED | probes}.
     */
    static byte[] build(int[] hashes, int count, int bitsPerKey) {
        int k = probes(bitsPerKey);
        long blocks = Math.max(1, ((long) count * bitsPerKey + BLOCK_BITS - 1) / BLOCK_BITS);
        int bytes = (int) (blocks * (BLOCK_BITS / 8));
        byte[] filter = new byte[bytes + 1];
        filter[bytes] = (byte) (BLOCKED | k);
        for (int i = 0; i < count; i++) {
            int h = hashes[i];
            int base = blockOffset(h, (int) blocks);
            int h2 = h * 0x9e3779b9;
            int delta = Integer.rotateRight(h2, 17) | 1;
            for (int j = 0; j < k; j++) {
                int bit = h2 >>> 23;
                filter[base + (bit >>> 3)] |= (byte) (1 << (bit & 7));
                h2 += delta;
            }
        }
        return filter;
    }

    private static int blockOffset(int h, int blocks) {
        return (int) ((Integer.toUnsignedLong(h) * blocks) >>> 32) * (BLOCK_BITS / 8);
    }

    static boolean mayContain(byte[] filter, int hash) {
        int bytes = filter.length - 1;
        if (bytes <= 0) {
            return true;
        }
        int marker = filter[bytes];
        if ((marker & BLOCKED) != 0) {
            int k = marker & ~BLOCKED;
            if (k < 1 || k > 30 || bytes % (BLOCK_BITS / 8) != 0) {
                return true; // an encoding this reader does not know: never rule anything out
            }
            int base = blockOffset(hash, bytes / (BLOCK_BITS / 8));
            int h2 = hash * 0x9e3779b9;
            int delta = Integer.rotateRight(h2, 17) | 1;
            for (int j = 0; j < k; j++) {
                int bit = h2 >>> 23;
                if ((filter[base + (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                    return false;
                }
                h2 += delta;
            }
            return true;
        }
        return mayContainUnblocked(filter, bytes, marker, hash);
    }

    /** The layout before blocked filters (probes over the whole filter); tables written then still read with it. */
    static byte[] buildUnblocked(int[] hashes, int count, int bitsPerKey) {
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

    /** Filters written before the blocked layout: probes spread over the whole filter. */
    private static boolean mayContainUnblocked(byte[] filter, int bytes, int k, int hash) {
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
