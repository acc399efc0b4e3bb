package lsmdb.core.memtable;

import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.format.KeySlot;

/** A cursor over a {@link SkipList}; prev searches for the last node before the current one, as LevelDB does. */
final class MemTableIterator implements InternalIterator {

    private final SkipList list;
    private SkipList.Node node;
    private final KeySlot slot = new KeySlot();

    MemTableIterator(SkipList list) {
        this.list = list;
    }

    @Override
    public boolean isValid() {
        return node != null;
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
                InternalKey.trailer(target, 0, target.length), null));
    }

    @Override
    public boolean next() {
        return at(node.next(0));
    }

    @Override
    public void prev() {
        byte[] k = node.key;
        at(list.findLessThan(k, k.length - InternalKey.TRAILER_SIZE, InternalKey.trailer(k, 0, k.length)));
    }

    /** Makes {@code n} (null: none) the current node, its key the slot's. */
    private boolean at(SkipList.Node n) {
        node = n;
        if (n == null) {
            return false;
        }
        byte[] k = n.key;
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
        return node.key;
    }

    @Override
    public byte[] value() {
        return node.value;
    }
}
