package lsmdb.core.sstable;

import lsmdb.core.util.KeyFence;
import lsmdb.core.util.PinnedRefCount;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import lsmdb.core.CorruptionException;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.util.Crc;

/**
 * An open table file (format in {@link TableBuilder}). The index and filter stay in memory; data blocks come from the
 * shared block cache or the file, their checksums verified on every read from the file. Thread-safe.
 *
 * <p>Reference counted: whoever opens it holds the one reference, dropped by {@link #close()}; readers
 * {@link #tryPin()} it for the duration of a read or an iterator, and the file closes once it is closed and no pin
 * is left.
 */
public final class Table implements Closeable {

    /** An entry found by {@link #get}. */
    public record Entry(byte[] key, byte[] value) {
    }

    /**
     * Each thread's cursors for gets. Made here, when Table initialises, not in GetCursors: a thread-local's slot in
     * each thread's map follows the order thread-locals are made in, and made later it shared a slot with another of
     * the reading thread's, so every get took ThreadLocal's slow path (getEntryAfterMiss, hot in C2's inlining of
     * getPastFilter).
     */
    private static final ThreadLocal<GetCursors> GET_CURSORS = ThreadLocal.withInitial(GetCursors::new);

    // The members without "private" are what TableIterator and GetCursors read of the table.
    private final ReadableFile file;
    final String fileName;
    private final long fileNumber;
    private final SharedBlockCache cache;
    final Block index;
    private final byte[] filter;
    /** The opener's reference and readers' pins; the file closes when all are gone. */
    private final PinnedRefCount life = new PinnedRefCount(this::closeFile);
    /** The file mapped in memory (then data blocks are read in place, not cached), or null. */
    private final java.nio.ByteBuffer mapping;
    /** The data blocks' offsets and sizes in file order (the index block's handles, decoded once). */
    final long[] blockOffsets;
    final int[] blockSizes;
    /** The index separators as words, for point lookups (see {@link KeyFence}); null if an index key is malformed. */
    final KeyFence fence;
    /** Whether index entry i is restart point i (as the builder writes it), so a point get can read it directly. */
    final boolean indexAddressable;
    /** With a mapping: which data blocks have had their checksums verified. */
    private final java.util.concurrent.atomic.AtomicLongArray verified;
    /**
     * With a mapping: the uncompressed data blocks made so far, by ordinal, each verified before it was stored. Written
     * racily (two readers may both make a block; either copy serves), safe to share as a Block's fields are final.
     */
    private final Block[] mappedBlocks;
    /**
     * Per data block, from the index entries' optional tails (see {@link TableBuilder}): its entry count when it can
     * be counted unread, else 0; with the table's largest sequence and restart interval. Null when the index has no
     * tails or no countable block (a table written before them): such a table is counted entry by entry.
     */
    final int[] countableEntries;
    final long largestSequence;
    final int restartInterval;

    private Table(ReadableFile file, String fileName, long fileNumber, SharedBlockCache cache, Block index, byte[] filter)
            throws CorruptionException {
        this.file = file;
        this.fileName = fileName;
        this.fileNumber = fileNumber;
        this.cache = cache;
        this.index = index;
        this.filter = filter;
        this.mapping = file.mapping();
        DecodedIndex decoded = DecodedIndex.read(index, fileName);
        this.blockOffsets = decoded.offsets();
        this.blockSizes = decoded.sizes();
        this.fence = decoded.fence();
        this.indexAddressable = fence != null && index.restartCount() == blockOffsets.length;
        this.verified = mapping == null ? null : new java.util.concurrent.atomic.AtomicLongArray(
                blockOffsets.length / 64 + 1);
        this.mappedBlocks = mapping == null ? null : new Block[blockOffsets.length];
        this.countableEntries = decoded.countable();
        this.largestSequence = decoded.largestSequence();
        this.restartInterval = decoded.restartInterval();
    }

