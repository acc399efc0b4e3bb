package lsmdb.core.iterator;

import java.util.List;
import java.util.function.IntFunction;
import lsmdb.core.memtable.InternalKey;

/**
 * The entries of one level's sorted, disjoint files in order, opening each file only when the walk reaches it
 * (LevelDB's two-level iterator over a level).
 */
public final class LevelIterator implements InternalIterator {

    private final List<byte[]> largest;
    private final IntFunction<InternalIterator> openFile;
    private int index = -1;
    private InternalIterator file;

    /** Keys are the files' smallest and largest internal keys, in file order (the smallest are not needed yet). */
    public LevelIterator(List<byte[]> smallestKeys, List<byte[]> largestKeys, IntFunction<InternalIterator> openFile) {
        this.largest = largestKeys;
        this.openFile = openFile;
    }

    @Override
    public boolean isValid() {
        return file != null && file.isValid();
    }

    @Override
    public void seekToFirst() {
        open(0);
        if (file != null) {
            file.seekToFirst();
        }
        skipForward();
    }

    @Override
    public void seekToLast() {
        open(largest.size() - 1);
        if (file != null) {
            file.seekToLast();
        }
        skipBackward();
    }

    @Override
    public void seek(byte[] target) {
        int lo = 0;
        int hi = largest.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(largest.get(mid), target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        open(lo);
        if (file != null) {
            file.seek(target);
        }
        skipForward();
    }

    @Override
    public void next() {
        file.next();
        skipForward();
    }

    @Override
    public void prev() {
        file.prev();
        skipBackward();
    }

    @Override
    public byte[] key() {
        return file.key();
    }

    @Override
    public byte[] value() {
        return file.value();
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
            file = null;
        }
    }

    private void skipForward() {
        while (file != null && !file.isValid()) {
            if (index + 1 >= largest.size()) {
                close();
                return;
            }
            open(index + 1);
            file.seekToFirst();
        }
    }

    private void skipBackward() {
        while (file != null && !file.isValid()) {
            if (index - 1 < 0) {
                close();
                return;
            }
            open(index - 1);
            file.seekToLast();
        }
    }

    private void open(int i) {
        if (i == index && file != null) {
            return;
        }
        close();
        index = i;
        if (i >= 0 && i < largest.size()) {
            file = openFile.apply(i);
        }
    }
}
