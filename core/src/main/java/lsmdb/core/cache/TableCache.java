package lsmdb.core.cache;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import lsmdb.core.CorruptionException;
import lsmdb.core.Options;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.sstable.Table;

/**
 * Open tables by file number, bounded by {@link Options#maxOpenFiles()} (oldest opened evicted first). Lookups take
 * no lock: a table is reference counted, so an evicted table stays open until its last reader lets go.
 */
public final class TableCache {

    private final FileSystem fs;
    private final Path dir;
    private final BlockCache blockCache;
    private final int capacity;
    private final boolean mmapReads;
    private final ConcurrentHashMap<Long, Table> tables = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> openOrder = new ConcurrentLinkedQueue<>();

    public TableCache(FileSystem fs, Path dir, Options options, BlockCache blockCache) {
        this.fs = fs;
        this.dir = dir;
        this.blockCache = blockCache;
        this.capacity = options.maxOpenFiles();
        this.mmapReads = options.mmapReads();
    }

    /** Looks up {@code seekKey} in table {@code fileNumber} (see {@link Table#get}). */
    public Table.Entry get(long fileNumber, long fileSize, byte[] seekKey) throws IOException {
        Table t = acquire(fileNumber, fileSize);
        try {
            return t.get(seekKey);
        } finally {
            t.release();
        }
    }

    /** An iterator over table {@code fileNumber}; it keeps the table open until closed. */
    public InternalIterator iterator(long fileNumber, long fileSize) throws IOException {
        return iterator(fileNumber, fileSize, true);
    }

    /**
     * An iterator for a compaction: blocks it decodes are not added to the block cache, where they would evict the
     * blocks readers use for blocks read once (RocksDB's fill_cache=false for compaction inputs).
     */
    public InternalIterator compactionIterator(long fileNumber, long fileSize) throws IOException {
        return iterator(fileNumber, fileSize, false);
    }

    private InternalIterator iterator(long fileNumber, long fileSize, boolean fillCache) throws IOException {
        Table t = acquire(fileNumber, fileSize);
        try {
            return t.iterator(fillCache);
        } finally {
            t.release();
        }
    }

    private Table acquire(long fileNumber, long fileSize) throws IOException {
        Table t = tables.get(fileNumber);
        if (t != null && t.retain()) {
            return t;
        }
        synchronized (this) {
            t = tables.get(fileNumber);
            if (t != null && t.retain()) {
                return t;
            }
            Path path = DbFiles.table(dir, fileNumber);
            Table opened;
            try {
                ReadableFile file = mmapReads ? fs.openImmutable(path) : fs.openForRead(path);
                opened = Table.open(file, path.toString(), fileNumber, fileSize, blockCache);
            } catch (NoSuchFileException e) {
                throw new CorruptionException(path + ": a table the database needs is missing");
            }
            opened.retain();
            tables.put(fileNumber, opened);
            openOrder.add(fileNumber);
            while (tables.size() > capacity) {
                Long oldest = openOrder.poll();
                if (oldest == null) {
                    break;
                }
                if (oldest != fileNumber) {
                    evict(oldest);
                }
            }
            return opened;
        }
    }

    /** Forgets table {@code fileNumber} (deleted or evicted); it closes when its last reader lets go. */
    public void evict(long fileNumber) {
        Table t = tables.remove(fileNumber);
        if (t != null) {
            t.close();
        }
    }

    public void close() {
        for (Long n : tables.keySet()) {
            evict(n);
        }
    }
}