    /** Opens a table, reading its footer, index and filter. On failure the file is closed. */
    public static Table open(ReadableFile file, String fileName, long fileNumber, long fileSize, SharedBlockCache cache)
            throws IOException {
        try {
            long actual = file.size();
            if (actual < fileSize) { // else the footer would be read past the end: an EOFException naming nothing
                throw new CorruptionException(fileName + ": " + actual + " bytes, shorter than the " + fileSize
                        + " the manifest records (truncated)");
            }
            Footer footer = Footer.read(file, fileName, fileSize);
            BlockHandle filterHandle = footer.filter();
            BlockHandle indexHandle = footer.index();
            long dataEnd = fileSize - TableBuilder.FOOTER_SIZE;
            checkHandle(indexHandle, dataEnd, fileName, "index");
            BlockContents indexBytes = BlockContents.read(file, fileName, indexHandle);
            Block index = indexBlock(file, fileName, indexHandle, indexBytes);
            byte[] filter = null;
            if (filterHandle.size() > 0) {
                checkHandle(filterHandle, dataEnd, fileName, "filter");
                BlockContents f = BlockContents.read(file, fileName, filterHandle);
                filter = Arrays.copyOf(f.bytes(), f.length());
            }
            return new Table(file, fileName, fileNumber, cache, index, filter);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static void checkHandle(BlockHandle h, long limit, String fileName, String what) throws CorruptionException {
        if (h.offset() < 0 || h.size() < 0 || h.offset() + h.size() + TableBuilder.TRAILER_SIZE > limit) {
            throw new CorruptionException(fileName + ": " + what + " block handle points outside the file");
        }
    }

    /**
     * The index block, verified in {@code contents}. A mapped table's uncompressed index is read in place, as its
     * data blocks are: every block of the table then wraps the same buffer class, so the block readers' calls on it
     * stay monomorphic (a heap index among mapped data blocks deoptimised them when a scan first sought the index).
     */
    private static Block indexBlock(ReadableFile file, String fileName, BlockHandle h, BlockContents contents)
            throws CorruptionException {
        java.nio.ByteBuffer mapping = file.mapping();
        int n = (int) h.size();
        if (mapping != null && contents.length() == n && contents.bytes().length == n + TableBuilder.TRAILER_SIZE
                && contents.bytes()[n] == TableBuilder.NO_COMPRESSION) {
            return new Block(mapping.slice((int) h.offset(), n), fileName, -1);
        }
        return new Block(contents.bytes(), contents.length(), fileName, -1);
    }

    /**
     * Data block {@code ordinal} of the index, for a point lookup: one made from the mapping before is served without
     * touching the mapping or searching the offsets.
     */
    Block blockAt(int ordinal) throws IOException {
        if (mapping != null) {
            Block made = mappedBlocks[ordinal];
            if (made != null && made.size() == blockSizes[ordinal]) {
                return made;
            }
        }
        return dataBlock(new BlockHandle(blockOffsets[ordinal], blockSizes[ordinal]), true);
    }

    Block dataBlock(BlockHandle h, boolean fillCache) throws IOException {
        if (mapping != null) {
            return mappedBlock(h, fillCache);
        }
        if (cache != null) {
            Object cached = cache.get(fileNumber, h.offset());
            if (cached != null) {
                return (Block) cached;
            }
        }
        BlockContents contents = BlockContents.read(file, fileName, h);
        Block b = new Block(contents.bytes(), contents.length(), fileName, h.offset());
        if (cache != null && fillCache) {
            cache.put(fileNumber, h.offset(), b, b.memoryCharge());
        }
        return b;
    }

    /**
     * A data block read in place from the mapping: the operating system's page cache is its cache. Its checksum is
     * verified on first use and remembered, as a block cache remembers a verified copy.
     */
    private Block mappedBlock(BlockHandle h, boolean fillCache) throws IOException {
        long end = h.offset() + h.size() + TableBuilder.TRAILER_SIZE;
        if (h.offset() < 0 || h.size() < 0 || end > mapping.capacity()) {
            throw new CorruptionException(fileName + ": block at offset " + h.offset() + " runs past the end of the file");
        }
        int offset = (int) h.offset();
        int n = (int) h.size();
        try {
            int ordinal = Arrays.binarySearch(blockOffsets, offset); // < 0: not a block the index names; verify
            if (ordinal >= 0) {
                Block made = mappedBlocks[ordinal]; // only uncompressed blocks are made: no need to read the type
                if (made != null && made.size() == n) {
                    return made;
                }
            }
            if (mapping.get(offset + n) != TableBuilder.NO_COMPRESSION) {
                return decodedBlock(offset, n, fillCache);
            }
            if (!isVerified(ordinal)) {
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(mapping.slice(offset, n + 1));
                int stored = mapping.get(offset + n + 1) & 0xff | (mapping.get(offset + n + 2) & 0xff) << 8
                        | (mapping.get(offset + n + 3) & 0xff) << 16 | (mapping.get(offset + n + 4) & 0xff) << 24;
                if ((int) crc.getValue() != Crc.unmask(stored)) {
                    throw new CorruptionException("corrupted block in " + fileName + " at offset " + offset
                            + ": checksum mismatch");
                }
                markVerified(ordinal);
            }
            Block b = new Block(mapping.slice(offset, n), fileName, offset);
            if (ordinal >= 0) {
                mappedBlocks[ordinal] = b;
            }
            return b;
        } catch (InternalError e) {
            // The JVM's report of a fault in mapped memory: the file was truncated or the disk failed.
            throw new IOException("cannot read " + fileName + " block at offset " + offset + ": " + e.getMessage(), e);
        }
    }

    /**
     * A compressed block of a mapped table: decoded once into the block cache (when there is one) and served from
     * there, as in-place reads cannot serve it.
     */
    private Block decodedBlock(int offset, int n, boolean fillCache) throws CorruptionException {
        if (cache != null) {
            Object cached = cache.get(fileNumber, offset);
            if (cached != null) {
                return (Block) cached;
            }
        }
        byte[] stored = new byte[n + TableBuilder.TRAILER_SIZE];
        mapping.get(offset, stored);
        BlockContents contents = BlockContents.decode(stored, n, fileName, offset);
        Block b = new Block(contents.bytes(), contents.length(), fileName, offset);
        if (cache != null && fillCache) {
            cache.put(fileNumber, offset, b, b.memoryCharge());
        }
        return b;
    }

    private boolean isVerified(int ordinal) {
        return ordinal >= 0 && (verified.get(ordinal >>> 6) & (1L << ordinal)) != 0;
    }

    private void markVerified(int ordinal) {
        if (ordinal < 0) {
            return;
        }
        int word = ordinal >>> 6;
        long bit = 1L << ordinal;
        for (long w = verified.get(word); (w & bit) == 0 && !verified.compareAndSet(word, w, w | bit); ) {
            w = verified.get(word);
        }
    }

    private BlockHandle handle(byte[] value) throws CorruptionException {
        try {
            return BlockHandle.decode(value, 0, value.length);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(fileName + ": bad block handle in the index");
        }
    }

    /** Whether the table may hold {@code userKey}: false only when the bloom filter rules it out. */
    public boolean mayContain(byte[] key, int off, int len) {
        return filter == null || BloomFilter.mayContain(filter, BloomFilter.hash(key, off, len));
    }

    /** The filter hash of a user key: computed once, it serves {@link #mayContain(int)} of every table. */
    public static int filterHash(byte[] key, int off, int len) {
        return BloomFilter.hash(key, off, len);
    }

    /** {@link #mayContain(byte[], int, int)} for a key whose {@link #filterHash} is {@code hash}. */
    public boolean mayContain(int hash) {
        return filter == null || BloomFilter.mayContain(filter, hash);
    }

    /**
     * The first entry at or after {@code seekKey} if it has the same user key, else null. Checks the bloom filter
     * first, then reads one data block.
     */
    public Entry get(byte[] seekKey) throws IOException {
        return mayContain(seekKey, 0, seekKey.length - InternalKey.TRAILER_SIZE) ? getPastFilter(seekKey) : null;
    }

    /** As {@link #get} for a caller that has checked {@link #mayContain} already. */
    public Entry getPastFilter(byte[] seekKey) throws IOException {
        return getPastFilter(seekKey, null);
    }

    /** The ordinal of the data block a point get of {@code seekKey} would search, if the fence decides it; else -1. */
    int blockOrdinalFor(byte[] seekKey, PointHit scratch) {
        if (mapping == null || fence == null) {
            return -1;
        }
        int ordinal = pointOrdinal(seekKey, seekKey.length - InternalKey.TRAILER_SIZE, scratch);
        return ordinal == KeyFence.UNDECIDED || ordinal >= blockOffsets.length ? -1 : ordinal;
    }

    /**
     * The ordinal of the data block a point get of {@code seekKey} searches (the first whose last key is at or after
     * it; {@code blockOffsets.length} past the last), through the fence. When the fence ties on a separator equal to
     * the target's user key (the target is a block's last user key), that separator's trailer, read from the index
     * entry in place, decides. {@link KeyFence#UNDECIDED} when neither decides.
     */
    private int pointOrdinal(byte[] seekKey, int userLength, PointHit scratch) {
        int answer = fence.findOrEqual(seekKey, userLength);
        int equal = KeyFence.equalKey(answer);
        return equal < 0 ? answer : tieOrdinal(equal, seekKey, scratch);
    }

    /**
     * The block of {@code seekKey}, whose user key is block {@code equal}'s last one: that block or the next, as the
     * separator's trailer, read from the index entry in place, orders them (equal user keys: the greater trailer,
     * the newer sequence, sorts first). {@link KeyFence#UNDECIDED} when the index entry cannot be read in place.
     */
    private int tieOrdinal(int equal, byte[] seekKey, PointHit scratch) {
        if (!indexAddressable) {
            return KeyFence.UNDECIDED;
        }
        long separator = index.restartKeyTrailer(equal, scratch);
        if (separator == -1) {
            return KeyFence.UNDECIDED;
        }
        long target = InternalKey.trailer(seekKey, 0, seekKey.length);
        return Long.compareUnsigned(target, separator) >= 0 ? equal : equal + 1;
    }

    /** Data block {@code ordinal} (from {@link #blockOrdinalFor}) if made before, unchecked; else null. */
    Block madeBlockUnchecked(int ordinal) {
        return mappedBlocks[ordinal];
    }

    /** Whether {@code b}, from {@link #madeBlockUnchecked}, is block {@code ordinal} as {@link #blockAt} serves it. */
    boolean madeBlockValid(int ordinal, Block b) {
        return b.size() == blockSizes[ordinal];
    }

    /** The entry {@link Block#seekPoint} found: the target's user key with the hit's trailer, and its value. */
    private static Entry hitEntry(byte[] seekKey, Block block, PointHit hit) {
        byte[] key = Arrays.copyOf(seekKey, seekKey.length);
        InternalKey.writeTrailer(key, seekKey.length - InternalKey.TRAILER_SIZE, hit.trailer >>> 8, (byte) hit.trailer);
        return new Entry(key, block.copy(hit.valueOffset, hit.valueLength));
    }

    /** As {@link #getPastFilter(byte[])} in {@code known}, block {@link #blockOrdinalFor} found, when not null. */
    Entry getPastFilter(byte[] seekKey, Block known) throws IOException {
        int userLength = seekKey.length - InternalKey.TRAILER_SIZE;
        GetCursors c = GET_CURSORS.get();
        try {
            int ordinal = known != null ? 0 : fence == null ? KeyFence.UNDECIDED
                    : pointOrdinal(seekKey, userLength, c.hit);
            Block block;
            if (known != null) {
                block = known;
            } else if (ordinal != KeyFence.UNDECIDED) {
                if (ordinal == blockOffsets.length) {
                    return null; // past the table's last key
                }
                block = blockAt(ordinal);
            } else {
                BlockIterator ii = c.index(index);
                ii.seek(seekKey);
                if (!ii.isValid()) {
                    return null;
                }
                block = dataBlock(c.handle(ii, this), true);
            }
            PointHit hit = c.hit;
            int found = block.seekPoint(seekKey, hit);
            if (found >= 0) {
                return hitEntry(seekKey, block, hit);
            }
            if (found == Block.POINT_ABSENT) {
                return null;
            }
            BlockIterator bi = c.data(block); // a shape the in-place search leaves to a seek
            bi.seek(seekKey);
            if (!bi.isValid()) {
                return null;
            }
            byte[] k = bi.keyBuffer();
            if (bi.keyLength() - InternalKey.TRAILER_SIZE != userLength
                    || !Arrays.equals(k, 0, userLength, seekKey, 0, userLength)) {
                return null;
            }
            return new Entry(bi.key(), bi.value());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            c.clear();
        }
    }

    /**
     * Adds to {@code gather} every entry of this table from {@code seekKey} (an internal key) up to user key
     * {@code to} (exclusive), as a table iterator sought there would give them; true when all were added, false when
     * the gather is full. Finds the first data block through the fence, or through the index when the fence cannot
     * place the seek key, then walks the blocks by ordinal with the thread's block cursors: no iterator is made.
     */
    public boolean gather(byte[] seekKey, byte[] to, RangeGather gather) throws IOException {
        // One method, the index's search for the first block written out in it rather than called: above C2's
        // FreqInlineSize (325 bytecodes) it is compiled once, as a unit of its own. At 234 it was inlined into
        // ReadPath.gather and compiled a second time there (a 40-54 KB unit, 140-330 ms of the one C2 thread of a
        // 2-core machine, spent in the first short index-read phase after a warm-up, and the one after it).
        GetCursors c = GET_CURSORS.get();
        try {
            // the first block whose last key is at or after the seek key: the fence's answer, a tie with a block's
            // last user key decided by that separator's trailer
            int ordinal = fence == null ? KeyFence.UNDECIDED
                    : fence.findOrEqual(seekKey, seekKey.length - InternalKey.TRAILER_SIZE);
            int equal = KeyFence.equalKey(ordinal);
            if (equal >= 0) {
                ordinal = tieOrdinal(equal, seekKey, c.hit);
            }
            if (ordinal == KeyFence.UNDECIDED) { // the index's entry for it, as a block ordinal
                BlockIterator ii = c.index(index);
                ii.seek(seekKey);
                if (!ii.isValid()) {
                    return true; // past the table's last key
                }
                long offset = c.handle(ii, this).offset();
                ordinal = Arrays.binarySearch(blockOffsets, offset);
                if (ordinal < 0) {
                    throw new CorruptionException(fileName + ": the index names a block at offset " + offset
                            + " that its decoded entries do not");
                }
            }
            // Past the last block ends the walk through the same test as reaching `to`, not a branch of its own: a
            // gather runs off a table's end only where a range crosses into the next file, which a small database's
            // warm-up may never do, and a branch it never took was an uncommon trap that recompiled this method.
            int last = blockOffsets.length - 1;
            if (last < 0) {
                return true; // a table without entries
            }
            int past = (last - ordinal) >>> 31; // 1 once the walk is past the last block: it rereads that block
            BlockIterator bi = c.data(blockAt(Math.min(ordinal, last)));
            bi.seek(seekKey);
            for (;;) {
                while (bi.isValid()) {
                    byte[] k = bi.keyBuffer();
                    int n = bi.keyLength();
                    if ((InternalKey.compareUserKey(k, n, to) & (past - 1)) >= 0) { // at `to`, or past the last block
                        return true;
                    }
                    if (!gather.addCopyingValue(k, n, bi)) {
                        return false;
                    }
                    bi.next();
                }
                // On to the next block by ordinal whichever search found the first (small databases' index keys
                // tie on the fence and are found through the index): one path for both, so neither is a trap.
                ordinal++;
                past = (last - ordinal) >>> 31;
                bi = c.data(blockAt(Math.min(ordinal, last)));
                bi.seekToFirst();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            c.clear();
        }
    }

    /** The table's layout for tools: one line per index entry (a data block) and one for the filter. */
    public void describeLayout(java.util.function.Consumer<String> out) throws IOException {
        BlockIterator it = index.iterator(KeyOrder.INTERNAL);
        int blocks = 0;
        for (it.seekToFirst(); it.isValid(); it.next()) {
            BlockHandle h = handle(it.value());
            byte[] k = it.key();
            out.accept("index: block " + blocks++ + " at offset " + h.offset() + ", " + h.size() + " bytes, last key "
                    + lsmdb.core.util.Hex.of(InternalKey.userKey(k)) + " @" + InternalKey.sequence(k));
        }
        out.accept(filter == null ? "filter: none" : "filter: bloom, " + (filter.length - 1) + " bytes, "
                + (filter[filter.length - 1] & 0x3f) + " probes per key"
                + ((filter[filter.length - 1] & 0x40) != 0 ? ", blocked by cache line" : ""));
    }

    /** An iterator over the whole table (index → data blocks). Retains the table until closed. */
    public InternalIterator iterator() {
        return iterator(true);
    }

    /** As {@link #iterator()}; with {@code fillCache} false, blocks read from the file are not added to the cache. */
    public InternalIterator iterator(boolean fillCache) {
        if (!tryPin()) {
            throw new IllegalStateException(fileName + " is closed");
        }
        return new TableIterator(this, fillCache);
    }

    /**
     * As {@link #iterator(boolean)}, built on a pin the caller holds and hands over ({@link #tryPin()} succeeded):
     * the iterator's close lets it go. A second pin could be refused, since the table may be closed (evicted) while
     * the caller holds the first.
     */
    public InternalIterator iteratorOnPin(boolean fillCache) {
        return new TableIterator(this, fillCache);
    }

    /**
     * Maps every page of a memory-mapped table into the process now, returning the bytes mapped (0 for a table read
     * through the file). The thread that wrote the table calls this while its pages are still in the page cache, so
     * the first queries to read a fresh table do not each take a page fault per block (about 6 us a block under a
     * hypervisor, a tenth of a range scan's time on a compacted table). Checksums are still verified on first use.
     */
    public long prefault() throws IOException {
        if (!(mapping instanceof java.nio.MappedByteBuffer m)) {
            return 0;
        }
        try {
            m.load();
        } catch (InternalError e) {
            throw new IOException("cannot read " + fileName + ": " + e.getMessage(), e);
        }
        return m.capacity();
    }

    /** A reader's reference unless the table has already closed; see {@link PinnedRefCount}. */
    public boolean tryPin() {
        return life.tryPin();
    }

    public void unpin() {
        life.unpin();
    }

    private void closeFile() {
        try {
            file.close();
        } catch (IOException ignored) {
            // a read-only file: nothing was lost
        }
    }

    /** Drops the opener's reference: the file closes now, or when the last reader unpins. */
    @Override
    public void close() {
        life.release();
    }
}
