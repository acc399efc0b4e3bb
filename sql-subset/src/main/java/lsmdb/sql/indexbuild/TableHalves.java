package lsmdb.sql.indexbuild;

import java.math.BigInteger;
import java.util.Arrays;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Snapshot;
import lsmdb.sql.catalog.Table;

/**
 * A table's key range cut where two scanners start: the midpoint of its first and last row keys, so that with two
 * cores each scans about half (a streamed build then rebalances them as they go, {@link ScanRanges}).
 *
 * @param bounds  the scanners' ranges: {@code [bounds[i], bounds[i + 1])}; one range on one core or under two rows
 * @param lastKey the table's last row key when the range was cut, else null
 */
record TableHalves(byte[][] bounds, byte[] lastKey) {

    static TableHalves of(LsmDb engine, Snapshot snap, Table t) {
        byte[][] ends = Runtime.getRuntime().availableProcessors() > 1 ? firstAndLastKeys(engine, snap, t) : null;
        byte[] split = ends == null ? null : midpoint(ends[0], ends[1]);
        return split == null ? new TableHalves(new byte[][] {t.prefix(), t.prefixEnd()}, null)
                : new TableHalves(new byte[][] {t.prefix(), split, t.prefixEnd()}, ends[1]);
    }

    /** The table's first and last row keys; null for fewer than two rows. */
    static byte[][] firstAndLastKeys(LsmDb engine, Snapshot snap, Table t) {
        byte[] lo;
        byte[] hi;
        try (LsmIterator it = engine.iterator(snap, t.prefix(), t.prefixEnd())) {
            it.seekToFirst();
            if (!it.isValid()) {
                return null;
            }
            lo = it.key();
            it.seekToLast();
            hi = it.key();
        }
        return Arrays.equals(lo, hi) ? null : new byte[][] {lo, hi};
    }

    /** The key halfway between {@code lo} and {@code hi} read as base-256 fractions: lo <= result <= hi. */
    static byte[] midpoint(byte[] lo, byte[] hi) {
        int n = Math.max(lo.length, hi.length) + 1;
        byte[] a = Arrays.copyOf(lo, n);
        byte[] b = Arrays.copyOf(hi, n);
        byte[] sum = new BigInteger(1, a).add(new BigInteger(1, b)).shiftRight(1).toByteArray();
        // toByteArray may add a sign byte or drop leading zeros: right-align into n bytes
        byte[] mid = new byte[n];
        int copy = Math.min(n, sum.length);
        System.arraycopy(sum, sum.length - copy, mid, n - copy, copy);
        return mid;
    }
}
