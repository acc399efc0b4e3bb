package lsmdb.core.iterator;

import java.util.List;
import lsmdb.core.format.ForwardCount;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.format.KeySlot;

/**
 * Merges N sorted children into one sorted stream, forward and backward (LevelDB's merger, with a heap).
 *
 * <p>Entries are ordered by (internal key, child index), so equal keys from different children, which unique
 * sequence numbers should rule out, still merge deterministically and direction switches stay exact. Going
 * forward every child sits at its first entry after the current one; going backward at its last entry before
 * it. A direction switch re-seeks the other children around the current key.
 *
 * <p>Per step forward, only the child that moved is compared, and only against the runner-up (the smaller of the
 * heap's second row, cached with its key until the heap changes): while one child holds a run of the smallest keys
 * (a level that overlaps nothing else in range, the usual case for a scan) the heap is not touched. The current
 * child's key buffer is cached too, so the reader above calls no child to read the key.
 *
 * <p>Each child's key is read from its {@link KeySlot}, looked up once: a step forward is one call to the child
 * ({@code next}, which answers its validity) and field reads. A merge of memtables, tables and levels has three or
 * more child classes, and each call through the interface is a megamorphic dispatch the JIT cannot inline.
 */
public final class MergingIterator implements InternalIterator {

    /** A child's counting run this short (in entries) means interleaved children: step the merge for a while. */
    private static final int SHORT_RUN = 3;
    private static final int STEPS_AFTER_SHORT_RUN = 16;

    private final InternalIterator[] children;
    /** Indices of valid children, a min-heap going forward and a max-heap going backward. */
    private final int[] heap;
    private int heapSize;
    private boolean forward = true;
    /** The child at the top of the heap (null when none). */
    private InternalIterator top;
    /** The merge's key: the top child's, refreshed whenever it moves. */
    private final KeySlot slot = new KeySlot();
    /** Going forward: the heap's runner-up (child index, -1 when unknown) and its key, valid until the heap changes. */
    private int runner = -1;
    private byte[] runnerKey;
    private int runnerLength;
    /** Each child's key slot by child index. */
    private final KeySlot[] slots;

    public MergingIterator(List<? extends InternalIterator> children) {
        this(children.toArray(new InternalIterator[0]), children.size());
    }

