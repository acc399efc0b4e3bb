package lsmdb.core.memtable;

import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.format.KeySlot;

/** A cursor over a {@link SkipList}; prev searches for the last node before the current one, as LevelDB does. */
final class MemTableIterator implements InternalIterator {

    private final SkipList list;
    private int node = SkipList.NONE;
    /** The current node's internal key, kept here so that key() and prev() need no lookup. */
    private byte[] key;
    private final KeySlot slot = new KeySlot();

    MemTableIterator(SkipList list) {
        this.list = list;
    }

    @Override
    public boolean isValid() {
        return node != SkipList.NONE;
    }

    @Override
    public void seekToFirst() {
        at(list.first());
    }

    @Override
    public void seekToLast() {
        at(list.findLast());
    }

    @Override
    public void seek(byte[] target) {
        at(list.findGreaterOrEqual(target, target.length - InternalKey.TRAILER_SIZE,
                InternalKey.trailer(target, 0, target.length)));
    }

    @Override
    public boolean next() {
        return at(list.next(node));
    }

    @Override
    public void prev() {
        byte[] k = key;
        at(list.findLessThan(k, k.length - InternalKey.TRAILER_SIZE, InternalKey.trailer(k, 0, k.length)));
    }

    /** Makes {@code n} ({@link SkipList#NONE}: none) the current node, its key the slot's. */
    private boolean at(int n) {
        node = n;
        if (n == SkipList.NONE) {
            return false;
        }
        byte[] k = list.key(n);
        key = k;
        slot.bytes = k;
        slot.length = k.length;
        return true;
    }

    @Override
    public KeySlot keySlot() {
        return slot;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value() {
        return list.value(node);
    }
}
