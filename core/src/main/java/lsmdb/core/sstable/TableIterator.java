package lsmdb.core.sstable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import lsmdb.core.CorruptionException;
import lsmdb.core.format.ForwardCount;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.format.KeySlot;
import lsmdb.core.util.Coding;
import lsmdb.core.util.KeyFence;

/** Two levels: the index iterator picks the data block, a block iterator walks it. */
final class TableIterator implements InternalIterator {
    private final Table table;
    /**
     * The cursor over the index block, made when first needed (see {@link #indexIter()}): a seek the fence
     * decides, and the steps from block to block by ordinal after it, never read the index. Whenever the
     * iterator is valid it exists or {@link #indexSynced} is false, so {@link #syncIndex} makes it.
     */
    private BlockIterator indexIter;
    /** Whether index entry i can be reached as restart point i, so the fence can position the index cursor. */
    private final boolean indexAddressable;
    private final boolean fillCache;
    /** The cursor over the current data block (the one in {@link #cursor}), or null when there is none. */
    private BlockIterator data;
    /** The one data-block cursor, moved from block to block; null until the first block. */
    private BlockIterator cursor;
    /** The offset of the block {@link #cursor} is over. */
    private long loadedOffset = -1;
    /**
     * The ordinal of the current data block when it was reached by ordinal (a seek the fence decided, or a step
     * to the next block from one), else -1. Then the index cursor is positioned only when something needs it
     * ({@link #syncIndex}): a seek reads neither the index entry nor its handle, nor searches the offsets.
     */
    private int block = -1;
    /** Whether the index cursor names the current block; false only while {@link #block} says which it is. */
    private boolean indexSynced = true;
    /**
     * The index entry's encoded handle, made when first needed: a cursor whose seeks the fence decides and whose
     * steps go by ordinal (a short range scan's) never reads a handle, so it does not allocate for one.
     */
    private byte[] handleBytes;
    private boolean closed;
    /** The data cursor's key slot, so the current key is the table's without a call through this iterator. */
    private final KeySlot slot = new KeySlot();

    /** An iterator over {@code table}, which the caller has pinned for it: {@link #close()} unpins it. */
    TableIterator(Table table, boolean fillCache) {
        this.table = table;
        this.indexAddressable = table.indexAddressable;
        this.fillCache = fillCache;
    }

    private BlockIterator indexIter() {
        BlockIterator it = indexIter;
        if (it == null) {
            it = table.index.iterator(KeyOrder.INTERNAL);
            indexIter = it;
        }
        return it;
    }

    @Override
    public boolean isValid() {
        return data != null && data.isValid();
    }

    @Override
    public void seekToFirst() {
        indexIter().seekToFirst();
        loadBlock();
        if (data != null) {
            data.seekToFirst();
        }
        skipEmptyForward();
    }

    @Override
    public void seekToLast() {
        indexIter().seekToLast();
        loadBlock();
        if (data != null) {
            data.seekToLast();
        }
        skipEmptyBackward();
    }

    /**
     * The index entry is found through the table's fence when it decides (the index block has one restart point
     * per entry, so entry i is addressable), else by the index block's binary search.
     */
    @Override
    public void seek(byte[] target) {
        int ordinal = indexAddressable ? table.fence.find(target, target.length - InternalKey.TRAILER_SIZE)
                : KeyFence.UNDECIDED;
        if (ordinal == KeyFence.UNDECIDED) {
            indexIter().seek(target);
            loadBlock();
        } else if (ordinal < table.blockOffsets.length) {
            loadOrdinal(ordinal);
        } else {
            data = null; // past the table's last key
            block = -1;
            indexSynced = true;
            return;
        }
        if (data != null) {
            data.seek(target);
        }
        skipEmptyForward();
    }

    @Override
    public boolean next() {
        if (data.next()) {
            return true;
        }
        skipEmptyForward();
        return data != null && data.isValid();
    }

    @Override
    public KeySlot keySlot() {
        return slot;
    }

    @Override
    public void prev() {
        data.prev();
        skipEmptyBackward();
    }

    @Override
    public byte[] key() {
        return data.key();
    }

    @Override
    public byte[] value() {
        return data.value();
    }

    @Override
    public byte[] keyBuffer() {
        return data.keyBuffer();
    }

    @Override
    public int keyLength() {
        return data.keyLength();
    }

    @Override
    public int valueLength() {
        return data.valueLength();
    }

    @Override
    public void copyValue(byte[] dst, int offset) {
        data.copyValue(dst, offset);
    }

