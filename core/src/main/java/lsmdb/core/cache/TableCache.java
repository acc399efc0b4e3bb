package lsmdb.core.cache;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import lsmdb.core.CorruptionException;
import lsmdb.core.Options;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.sstable.Table;
import lsmdb.core.util.GuardedBy;

/**
 * Open tables by file number, bounded by {@link Options#maxOpenFiles()} (oldest opened evicted first).
 *
 * <p>Lookups take no lock and write no shared line: the map is read through one volatile field, a bloom filter that
 * rules the key out is consulted before the table is pinned (the filter lives on the heap, readable even after the
 * table closes), and a pin is counted on the reader's own stripe ({@link Table#tryPin()}). An evicted table stays
 * open until its last reader lets go. Opening a table, and eviction, take the cache's lock ({@code this}).
 */
public final class TableCache {

    private final FileSystem fs;
    private final Path dir;
    private final BlockCache blockCache;
    private final int capacity;
    private final boolean mmapReads;
    /** Changed under {@code this} (the map's own lock too); read without a lock. */
    private final CopyOnWriteLongMap<Table> tables = new CopyOnWriteLongMap<>();
    @GuardedBy("this")
    private final ArrayDeque<Long> openOrder = new ArrayDeque<>();
    @GuardedBy("this")
    private long opensAhead;
    @GuardedBy("this")
    private long opensOnRead;
    @GuardedBy("this")
    private long bytesPrefaulted;
    /** Set by {@link #close()}: tables opened after it are not cached, so nothing is left open. */
    @GuardedBy("this")
    private boolean closed;

    public TableCache(FileSystem fs, Path dir, Options options, BlockCache blockCache) {
        this.fs = fs;
        this.dir = dir;
        this.blockCache = blockCache;
        this.capacity = options.maxOpenFiles();
        this.mmapReads = options.mmapReads();
    }

    /** Looks up {@code seekKey} in table {@code fileNumber} (see {@link Table#get}). */
    public Table.Entry get(long fileNumber, long fileSize, byte[] seekKey) throws IOException {
        return get(fileNumber, fileSize, seekKey,
                Table.filterHash(seekKey, 0, seekKey.length - InternalKey.TRAILER_SIZE));
    }

    /** As {@link #get(long, long, byte[])} with the user key's {@link Table#filterHash} computed by the caller. */
    public Table.Entry get(long fileNumber, long fileSize, byte[] seekKey, int filterHash) throws IOException {
        Table open = tables.get(fileNumber);
        if (open != null && !open.mayContain(filterHash)) {
            return null; // ruled out by the filter: no pin, no block
        }
        Table t = acquire(fileNumber, fileSize);
        try {
            return t == open ? t.getPastFilter(seekKey) : t.get(seekKey);
        } finally {
            t.unpin();
        }
    }

    /**
     * Whether table {@code fileNumber} may hold the user key whose {@link Table#filterHash} is {@code filterHash}:
     * false only when the table is open and its filter rules the key out. No pin (the filter lives on the heap).
     */
    public boolean mayContain(long fileNumber, int filterHash) {
        Table open = tables.get(fileNumber);
        return open == null || open.mayContain(filterHash);
    }

    /** The open table {@code fileNumber}, pinned (opened if need be): the caller must {@link Table#unpin()} it. */
    public Table pin(long fileNumber, long fileSize) throws IOException {
        return acquire(fileNumber, fileSize);
    }

    /**
     * Opens table {@code fileNumber} ahead of its readers, as LevelDB opens every table it writes to check that it
     * is usable: the thread that wrote it pays for the footer, index and filter, and the first reader finds it open.
     * A table that cannot be opened fails here, before any version names it. Kept only while the cache has room: a
     * table no one has read yet must not evict one readers use (nor outlive a closed cache); then it is only
     * checked, and its first reader opens it.
     */
    public void openAhead(long fileNumber, long fileSize) throws IOException {
        if (tables.get(fileNumber) != null) {
            return;
        }
        Table kept;
        synchronized (this) {
            if (tables.get(fileNumber) != null) {
                return;
            }
            Table opened = load(fileNumber, fileSize);
            opensAhead++;
            if (closed || tables.size() >= capacity) {
                opened.close();
                return;
            }
            keep(fileNumber, opened);
            opened.tryPin(); // cannot fail: only this lock's holder closes a cached table
            kept = opened;
        }
        // Outside the lock (readers open tables under it); the pin keeps the mapping alive if the table is evicted.
        try {
            long mapped = kept.prefault();
            synchronized (this) {
                bytesPrefaulted += mapped;
            }
        } finally {
            kept.unpin();
        }
    }

    /** Bytes of tables opened ahead that their writers mapped in ({@link Table#prefault()}). */
    public synchronized long bytesPrefaulted() {
        return bytesPrefaulted;
    }

    /** Tables opened by {@link #openAhead} (the threads that wrote them), kept or only checked. */
    public synchronized long opensAhead() {
        return opensAhead;
    }

    /** Tables opened because a reader (or a compaction reading its inputs) found them closed. */
    public synchronized long opensOnRead() {
        return opensOnRead;
    }

    /** Tables open in the cache now. */
    public int openTables() {
        return tables.size();
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
            return t.iteratorOnPin(fillCache); // the pin is the iterator's now; another may be refused after eviction
        } catch (RuntimeException | Error e) {
            t.unpin();
            throw e;
        }
    }

    /** The open table {@code fileNumber}, pinned: the caller must {@link Table#unpin()} it. */
    private Table acquire(long fileNumber, long fileSize) throws IOException {
        Table t = tables.get(fileNumber);
        if (t != null && t.tryPin()) {
            return t;
        }
        return open(fileNumber, fileSize);
    }

    private synchronized Table open(long fileNumber, long fileSize) throws IOException {
        Table t = tables.get(fileNumber);
        if (t != null && t.tryPin()) {
            return t;
        }
        Table opened = load(fileNumber, fileSize);
        opensOnRead++;
        opened.tryPin();
        if (closed) {
            opened.close(); // not cached: the reader's pin alone keeps it open
        } else {
            keep(fileNumber, opened);
        }
        return opened;
    }

    @GuardedBy("this")
    private Table load(long fileNumber, long fileSize) throws IOException {
        Path path = DbFiles.table(dir, fileNumber);
        try {
            ReadableFile file = mmapReads ? fs.openImmutable(path) : fs.openForRead(path);
            return Table.open(file, path.toString(), fileNumber, fileSize, blockCache);
        } catch (NoSuchFileException e) {
            if (closed) {
                // a late reader of a closed database (the directory may have been opened again and compacted)
                throw new IllegalStateException("database is closed: " + dir);
            }
            throw new CorruptionException(path + ": a table the database needs is missing");
        }
    }

    /** Caches {@code opened}, evicting the oldest opened tables past the capacity. */
    @GuardedBy("this")
    private void keep(long fileNumber, Table opened) {
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
    }

    /** Forgets table {@code fileNumber} (deleted or evicted); it closes when its last reader lets go. */
    public synchronized void evict(long fileNumber) {
        Table t = tables.remove(fileNumber);
        if (t != null) {
            t.close();
        }
    }

    public synchronized void close() {
        closed = true;
        tables.forEachKey(this::evict);
        openOrder.clear();
    }
}