    /**
     * Over {@code children[0, count)}, the array taken over when it is exactly that long. For a read path that
     * compiles into its callers: ArrayList.toArray's reflective copy carries a type check that other callers' arrays
     * (profiled in the same JDK method) made C2 compile as a trap, and a scan's first merge hit it.
     */
    public MergingIterator(InternalIterator[] children, int count) {
        if (count != children.length) {
            InternalIterator[] exact = new InternalIterator[count];
            System.arraycopy(children, 0, exact, 0, count);
            children = exact;
        }
        this.children = children;
        // never shorter than the root and its two children: findRunner reads heap[1] and heap[2], and compiled
        // code whose merges all had three or more children checks both indices at once, so the first merge of two
        // children (a settled tree: one memtable and one level) would deoptimise the scan that inlined it
        this.heap = new int[Math.max(3, this.children.length)];
        this.slots = new KeySlot[this.children.length];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = this.children[i].keySlot();
        }
    }

    @Override
    public boolean isValid() {
        return heapSize > 0;
    }

    @Override
    public void seekToFirst() {
        for (InternalIterator child : children) {
            child.seekToFirst();
        }
        rebuild(true);
    }

    @Override
    public void seekToLast() {
        for (InternalIterator child : children) {
            child.seekToLast();
        }
        rebuild(false);
    }

    @Override
    public void seek(byte[] target) {
        for (InternalIterator child : children) {
            child.seek(target);
        }
        rebuild(true);
    }

    @Override
    public boolean next() {
        if (!forward) {
            return turnForward();
        }
        return afterTopStep(top.next());
    }

    /**
     * {@link #next} for a user's cursor ({@code DbIterator}), from a call to the child of its own: the JIT speculates
     * on the classes each call site has met, and compactions merge tables only while a cursor's merge mixes memtables,
     * tables and levels, so a shared call compiled on the compactions' one class was deoptimised by a scan's first
     * memtable entry, and the whole merge step compiled again (JFR jdk.Deoptimization class_check at top.next()).
     */
    public boolean nextInCursor() {
        if (!forward) {
            return turnForward();
        }
        return afterTopStep(top.next());
    }

    /** {@link #valueLength} for a user's cursor, from a call site of its own (see {@link #nextInCursor}). */
    public int valueLengthInCursor() {
        return top.valueLength();
    }

    /** {@link #copyValue} for a user's cursor, from a call site of its own (see {@link #nextInCursor}). */
    public void copyValueInCursor(byte[] dst, int offset) {
        top.copyValue(dst, offset);
    }

    /** {@link #value} for a user's cursor, from a call site of its own (see {@link #nextInCursor}). */
    public byte[] valueInCursor() {
        return top.value();
    }

    /** Going backward until now: every other child is sought to just after the current entry. */
    private boolean turnForward() {
        int current = heap[0];
        byte[] key = children[current].key();
        for (int i = 0; i < children.length; i++) {
            if (i == current) {
                continue;
            }
            InternalIterator child = children[i];
            child.seek(key);
            // An equal key in a lower-numbered child sorts before the current entry: step past it.
            if (i < current && child.isValid() && InternalKey.compare(child.key(), key) == 0) {
                child.next();
            }
        }
        children[current].next();
        rebuild(true);
        return heapSize > 0;
    }

    /** The merge after the top child stepped forward ({@code moved}: it is still valid). */
    private boolean afterTopStep(boolean moved) {
        int current = heap[0];
        if (moved) {
            KeySlot s = slots[current];
            byte[] k = s.bytes;
            int n = s.length;
            if (heapSize == 1) {
                slot.bytes = k;
                slot.length = n;
                return true;
            }
            if (runner < 0) {
                findRunner();
            }
            int c = InternalKey.compare(k, 0, n, runnerKey, 0, runnerLength);
            if (c < 0 || (c == 0 && current < runner)) {
                slot.bytes = k; // still the smallest: the heap below is unchanged
                slot.length = n;
                return true;
            }
            // The runner-up comes first now: it takes the root, and the moved child sinks from the runner-up's place
            // (no child is called again, and the two comparisons a sift from the root would repeat are skipped).
            int p = heap[1] == runner ? 1 : 2;
            heap[0] = runner;
            heap[p] = current;
            siftDown(p);
            settle();
            return true;
        }
        heap[0] = heap[--heapSize]; // the top ran out
        if (heapSize > 0) {
            siftDown(0);
        }
        settle();
        return heapSize > 0;
    }

    /**
     * Counting: the top child counts its own run up to the runner-up's user key (entries of that key, which other
     * children hold versions of too, go through the merge), then the heap settles and the new top's entry is
     * accepted singly. A level that overlaps nothing else in range is thus counted in one call; children that
     * interleave (runs of a few entries) are stepped through the merge instead for a while after each short run.
     */
    @Override
    public boolean countForward(ForwardCount count) {
        if (!forward) {
            return InternalIterator.super.countForward(count);
        }
        int stepping = 0;
        while (heapSize > 0) {
            if (stepping > 0) {
                // children interleaved entry by entry: a run per entry costs more than a merge step
                stepping--;
                nextInCursor(); // only a user's cursor counts: its step, not the compactions'
                if (heapSize == 0) {
                    return false;
                }
                if (!count.accept(slot.bytes, slot.length, top)) {
                    return true;
                }
                continue;
            }
            long seenBefore = count.seen();
            if (heapSize > 1) {
                if (runner < 0) {
                    findRunner();
                }
                count.lowerLimit(runnerKey, runnerLength - InternalKey.TRAILER_SIZE);
            }
            try {
                top.countForward(count);
            } finally {
                count.resetLimit();
            }
            afterMoveOfTop();
            if (count.found()) {
                return true; // the top stopped on it below the runner-up: it is still the top
            }
            if (count.seen() - seenBefore < SHORT_RUN) {
                stepping = STEPS_AFTER_SHORT_RUN;
            }
            if (heapSize == 0) {
                return false;
            }
            if (!count.accept(slot.bytes, slot.length, top)) {
                return true;
            }
        }
        return false;
    }

    /** Caches the smaller of the top's two heap children (forward, heapSize >= 2). */
    private void findRunner() {
        int r = heap[1];
        if (heapSize > 2 && before(heap[2], r)) {
            r = heap[2];
        }
        runner = r;
        runnerKey = slots[r].bytes;
        runnerLength = slots[r].length;
    }

    @Override
    public void prev() {
        int current = heap[0];
        if (forward) {
            byte[] key = children[current].key();
            for (int i = 0; i < children.length; i++) {
                if (i == current) {
                    continue;
                }
                InternalIterator child = children[i];
                child.seek(key);
                // An equal key in a lower-numbered child sorts before the current entry: it is the one to keep.
                boolean keep = i < current && child.isValid() && InternalKey.compare(child.key(), key) == 0;
                if (keep) {
                    continue;
                }
                if (child.isValid()) {
                    child.prev();
                } else {
                    child.seekToLast();
                }
            }
            children[current].prev();
            rebuild(false);
            return;
        }
        top.prev();
        afterMoveOfTop();
    }

    @Override
    public byte[] key() {
        return top.key();
    }

    @Override
    public byte[] value() {
        return top.value();
    }

    @Override
    public byte[] keyBuffer() {
        return slot.bytes;
    }

    @Override
    public int keyLength() {
        return slot.length;
    }

    @Override
    public KeySlot keySlot() {
        return slot;
    }

    @Override
    public int valueLength() {
        return top.valueLength();
    }

    @Override
    public void copyValue(byte[] dst, int offset) {
        top.copyValue(dst, offset);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (InternalIterator child : children) {
            try {
                child.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void afterMoveOfTop() {
        int c = heap[0];
        InternalIterator t = children[c];
        if (!t.isValid()) {
            heap[0] = heap[--heapSize];
        }
        if (heapSize > 0) {
            siftDown(0);
        }
        settle();
    }

    /** Refreshes the cached top after the heap changed; the runner-up is found again when next needed. */
    private void settle() {
        runner = -1;
        runnerKey = null;
        if (heapSize == 0) {
            top = null;
            slot.set(null, 0);
            return;
        }
        int c = heap[0];
        top = children[c];
        slot.set(slots[c].bytes, slots[c].length);
    }

    private void rebuild(boolean forward) {
        this.forward = forward;
        heapSize = 0;
        for (int i = 0; i < children.length; i++) {
            InternalIterator child = children[i];
            if (child.isValid()) {
                heap[heapSize++] = i;
            }
        }
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
        settle();
    }

    private void siftDown(int pos) {
        int item = heap[pos];
        while (true) {
            int child = 2 * pos + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], item)) {
                break;
            }
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = item;
    }

    /** Whether child {@code a}'s entry comes out before child {@code b}'s in the current direction. */
    private boolean before(int a, int b) {
        KeySlot x = slots[a];
        KeySlot y = slots[b];
        int c = InternalKey.compare(x.bytes, 0, x.length, y.bytes, 0, y.length);
        if (c == 0) {
            c = Integer.compare(a, b);
        }
        return forward ? c < 0 : c > 0;
    }
}
