package lsmdb.core.memtable;

import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;

/** A cursor over a {@link SkipList}; prev searches for the last node before the current one, as LevelDB does. */
final class MemTableIterator implements InternalIterator {

    private final SkipList list;
    private SkipList.Node node;

    MemTableIterator(SkipList list) {
        this.list = list;
    }

    @Override
    public boolean isValid() {
        return node != null;
    }

    @Override
    public void seekToFirst() {
        node = list.first();
    }

    @Override
    public void seekToLast() {
        node = list.findLast();
    }

    @Override
    public void seek(byte[] target) {
        node = list.findGreaterOrEqual(target, target.length - InternalKey.TRAILER_SIZE,
                InternalKey.trailer(target, 0, target.length), null);
    }

    @Override
    public void next() {
        node = node.next(0);
    }

    @Override
    public void prev() {
        byte[] k = node.key;
        node = list.findLessThan(k, k.length - InternalKey.TRAILER_SIZE, InternalKey.trailer(k, 0, k.length));
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
