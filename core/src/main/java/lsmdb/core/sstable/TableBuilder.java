package lsmdb.core.sstable;

import java.io.IOException;
import java.util.Arrays;
import lsmdb.core.Options;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.WritableFile;
import lsmdb.core.util.Coding;
import lsmdb.core.util.Crc;

/**
 * Writes a table file ({@code NNNNNN.sst}) from entries added in internal-key order.
 *
 * <pre>
 * table   = data block* | filter block (absent when bloomBitsPerKey = 0) | index block | footer
 * block on disk = stored | type (1 byte) | masked CRC32C of stored and type (fixed32)
 *                 type 0: stored = contents; 4 (LZ4), 7 (ZSTD): stored = contents' length (varint32) | compressed
 *                 contents ({@link lsmdb.core.Compression}); only data blocks are compressed, and only when that
 *                 saves at least an eighth
 * data block    = entries keyed by internal key (format in {@link BlockBuilder})
 * filter block  = one bloom filter over the table's user keys (format in {@link BloomFilter})
 * index block   = one entry per data block: key = the block's last key, value = its handle
 *                 (offset varint64 | size varint64) [| count tail]; a restart at every entry
 * count tail    = countable entries varint32, and in the last entry only: | largest sequence of the table varint64 |
 *                 restart interval varint32. Tables written before it end their entries at the handle. The countable
 *                 entries are the block's entry count when every entry is a put of a user key unlike the entry's
 *                 before it in the table (so the block holds one version of each of its keys, none of them a version
 *                 of the previous block's last key), else 0; {@link Table} counts such a block from it
 * footer (48 bytes) = filter handle | index handle | zero padding to 40 bytes (checked) | magic (fixed64)
 * </pre>
 */
public final class TableBuilder {

    static final long MAGIC = 0x6c736d6462737374L; // "lsmdbsst"
    static final int FOOTER_SIZE = 48;
    static final int TRAILER_SIZE = 5;
    static final byte NO_COMPRESSION = 0;

    private final Options options;
    private final WritableFile file;
    private final BlockBuilder data;
    private final BlockBuilder index = new BlockBuilder(1);
    private final byte[] trailer = new byte[TRAILER_SIZE];
    private final lsmdb.core.Compression compression;
    /** Where data blocks are compressed; grown to the largest block's bound. */
    private byte[] compressed = new byte[0];
    private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    private int[] hashes = new int[1024];
    private int hashCount;
    /** 1 when the table gets a filter block, else 0 (no hash is kept). */
    private final int filtered;
    /** The data block being built: its entries, largest sequence, and whether it is countable unread so far. */
    private int blockEntries;
    private int blockCountable = 1;
    private long largestSequence;
    /** Scratch for an index entry's value: the handle and the count tail. */
    private final byte[] indexValue = new byte[BlockHandle.MAX_ENCODED_LENGTH + 5 + 10 + 5];
    /** The last data block's index entry, added once it is known whether it is the table's last. */
    private byte[] pendingKey;
    private byte[] pendingValue;
    /** The last data block's last key: once finished, the table's largest key. */
    private byte[] largestKey;
    private long offset;
    private boolean finished;

    /** Whether index entries get the count tail; false only in tests, to write a table as older builders did. */
    private final boolean countTails;

    public TableBuilder(Options options, WritableFile file) {
        this(options, file, true);
    }

    TableBuilder(Options options, WritableFile file, boolean countTails) {
        this.options = options;
        this.file = file;
        this.data = new BlockBuilder(options.blockRestartInterval());
        this.compression = options.compression();
        this.countTails = countTails;
        this.filtered = options.bloomBitsPerKey() > 0 ? 1 : 0;
    }

    /** REQUIRES: keys strictly increasing in internal-key order. */
    public void add(byte[] internalKey, byte[] value) throws IOException {
        int newUserKey = data.newUserKey(internalKey, internalKey.length);
        data.add(internalKey, value);
        afterAdd(internalKey, internalKey.length, newUserKey);
    }

    /**
     * Adds key {@code internalKey[0, keyLength)} with value {@code value[valueOffset, +valueLength)}, both copied
     * from the caller's (reusable) buffers. REQUIRES: keys strictly increasing in internal-key order.
     */
    public void add(byte[] internalKey, int keyLength, byte[] value, int valueOffset, int valueLength)
            throws IOException {
        int newUserKey = data.newUserKey(internalKey, keyLength);
        int at = data.add(internalKey, keyLength, valueLength);
        System.arraycopy(value, valueOffset, data.buffer(), at, valueLength);
        afterAdd(internalKey, keyLength, newUserKey);
    }

    /**
     * Adds the entry {@code source} is at, its key and value copied straight from the source's buffers into the
     * block (a compaction's path: no per-entry allocation, one copy of each value). REQUIRES: keys strictly
     * increasing in internal-key order.
     */
    public void add(lsmdb.core.format.InternalIterator source) throws IOException {
        byte[] key = source.keyBuffer();
        int keyLength = source.keyLength();
        int newUserKey = data.newUserKey(key, keyLength);
        int at = data.add(key, keyLength, source.valueLength());
        source.copyValue(data.buffer(), at);
        afterAdd(key, keyLength, newUserKey);
    }

