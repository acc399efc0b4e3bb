package lsmdb.core.iterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.format.KeySlot;

/** Test child: an InternalIterator over sorted parallel lists, counting closes and optionally failing. */
public final class SortedListIterator implements InternalIterator {

    private final List<byte[]> keys;
    private final List<byte[]> values;
    private int pos = -1;
    private final KeySlot slot = new KeySlot();
    public int closes;
    /** When set, every positioning call throws this, as a table with a bad block would. */
    public IOException failure;

    public SortedListIterator(List<byte[]> keys, List<byte[]> values) {
        this.keys = keys;
        this.values = values;
    }

    @Override
    public boolean isValid() {
        return pos >= 0 && pos < keys.size();
    }

    @Override
    public void seekToFirst() {
        check();
        at(0);
    }

    @Override
    public void seekToLast() {
        check();
        at(keys.size() - 1);
    }

    @Override
    public void seek(byte[] target) {
        check();
        at(lowerBound(keys, target));
    }

    @Override
    public boolean next() {
        check();
        requireValid();
        return at(pos + 1);
    }

    @Override
    public void prev() {
        check();
        requireValid();
        at(pos - 1);
    }

    @Override
    public KeySlot keySlot() {
        return slot;
    }

    /** Moves to {@code p}; the slot gets a fresh copy of the key, so a merge reading a stale slot would see it. */
    private boolean at(int p) {
        pos = p;
        if (!isValid()) {
            slot.set(null, -1);
            return false;
        }
        byte[] k = keys.get(p);
        slot.set(java.util.Arrays.copyOf(k, k.length + 3), k.length);
        return true;
    }

    @Override
    public byte[] key() {
        requireValid();
        return keys.get(pos);
    }

    @Override
    public byte[] value() {
        requireValid();
        return values.get(pos);
    }

    @Override
    public void close() {
        closes++;
    }

    private void requireValid() {
        if (!isValid()) {
            throw new IllegalStateException("not positioned");
        }
    }

    private void check() {
        if (closes > 0) {
            throw new IllegalStateException("used after close");
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    /** First index whose key is {@code >= target} in internal-key order. */
    static int lowerBound(List<byte[]> keys, byte[] target) {
        int lo = 0;
        int hi = keys.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(keys.get(mid), target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
