package lsmdb.core.iterator;

import java.util.List;
import java.util.function.IntFunction;
import lsmdb.core.format.ForwardCount;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.format.KeySlot;

/**
 * The concatenation of a level's sorted, non-overlapping files, opening each file's iterator only when the
 * cursor reaches it and closing it when the cursor moves to another file.
 */
public final class LevelIterator implements InternalIterator {

    private final byte[][] largestKeys;
    private final IntFunction<InternalIterator> openFile;
    private final int fileCount;
    /** No seek targets a key inside a file before this one. */
    private final int firstFile;
    private int fileIndex = -1;
    private InternalIterator file;
    /** The current file's key slot, copied into {@link #slot} after each move. */
    private KeySlot fileSlot;
    private final KeySlot slot = new KeySlot();

    /**
     * @param smallestKeys the files' smallest internal keys, in level order
     * @param largestKeys  the files' largest internal keys, in level order
     * @param openFile     opens the iterator of the file at an index; I/O errors as UncheckedIOException
     */
    public LevelIterator(List<byte[]> smallestKeys, List<byte[]> largestKeys, IntFunction<InternalIterator> openFile) {
        if (smallestKeys.size() != largestKeys.size()) {
            throw new IllegalArgumentException("level has " + smallestKeys.size() + " smallest keys but "
                    + largestKeys.size() + " largest keys");
        }
        this.largestKeys = largestKeys.toArray(new byte[0][]);
        this.openFile = openFile;
        this.fileCount = this.largestKeys.length;
        this.firstFile = 0;
    }

    /**
     * As the list form, over an array the caller will not change (a version's, shared by every iterator over it,
     * so opening an iterator copies nothing per file).
     */
    public LevelIterator(byte[][] largestKeys, IntFunction<InternalIterator> openFile) {
        this(largestKeys, 0, openFile);
    }

    /**
     * As above, for a cursor every seek of which targets a key at or after the largest key of file
     * {@code firstFile - 1} (a range's start, whose file the opener found already): a seek looks at file
     * {@code firstFile} first and searches only the files from there on.
     */
    public LevelIterator(byte[][] largestKeys, int firstFile, IntFunction<InternalIterator> openFile) {
        this.largestKeys = largestKeys;
        this.openFile = openFile;
        this.fileCount = largestKeys.length;
        this.firstFile = firstFile;
    }

    @Override
    public boolean isValid() {
        return file != null && file.isValid();
    }

    @Override
    public void seekToFirst() {
        if (open(0)) {
            file.seekToFirst();
            skipEmptyFilesForward();
        }
        sync();
    }

    @Override
    public void seekToLast() {
        if (open(fileCount - 1)) {
            file.seekToLast();
            skipEmptyFilesBackward();
        }
        sync();
    }

    @Override
    public void seek(byte[] target) {
        if (open(firstFileWithLargestAtLeast(target))) {
            file.seek(target);
            skipEmptyFilesForward();
        }
        sync();
    }

    @Override
    public boolean next() {
        if (file.next()) {
            KeySlot f = fileSlot;
            slot.bytes = f.bytes;
            slot.length = f.length;
            return true;
        }
        skipEmptyFilesForward();
        return sync();
    }

    @Override
    public void prev() {
        file.prev();
        skipEmptyFilesBackward();
        sync();
    }

    @Override
    public KeySlot keySlot() {
        return slot;
    }

    /** Copies the current file's key into this level's slot; answers whether the level is valid. */
    private boolean sync() {
        if (file == null || !file.isValid()) {
            return false;
        }
        slot.bytes = fileSlot.bytes;
        slot.length = fileSlot.length;
        return true;
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
    public byte[] keyBuffer() {
        return file.keyBuffer();
    }

    @Override
    public int keyLength() {
        return file.keyLength();
    }

    @Override
    public int valueLength() {
        return file.valueLength();
    }

    @Override
    public void copyValue(byte[] dst, int offset) {
        file.copyValue(dst, offset);
    }

    /** Counting file by file: each file counts its own run; the first entry of each next one is accepted singly. */
    @Override
    public boolean countForward(ForwardCount count) {
        while (file != null) {
            if (file.countForward(count)) {
                sync();
                return true;
            }
            do {
                if (!open(fileIndex + 1)) {
                    return false;
                }
                file.seekToFirst();
            } while (!file.isValid());
            if (!count.accept(file.keyBuffer(), file.keyLength(), file)) {
                sync();
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closeFile();
        fileIndex = -1;
    }

    private void skipEmptyFilesForward() {
        while (!file.isValid()) {
            if (!open(fileIndex + 1)) {
                return;
            }
            file.seekToFirst();
        }
    }

    private void skipEmptyFilesBackward() {
        while (!file.isValid()) {
            if (!open(fileIndex - 1)) {
                return;
            }
            file.seekToLast();
        }
    }

    /** Makes file {@code index} current, reusing it if already open; false (and no file) if out of range. */
    private boolean open(int index) {
        if (index < 0 || index >= fileCount) {
            closeFile();
            fileIndex = -1;
            return false;
        }
        if (index != fileIndex || file == null) {
            closeFile();
            file = openFile.apply(index);
            fileSlot = file.keySlot();
            fileIndex = index;
        }
        return true;
    }

    private void closeFile() {
        if (file != null) {
            InternalIterator f = file;
            file = null;
            f.close();
        }
    }

    private int firstFileWithLargestAtLeast(byte[] target) {
        int lo = firstFile;
        // No test of lo > 0: at 0 the search below answers what this does, and which of the two a range's start
        // takes is a fact of the data (a scan starting in a level's first file), a trap in the range_scan phase.
        if (lo < fileCount && InternalKey.compare(largestKeys[lo], target) >= 0) {
            return lo; // the range's first file, as the opener found (the usual seek: to the range's start)
        }
        int hi = fileCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(largestKeys[mid], target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