    /** {@code newUserKey}: 1 unless the key is another version of the previous key's user key (then 0). */
    private void afterAdd(byte[] internalKey, int keyLength, int newUserKey) throws IOException {
        // Straight-line on purpose: a flush of a bulk load sees only new user keys, a flush after updates sees
        // repeats; code compiled for the first must not be thrown away (an uncommon trap) on the second.
        int userLength = keyLength - InternalKey.TRAILER_SIZE;
        long trailer = InternalKey.trailer(internalKey, 0, keyLength);
        blockEntries++;
        largestSequence = Math.max(largestSequence, trailer >>> 8);
        // 1 while the block holds only puts of distinct user keys (then its entry count is its row count)
        blockCountable &= newUserKey & (int) ((((trailer & 0xff) ^ InternalKey.KIND_PUT) - 1) >>> 63);
        // Versions of one user key share one filter entry: a repeat's hash is written and then overwritten. Without
        // a filter the hash of no bytes is written over the first slot: a branch on the option would be an uncommon
        // trap in code compiled for flushes (which have filters) the first time a bulk ingest without them runs
        // through it, and hashing the key for nothing was a tenth of a bulk ingest's writing.
        if (hashCount == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashCount * 2);
        }
        hashes[hashCount] = BloomFilter.hash(internalKey, 0, userLength & -filtered);
        hashCount += newUserKey & filtered;
        if (data.estimatedSize() >= options.blockSize()) {
            flushDataBlock();
        }
    }

    private void flushDataBlock() throws IOException {
        if (data.isEmpty()) {
            return;
        }
        byte[] lastKey = data.lastKey();
        int n = data.finish();
        BlockHandle h = writeDataBlock(data.buffer(), n);
        data.reset();
        int vl = h.encodeTo(indexValue, 0);
        if (countTails) {
            vl = Coding.putVarint32(indexValue, vl, blockEntries * blockCountable);
        }
        addPendingIndexEntry(false);
        pendingKey = lastKey;
        largestKey = lastKey;
        pendingValue = Arrays.copyOf(indexValue, vl);
        blockEntries = 0;
        blockCountable = 1;
    }

    /** Adds the previous data block's index entry; the table's last one ({@code last}) ends with the table's part. */
    private void addPendingIndexEntry(boolean last) throws IOException {
        if (pendingKey == null) {
            return;
        }
        byte[] value = pendingValue;
        if (last && countTails) {
            int vl = pendingValue.length;
            value = Arrays.copyOf(pendingValue, vl + 15);
            vl = Coding.putVarint64(value, vl, largestSequence);
            vl = Coding.putVarint32(value, vl, options.blockRestartInterval());
            value = Arrays.copyOf(value, vl);
        }
        index.add(pendingKey, value);
        pendingKey = null;
    }

    /** Compressed when the option asks for it and it pays (saves an eighth or more, as RocksDB requires). */
    private BlockHandle writeDataBlock(byte[] contents, int length) throws IOException {
        if (compression != lsmdb.core.Compression.NONE) {
            int bound = BlockCodec.maxCompressedLength(compression, length);
            if (compressed.length < bound) {
                compressed = new byte[Math.max(bound, compressed.length * 2)];
            }
            int n = BlockCodec.compress(compression, contents, length, compressed);
            if (n <= length - (length >> 3)) {
                return writeBlock(compressed, n, compression.type());
            }
        }
        return writeBlock(contents, length, NO_COMPRESSION);
    }

    private BlockHandle writeBlock(byte[] contents, int length) throws IOException {
        return writeBlock(contents, length, NO_COMPRESSION);
    }

    private BlockHandle writeBlock(byte[] contents, int length, byte type) throws IOException {
        BlockHandle h = new BlockHandle(offset, length);
        trailer[0] = type;
        crc.reset();
        crc.update(contents, 0, length);
        crc.update(type);
        Coding.putFixed32(trailer, 1, Crc.mask((int) crc.getValue()));
        file.append(contents, 0, length);
        file.append(trailer, 0, TRAILER_SIZE);
        offset += length + TRAILER_SIZE;
        return h;
    }

    /** Writes the filter, index and footer. Returns the file size. Does not sync or close the file. */
    public long finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("table already finished");
        }
        finished = true;
        flushDataBlock();
        addPendingIndexEntry(true);
        BlockHandle filter = new BlockHandle(0, 0);
        if (options.bloomBitsPerKey() > 0) {
            byte[] f = BloomFilter.build(hashes, hashCount, options.bloomBitsPerKey());
            filter = writeBlock(f, f.length);
        }
        int n = index.finish();
        BlockHandle idx = writeBlock(index.buffer(), n);
        byte[] footer = new byte[FOOTER_SIZE];
        int p = filter.encodeTo(footer, 0);
        idx.encodeTo(footer, p);
        Coding.putFixed64(footer, FOOTER_SIZE - 8, MAGIC);
        file.append(footer, 0, FOOTER_SIZE);
        offset += FOOTER_SIZE;
        return offset;
    }

    /** The largest key added, as written in the table's index. REQUIRES: {@link #finish()} returned, a key added. */
    public byte[] largestKey() {
        if (!finished || largestKey == null) {
            throw new IllegalStateException("no largest key before the table is finished with a key in it");
        }
        return largestKey;
    }

    /** Drops the table being built (the caller deletes the file). */
    public void abandon() {
        finished = true;
    }

    /** Bytes written so far plus the block under construction: where to split compaction output. */
    public long fileSize() {
        return offset + data.estimatedSize();
    }
}
