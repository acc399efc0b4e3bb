package lsmdb.core;

import java.util.Objects;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.RealFileSystem;

/**
 * Engine options. Immutable: each {@code with…} returns a copy. Defaults follow LevelDB where the SPEC is silent.
 */
public final class Options {

    private boolean sync = true;
    private boolean createIfMissing = true;
    private boolean readOnly = false;
    /** Refuse to open rather than drop a damaged last log record (LevelDB's paranoid_checks). */
    private boolean paranoidChecks = false;
    private long writeBufferSize = 4L << 20;
    private int blockSize = 4 << 10;
    /** Keys between restart points: the classic trade of prefix compression against seek cost. */
    private int blockRestartInterval = 16;
    private int bloomBitsPerKey = 10;
    private long blockCacheSize = 32L << 20;
    /** Tables are mapped into memory and read in place (the OS page cache caches them); else read into the block cache. */
    private boolean mmapReads = true;
    private Compression compression = Compression.NONE;
    private int maxOpenFiles = 1000;
    private int l0CompactionTrigger = 4;
    private int l0SlowdownTrigger = 20;
    private int l0StopTrigger = 36;
    private long maxBytesForLevelBase = 10L << 20;
    private int levelSizeMultiplier = 10;
    /** Level targets derive from the last level's size (RocksDB's level_compaction_dynamic_level_bytes). */
    private boolean dynamicLevelBytes = true;
    private long targetFileSize = 2L << 20;
    /** Flushes cut their output where this many leading key bytes change (0: never); see the getter. */
    private int partitionPrefixLength = 0;
    private FileSystem fileSystem = RealFileSystem.INSTANCE;

    private Options() {
    }

    public static Options defaults() {
        return new Options();
    }

    private Options copy() {
        Options o = new Options();
        o.sync = sync;
        o.createIfMissing = createIfMissing;
        o.readOnly = readOnly;
        o.paranoidChecks = paranoidChecks;
        o.writeBufferSize = writeBufferSize;
        o.blockSize = blockSize;
        o.blockRestartInterval = blockRestartInterval;
        o.bloomBitsPerKey = bloomBitsPerKey;
        o.blockCacheSize = blockCacheSize;
        o.mmapReads = mmapReads;
        o.compression = compression;
        o.maxOpenFiles = maxOpenFiles;
        o.l0CompactionTrigger = l0CompactionTrigger;
        o.l0SlowdownTrigger = l0SlowdownTrigger;
        o.l0StopTrigger = l0StopTrigger;
        o.maxBytesForLevelBase = maxBytesForLevelBase;
        o.levelSizeMultiplier = levelSizeMultiplier;
        o.dynamicLevelBytes = dynamicLevelBytes;
        o.targetFileSize = targetFileSize;
        o.partitionPrefixLength = partitionPrefixLength;
        o.fileSystem = fileSystem;
        return o;
    }

    /*
     * Upper bounds: generous for any real use, but an absurd value (a typo such as writeBufferSize=99999GB) is
     * refused at once instead of preallocating until the disk is full or the heap is gone.
     */
    static final long MAX_WRITE_BUFFER_SIZE = 1L << 30;
    static final int MAX_BLOCK_SIZE = 16 << 20;
    static final int MAX_BLOCK_RESTART_INTERVAL = 1 << 16;
    static final int MAX_BLOOM_BITS_PER_KEY = 64;
    static final long MAX_BLOCK_CACHE_SIZE = 1L << 40;
    static final int MAX_OPEN_FILES = 1_000_000;
    static final int MAX_L0_TRIGGER = 10_000;
    static final long MAX_BYTES_FOR_LEVEL_BASE = 1L << 40;
    static final int MAX_LEVEL_SIZE_MULTIPLIER = 1000;
    /** Tables are memory-mapped whole, and a mapping is at most 2 GB. */
    static final long MAX_TARGET_FILE_SIZE = 1L << 30;
    static final int MAX_PARTITION_PREFIX_LENGTH = 255;

    private static long positive(String name, long v, long max) {
        return within(name, v, 1, max);
    }

