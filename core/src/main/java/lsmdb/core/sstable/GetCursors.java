package lsmdb.core.sstable;

import lsmdb.core.CorruptionException;

/**
 * One thread's block cursors for point lookups, moved from block to block so a get allocates no iterator and
 * no key buffer. Cleared after each get, so they never keep a block (or a closed table's mapping) alive.
 */
final class GetCursors {
    private static final Block EMPTY;

    static {
        try {
            EMPTY = new Block(new byte[] {0, 0, 0, 0, 1, 0, 0, 0}, 8, "(none)", -1);
        } catch (CorruptionException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BlockIterator index = EMPTY.iterator(KeyOrder.INTERNAL);
    private final BlockIterator data = EMPTY.iterator(KeyOrder.INTERNAL);
    private byte[] handleBytes = new byte[BlockHandle.MAX_ENCODED_LENGTH];
    /** The point search's result and scratch, read by the get that holds these cursors. */
    final PointHit hit = new PointHit();

    BlockIterator index(Block b) {
        index.reset(b);
        return index;
    }

    BlockIterator data(Block b) {
        data.reset(b);
        return data;
    }

    /** The block handle that index cursor {@code ii} sits on, decoded without copying the entry's value. */
    BlockHandle handle(BlockIterator ii, Table t) throws CorruptionException {
        int n = ii.valueLength();
        if (handleBytes.length < n) {
            handleBytes = new byte[n];
        }
        ii.copyValue(handleBytes, 0);
        try {
            return BlockHandle.decode(handleBytes, 0, n);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(t.fileName + ": bad block handle in the index");
        }
    }

    void clear() {
        index.reset(EMPTY);
        data.reset(EMPTY);
    }
}
