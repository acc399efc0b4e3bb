package lsmdb.core.iterator;

import java.util.List;
import lsmdb.core.memtable.InternalKey;

/**
 * The union of several sorted iterators in internal-key order (LevelDB's merger). Forward steps keep the children
 * in a binary min-heap; backward steps, rarer, scan the children for the largest. Changing direction first moves
 * every other child to the right side of the current key.
 */
public final class MergingIterator implements InternalIterator {

    private final InternalIterator[] children;
    /** Valid children ordered as a min-heap by key; meaningful only while moving forward. */
    private final InternalIterator[] heap;
    private int heapSize;
    private InternalIterator current;
    private boolean forward = true;

    public MergingIterator(List<InternalIterator> children) {
        this.children = children.toArray(new InternalIterator[0]);
        this.heap = new InternalIterator[this.children.length];
    }

    @Override
    public boolean isValid() {
        return current != null;
    }

    @Override
    public void seekToFirst() {
        for (InternalIterator c : children) {
            c.seekToFirst();
        }
        rebuildHeap();
    }

    @Override
    public void seekToLast() {
        for (InternalIterator c : children) {
            c.seekToLast();
        }
        forward = false;
        current = largest();
    }

    @Override
    public void seek(byte[] target) {
        for (InternalIterator c : children) {
            c.seek(target);
        }
        rebuildHeap();
    }

    @Override
    public void next() {
        if (!forward) {
            // Every other child must point past the current key before the forward heap is valid again.
            byte[] key = current.key();
            for (InternalIterator c : children) {
                if (c != current) {
                    c.seek(key);
                    if (c.isValid() && InternalKey.compare(c.key(), key) == 0) {
                        c.next();
                    }
                }
            }
            current.next();
            rebuildHeap();
            return;
        }
        current.next();
        if (current.isValid()) {
            siftDown(0);
        } else {
            heap[0] = heap[--heapSize];
            heap[heapSize] = null;
            if (heapSize > 0) {
                siftDown(0);
            }
        }
        current = heapSize > 0 ? heap[0] : null;
    }

    @Override
    public void prev() {
        if (forward) {
            byte[] key = current.key();
            for (InternalIterator c : children) {
                if (c != current) {
                    c.seek(key);
                    if (c.isValid()) {
                        c.prev();
                    } else {
                        c.seekToLast();
                    }
                }
            }
            forward = false;
        }
        current.prev();
        current = largest();
    }

    @Override
    public byte[] key() {
        return current.key();
    }

    @Override
    public byte[] value() {
        return current.value();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (InternalIterator c : children) {
            try {
                c.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private InternalIterator largest() {
        InternalIterator best = null;
        for (InternalIterator c : children) {
            if (c.isValid() && (best == null || InternalKey.compare(c.key(), best.key()) > 0)) {
                best = c;
            }
        }
        return best;
    }

    private void rebuildHeap() {
        forward = true;
        heapSize = 0;
        for (InternalIterator c : children) {
            if (c.isValid()) {
                heap[heapSize++] = c;
            }
        }
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
        current = heapSize > 0 ? heap[0] : null;
    }

    private void siftDown(int i) {
        InternalIterator x = heap[i];
        byte[] xk = x.key();
        for (;;) {
            int child = 2 * i + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && InternalKey.compare(heap[child + 1].key(), heap[child].key()) < 0) {
                child++;
            }
            if (InternalKey.compare(heap[child].key(), xk) >= 0) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = x;
    }
}
