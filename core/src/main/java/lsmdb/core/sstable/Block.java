package lsmdb.core.sstable;

import java.util.Arrays;
import lsmdb.core.iterator.InternalIterator;
import lsmdb.core.util.Coding;

/**
 * A block read from a table (format in {@link BlockBuilder}), immutable and shared by every reader through the block
 * cache. Keys are compared in place with a {@link KeyOrder}; nothing is allocated to search.
 */
final class Block {

    /** How the keys of a block compare. */
    interface KeyOrder {
        int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen);
    }

    private final byte[] data;
    private final int restartsOffset;
    private final int restartCount;
    private final String source;

    /** {@code data[0..length)} holds the block contents; {@code source} names file and offset for errors. */
    Block(byte[] data, int length, String source) throws lsmdb.core.CorruptionException {
        this.data = data;
        this.source = source;
        if (length < 4) {
            throw new lsmdb.core.CorruptionException(source + ": block too short");
        }
        this.restartCount = Coding.getFixed32(data, length - 4);
        long ro = length - 4 - 4L * restartCount;
        if (restartCount < 1 || ro < 0) {
            throw new lsmdb.core.CorruptionException(source + ": bad restart array");
        }
        this.restartsOffset = (int) ro;
    }

    /** Bytes this block holds in memory (what the block cache charges). */
    int memoryCharge() {
        return data.length + 64;
    }

    BlockIterator iterator(KeyOrder order) {
        return new BlockIterator(order);
    }

    private int restartPoint(int i) {
        return Coding.getFixed32(data, restartsOffset + 4 * i);
    }

    /** A cursor over the block. Decodes keys into a reusable buffer; key() copies only when asked. */
    final class BlockIterator implements InternalIterator {
        private final KeyOrder order;
        private final int[] pos = new int[1];
        private byte[] keyBuf = new byte[64];
        private int keyLength;
        private int valueOffset;
        private int valueLength;
        /** Offset of the current entry; restartsOffset when invalid. */
        private int current = Integer.MAX_VALUE;
        private int nextEntry;
        private byte[] keyCopy;
        private byte[] valueCopy;

        BlockIterator(KeyOrder order) {
            this.order = order;
        }

        @Override
        public boolean isValid() {
            return current < restartsOffset;
        }

        @Override
        public void seekToFirst() {
            seekToRestart(0);
            parseNext();
        }

        @Override
        public void seekToLast() {
            seekToRestart(restartCount - 1);
            while (parseNext() && nextEntry < restartsOffset) {
                // scan to the last entry
            }
        }

        @Override
        public void seek(byte[] target) {
            // Binary search for the last restart point whose key is < target, then scan forward.
            int lo = 0;
            int hi = restartCount - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                int off = restartPoint(mid);
                pos[0] = off;
                int limit = restartsOffset;
                int shared = Coding.getVarint32(data, pos, limit);
                int unshared = Coding.getVarint32(data, pos, limit);
                Coding.getVarint32(data, pos, limit);
                if (shared != 0) {
                    throw corrupt("restart entry shares a prefix");
                }
                if (order.compare(data, pos[0], unshared, target, 0, target.length) < 0) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            seekToRestart(lo);
            while (parseNext()) {
                if (order.compare(keyBuf, 0, keyLength, target, 0, target.length) >= 0) {
                    return;
                }
            }
        }

        @Override
        public void next() {
            parseNext();
        }

        @Override
        public void prev() {
            int original = current;
            // The last restart point before the current entry, then scan up to the entry before it.
            int r = restartCount - 1;
            while (r > 0 && restartPoint(r) >= original) {
                r--;
            }
            if (restartPoint(r) >= original) {
                current = restartsOffset;
                invalidateCopies();
                return;
            }
            seekToRestart(r);
            while (parseNext() && nextEntry < original) {
                // scan to the entry just before the original
            }
        }

        @Override
        public byte[] key() {
            if (keyCopy == null) {
                keyCopy = Arrays.copyOf(keyBuf, keyLength);
            }
            return keyCopy;
        }

        @Override
        public byte[] value() {
            if (valueCopy == null) {
                valueCopy = Arrays.copyOfRange(data, valueOffset, valueOffset + valueLength);
            }
            return valueCopy;
        }

        /** The current key in place, for comparisons without a copy. */
        byte[] keyBuffer() {
            return keyBuf;
        }

        int keyLength() {
            return keyLength;
        }

        private void seekToRestart(int index) {
            keyLength = 0;
            nextEntry = restartPoint(index);
            current = Integer.MAX_VALUE;
        }

        private void invalidateCopies() {
            keyCopy = null;
            valueCopy = null;
        }

        /** Decodes the entry at nextEntry; false (and invalid) at the end of the block. */
        private boolean parseNext() {
            invalidateCopies();
            if (nextEntry >= restartsOffset) {
                current = restartsOffset;
                return false;
            }
            current = nextEntry;
            pos[0] = nextEntry;
            int limit = restartsOffset;
            int shared;
            int unshared;
            int vlen;
            try {
                shared = Coding.getVarint32(data, pos, limit);
                unshared = Coding.getVarint32(data, pos, limit);
                vlen = Coding.getVarint32(data, pos, limit);
            } catch (IllegalArgumentException e) {
                throw corrupt(e.getMessage());
            }
            if (shared > keyLength || unshared < 0 || vlen < 0 || (long) pos[0] + unshared + vlen > limit) {
                throw corrupt("bad entry at offset " + current);
            }
            int newLength = shared + unshared;
            if (keyBuf.length < newLength) {
                keyBuf = Arrays.copyOf(keyBuf, Math.max(newLength, keyBuf.length * 2));
            }
            System.arraycopy(data, pos[0], keyBuf, shared, unshared);
            keyLength = newLength;
            valueOffset = pos[0] + unshared;
            valueLength = vlen;
            nextEntry = valueOffset + vlen;
            return true;
        }

        private java.io.UncheckedIOException corrupt(String why) {
            return new java.io.UncheckedIOException(new lsmdb.core.CorruptionException(source + ": " + why));
        }
    }
}