    /**
     * Counting block by block: a block whose separator in the index lies below the limit is judged without
     * comparing any key with the limit; the first entry of each following block goes through the count's own
     * check, as it cannot be compared with the key before it in place. A block the index says is countable at the
     * count's sequence is counted from its index entry: a following one below the limit unread
     * ({@link IndexCounts#countUnread}), the one the count starts or stops in from the positions of its entries
     * ({@link IndexCounts#countByPosition}).
     */
    @Override
    public boolean countForward(ForwardCount s) {
        syncIndex();
        int ordinal = table.countableEntries != null && !s.testsValues()
                ? Arrays.binarySearch(table.blockOffsets, loadedOffset)
                : -1; // the current block's, when the index's counts may be used
        while (data != null) {
            int counted = ordinal >= 0 ? IndexCounts.countByPosition(table, indexIter, data, s, ordinal)
                    : IndexCounts.STEP;
            if (counted == IndexCounts.STOPPED) {
                return true;
            }
            if (counted == IndexCounts.STEP
                    && data.countForward(s, s.limit() != null && !IndexCounts.separatorBelow(indexIter, s))) {
                return true;
            }
            while (true) { // on to the next block not counted whole from the index
                indexIter.next();
                if (ordinal >= 0 && IndexCounts.countUnread(table, indexIter, s, ++ordinal)) {
                    continue;
                }
                loadBlock();
                if (data == null) {
                    return false;
                }
                data.seekToFirst();
                if (data.isValid()) {
                    break;
                }
            }
            if (!s.accept(data.keyBuffer(), data.keyLength(), data)) {
                return true;
            }
        }
        return false;
    }

    private void skipEmptyForward() {
        while (data != null && !data.isValid()) {
            if (block >= 0) {
                // by ordinal: the index cursor stays where it was until something needs it
                if (block + 1 < table.blockOffsets.length) {
                    loadOrdinal(block + 1);
                } else {
                    data = null;
                    block = -1;
                    indexSynced = true;
                    return;
                }
            } else {
                indexIter().next();
                loadBlock();
            }
            if (data != null) {
                data.seekToFirst();
            }
        }
    }

    private void skipEmptyBackward() {
        while (data != null && !data.isValid()) {
            syncIndex();
            indexIter().prev();
            loadBlock();
            if (data != null) {
                data.seekToLast();
            }
        }
    }

    /** Positions the index cursor on the current block's entry if a step by ordinal left it elsewhere. */
    private void syncIndex() {
        BlockIterator indexIter = indexIter(); // made here if not yet: the count methods read the field
        if (!indexSynced) {
            indexIter.seekToRestartEntry(block);
            indexSynced = true;
        }
        block = -1;
    }

    /**
     * Points {@link #data} at data block {@code ordinal} (of the offsets decoded at open), without the index: a
     * block made from the mapping before is served from {@code Table.mappedBlocks} directly.
     */
    private void loadOrdinal(int ordinal) {
        long blockOffset = table.blockOffsets[ordinal];
        block = ordinal;
        indexSynced = false;
        if (cursor != null && blockOffset == loadedOffset) {
            data = cursor;
            return;
        }
        try {
            // Through the point lookups' blockAt, whose branch on a block not yet made is taken all the time by
            // gets: a scan's compiled code, which inlines it, then carries no trap that the first scan to reach
            // a block no get has made (rare in a warm-up, common after a load) sends back to the interpreter.
            Block b = fillCache ? table.blockAt(ordinal)
                    : table.dataBlock(new BlockHandle(blockOffset, table.blockSizes[ordinal]), false);
            use(b, blockOffset);
        } catch (IOException e) {
            data = null;
            cursor = null;
            block = -1;
            indexSynced = true;
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points {@link #data} at the block the index cursor names: the block it already holds if the same (a seek
     * within the block, the common case for nearby seeks), else the next one through one reused cursor.
     */
    private void loadBlock() {
        block = -1;
        indexSynced = true;
        BlockIterator indexIter = indexIter();
        if (!indexIter.isValid()) {
            data = null;
            return;
        }
        try {
            int n = indexIter.valueLength();
            if (handleBytes == null || handleBytes.length < n) {
                handleBytes = new byte[Math.max(n, BlockHandle.MAX_ENCODED_LENGTH)];
            }
            indexIter.copyValue(handleBytes, 0);
            long blockOffset;
            long blockSize;
            try {
                // read by position-free readers: the handle's two varints need no position array or pair
                blockOffset = Coding.varint64At(handleBytes, 0, n);
                blockSize = Coding.varint64At(handleBytes, Coding.varintEnd(handleBytes, 0, n), n);
            } catch (IllegalArgumentException e) {
                throw new CorruptionException(table.fileName + ": bad block handle in the index");
            }
            if (cursor != null && blockOffset == loadedOffset) {
                data = cursor;
                return;
            }
            use(table.dataBlock(new BlockHandle(blockOffset, blockSize), fillCache), blockOffset);
        } catch (IOException e) {
            data = null;
            cursor = null;
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code b}, the block at {@code offset}, the current one, through the one reused cursor. */
    private void use(Block b, long offset) {
        if (cursor == null) {
            cursor = b.iterator(KeyOrder.INTERNAL, slot);
        } else {
            cursor.reset(b);
        }
        loadedOffset = offset;
        data = cursor;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            table.unpin();
        }
    }
}