    private static long within(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " (" + human(max)
                    + "): " + v);
        }
        return v;
    }

    private static String human(long bytesOrCount) {
        if (bytesOrCount >= 1L << 30 && bytesOrCount % (1L << 30) == 0) {
            return bytesOrCount / (1L << 30) + "GB";
        }
        if (bytesOrCount >= 1L << 20 && bytesOrCount % (1L << 20) == 0) {
            return bytesOrCount / (1L << 20) + "MB";
        }
        return Long.toString(bytesOrCount);
    }

    public Options withSync(boolean v) { Options o = copy(); o.sync = v; return o; }
    public Options withCreateIfMissing(boolean v) { Options o = copy(); o.createIfMissing = v; return o; }
    public Options withReadOnly(boolean v) { Options o = copy(); o.readOnly = v; return o; }
    public Options withParanoidChecks(boolean v) { Options o = copy(); o.paranoidChecks = v; return o; }
    public Options withWriteBufferSize(long v) { Options o = copy(); o.writeBufferSize = positive("writeBufferSize", v, MAX_WRITE_BUFFER_SIZE); return o; }
    public Options withBlockSize(int v) { Options o = copy(); o.blockSize = (int) positive("blockSize", v, MAX_BLOCK_SIZE); return o; }
    public Options withBlockRestartInterval(int v) { Options o = copy(); o.blockRestartInterval = (int) positive("blockRestartInterval", v, MAX_BLOCK_RESTART_INTERVAL); return o; }

    public Options withBloomBitsPerKey(int v) {
        within("bloomBitsPerKey", v, 0, MAX_BLOOM_BITS_PER_KEY);
        Options o = copy(); o.bloomBitsPerKey = v; return o;
    }

    public Options withBlockCacheSize(long v) {
        within("blockCacheSize", v, 0, MAX_BLOCK_CACHE_SIZE);
        Options o = copy(); o.blockCacheSize = v; return o;
    }

    public Options withMaxOpenFiles(int v) { Options o = copy(); o.maxOpenFiles = (int) positive("maxOpenFiles", v, MAX_OPEN_FILES); return o; }
    public Options withL0CompactionTrigger(int v) { Options o = copy(); o.l0CompactionTrigger = (int) positive("l0CompactionTrigger", v, MAX_L0_TRIGGER); return o; }
    public Options withL0SlowdownTrigger(int v) { Options o = copy(); o.l0SlowdownTrigger = (int) positive("l0SlowdownTrigger", v, MAX_L0_TRIGGER); return o; }
    public Options withL0StopTrigger(int v) { Options o = copy(); o.l0StopTrigger = (int) positive("l0StopTrigger", v, MAX_L0_TRIGGER); return o; }
    public Options withMaxBytesForLevelBase(long v) { Options o = copy(); o.maxBytesForLevelBase = positive("maxBytesForLevelBase", v, MAX_BYTES_FOR_LEVEL_BASE); return o; }
    public Options withLevelSizeMultiplier(int v) { Options o = copy(); o.levelSizeMultiplier = (int) positive("levelSizeMultiplier", v, MAX_LEVEL_SIZE_MULTIPLIER); return o; }
    public Options withDynamicLevelBytes(boolean v) { Options o = copy(); o.dynamicLevelBytes = v; return o; }
    public Options withTargetFileSize(long v) { Options o = copy(); o.targetFileSize = positive("targetFileSize", v, MAX_TARGET_FILE_SIZE); return o; }
    public Options withFileSystem(FileSystem v) { Options o = copy(); o.fileSystem = Objects.requireNonNull(v, "fileSystem"); return o; }

    public boolean sync() { return sync; }
    public boolean createIfMissing() { return createIfMissing; }
    public boolean readOnly() { return readOnly; }
    public boolean paranoidChecks() { return paranoidChecks; }
    public long writeBufferSize() { return writeBufferSize; }
    public int blockSize() { return blockSize; }
    public int blockRestartInterval() { return blockRestartInterval; }
    public int bloomBitsPerKey() { return bloomBitsPerKey; }
    public long blockCacheSize() { return blockCacheSize; }
    public boolean mmapReads() { return mmapReads; }
    public Options withMmapReads(boolean v) { Options o = copy(); o.mmapReads = v; return o; }
    /** How new tables compress their data blocks; tables already written keep theirs (each block names its codec). */
    public Options withCompression(Compression v) { Options o = copy(); o.compression = Objects.requireNonNull(v, "compression"); return o; }
    public Compression compression() { return compression; }
    public int maxOpenFiles() { return maxOpenFiles; }
    public int l0CompactionTrigger() { return l0CompactionTrigger; }
    public int l0SlowdownTrigger() { return l0SlowdownTrigger; }
    public int l0StopTrigger() { return l0StopTrigger; }
    public long maxBytesForLevelBase() { return maxBytesForLevelBase; }
    public int levelSizeMultiplier() { return levelSizeMultiplier; }
    public boolean dynamicLevelBytes() { return dynamicLevelBytes; }
    public long targetFileSize() { return targetFileSize; }
    public FileSystem fileSystem() { return fileSystem; }
    public Options withPartitionPrefixLength(int v) {
        Options o = copy(); o.partitionPrefixLength = (int) within("partitionPrefixLength", v, 0, MAX_PARTITION_PREFIX_LENGTH); return o;
    }
    /**
     * Keys that differ in their first this many bytes belong to different partitions (a SQL table or index each;
     * RocksDB's fixed-prefix SST partitioner): a flush writes each partition's keys to a table of its own where they
     * overlap nothing on disk, so a table appended in key order next to an index written at random goes straight to
     * the last level. 0 (the default): no partitions.
     */
    public int partitionPrefixLength() { return partitionPrefixLength; }

    @Override
    public String toString() {
        return "Options{sync=" + sync + ", createIfMissing=" + createIfMissing + ", readOnly=" + readOnly + ", paranoidChecks=" + paranoidChecks
                + ", writeBufferSize=" + writeBufferSize + ", blockSize=" + blockSize
                + ", blockRestartInterval=" + blockRestartInterval + ", bloomBitsPerKey=" + bloomBitsPerKey
                + ", blockCacheSize=" + blockCacheSize + ", mmapReads=" + mmapReads + ", compression=" + compression + ", maxOpenFiles=" + maxOpenFiles
                + ", l0CompactionTrigger=" + l0CompactionTrigger + ", l0SlowdownTrigger=" + l0SlowdownTrigger
                + ", l0StopTrigger=" + l0StopTrigger + ", maxBytesForLevelBase=" + maxBytesForLevelBase
                + ", levelSizeMultiplier=" + levelSizeMultiplier + ", dynamicLevelBytes=" + dynamicLevelBytes
                + ", targetFileSize=" + targetFileSize + ", partitionPrefixLength=" + partitionPrefixLength + "}";
    }
}
