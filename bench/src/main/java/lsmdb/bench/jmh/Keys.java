package lsmdb.bench.jmh;

import java.util.SplittableRandom;

/** Benchmark data shaped like DbBench's: 16-byte zero-padded decimal keys and 100-byte random values. */
final class Keys {

    private Keys() {
    }

    static byte[] key(long n) {
        byte[] k = new byte[16];
        for (int p = 15; p >= 0; p--) {
            k[p] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return k;
    }

    /** {@code count} keys of uniform random numbers below 10^12, in random order. */
    static byte[][] random16(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            keys[i] = key(r.nextLong(1_000_000_000_000L));
        }
        return keys;
    }

    static byte[] value100(long seed) {
        byte[] v = new byte[100];
        new SplittableRandom(seed).nextBytes(v);
        return v;
    }
}
