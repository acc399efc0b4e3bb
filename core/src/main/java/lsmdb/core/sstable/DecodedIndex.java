package lsmdb.core.sstable;

import java.io.UncheckedIOException;
import java.util.Arrays;
import lsmdb.core.CorruptionException;
import lsmdb.core.format.InternalKey;
import lsmdb.core.util.Coding;
import lsmdb.core.util.KeyFence;

/**
 * A table's index block decoded once, when the table opens: the data blocks' offsets and sizes in file order, the
 * separators as a {@link KeyFence} (null if an index key is malformed), and from the entries' optional count tails
 * (see {@link TableBuilder}) each block's countable entries (null when no block is countable), the table's largest
 * sequence and its restart interval.
 */
record DecodedIndex(long[] offsets, int[] sizes, KeyFence fence, int[] countable, long largestSequence,
                    int restartInterval) {

    /** Decodes index block {@code index} of table file {@code fileName}, checking its handles are in file order. */
    static DecodedIndex read(Block index, String fileName) throws CorruptionException {
        long[] offsets = new long[16];
        int[] sizes = new int[16];
        byte[][] keys = new byte[16][];
        int[] userLengths = new int[16];
        int[] countable = new int[16];
        int tails = 0;
        int tableTailAt = -1;
        long largest = 0;
        int interval = 0;
        boolean anyCountable = false;
        boolean wellFormed = true;
        int n = 0;
        int[] pos = new int[1];
        BlockIterator it = index.iterator(KeyOrder.INTERNAL);
        try {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                if (n == offsets.length) {
                    offsets = Arrays.copyOf(offsets, n * 2);
                    sizes = Arrays.copyOf(sizes, n * 2);
                    keys = Arrays.copyOf(keys, n * 2);
                    userLengths = Arrays.copyOf(userLengths, n * 2);
                    countable = Arrays.copyOf(countable, n * 2);
                }
                byte[] value = it.value();
                long blockOffset;
                long blockSize;
                pos[0] = 0;
                try { // the handle, read in place: the count tail follows it
                    blockOffset = Coding.getVarint64(value, pos, value.length);
                    blockSize = Coding.getVarint64(value, pos, value.length);
                } catch (IllegalArgumentException e) {
                    throw new CorruptionException(fileName + ": bad block handle in the index");
                }
                countable[n] = 0;
                if (pos[0] < value.length) { // the count tail
                    try {
                        int entries = Coding.getVarint32(value, pos, value.length);
                        if (pos[0] < value.length) { // the table's part, in the last entry
                            largest = Coding.getVarint64(value, pos, value.length);
                            interval = Coding.getVarint32(value, pos, value.length);
                            tableTailAt = n;
                        }
                        if (entries < 0 || largest < 0 || pos[0] != value.length) {
                            throw new IllegalArgumentException("bad count");
                        }
                        countable[n] = entries;
                        anyCountable |= entries > 0;
                        tails++;
                    } catch (IllegalArgumentException e) {
                        throw new CorruptionException(fileName + ": bad block count in the index");
                    }
                }
                if (blockSize < 0 || blockSize > Integer.MAX_VALUE) {
                    throw new CorruptionException(fileName + ": bad block handle in the index");
                }
                offsets[n] = blockOffset;
                sizes[n] = (int) blockSize;
                byte[] k = it.key();
                keys[n] = k;
                userLengths[n] = k.length - InternalKey.TRAILER_SIZE;
                wellFormed &= userLengths[n] >= 0;
                n++;
            }
        } catch (UncheckedIOException e) {
            throw new CorruptionException(fileName + ": unreadable index block");
        }
        offsets = Arrays.copyOf(offsets, n);
        for (int i = 1; i < n; i++) {
            if (offsets[i] <= offsets[i - 1]) {
                throw new CorruptionException(fileName + ": index block handles out of order");
            }
        }
        if (tails > 0 && (tails != n || tableTailAt != n - 1 || interval <= 0)) {
            throw new CorruptionException(fileName + ": bad block counts in the index");
        }
        return new DecodedIndex(offsets, Arrays.copyOf(sizes, n),
                wellFormed ? KeyFence.of(keys, userLengths, n) : null, anyCountable ? Arrays.copyOf(countable, n) : null,
                largest, interval);
    }
}
