package lsmdb.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An LSM-tree key-value store in one directory, in the LevelDB tradition: a write-ahead log, a memtable,
 * immutable sorted tables in levels, background flush and compaction, snapshots. Keys order as unsigned bytes.
 *
 * <p>Thread-safe: any number of threads may read and write concurrently. Writes are durable per
 * {@link Options#sync()} (or the {@code sync} argument of {@link #write(WriteBatch, boolean)}) before they return.
 * After an I/O failure while writing, further writes fail (reads keep working) until the database is reopened.
 */
public final class LsmDb implements AutoCloseable {

    private final DbImpl impl;
    /** This database's JMX view, or null when JMX is unavailable. */
    private final DbMBean mbean;
    /** Where writes go instead of {@link #impl} (replication); null = committed here. */
    private volatile CommitRoute route;

    private LsmDb(DbImpl impl) {
        this.impl = impl;
        this.mbean = DbMBean.register(this, impl.options());
    }

    /** Opens (creating it if allowed and missing) the database in {@code dir}, recovering from its WAL. */
    public static LsmDb open(Path dir, Options options) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        return new LsmDb(DbImpl.open(dir.toAbsolutePath().normalize(), options));
    }

    public void put(byte[] key, byte[] value) throws IOException {
        write(new WriteBatch(key.length + value.length).put(key, value));
    }

    public void delete(byte[] key) throws IOException {
        write(new WriteBatch().delete(key));
    }

    /** Deletes every key in {@code [startKey, endKey)}; compaction reclaims their space. */
    public void deleteRange(byte[] startKey, byte[] endKey) throws IOException {
        write(new WriteBatch().deleteRange(startKey, endKey));
    }

    /** Applies {@code batch} atomically, durable per {@link Options#sync()}. */
    public void write(WriteBatch batch) throws IOException {
        write(batch, impl.options().sync());
    }

    /** Applies {@code batch} atomically; with {@code sync}, returns only after the WAL is fsynced. */
    public void write(WriteBatch batch, boolean sync) throws IOException {
        CommitRoute r = route;
        if (r != null) {
            r.commit(Objects.requireNonNull(batch, "batch"), sync, null);
            return;
        }
        impl.write(Objects.requireNonNull(batch, "batch"), sync);
    }

    /**
     * Applies {@code batch} atomically only if none of its keys was written after {@code readSnapshot}
     * (snapshot isolation's first-committer-wins check, done inside the commit so it is atomic with it).
     *
     * @throws WriteConflictException naming a conflicting key; nothing was applied
     */
    public void write(WriteBatch batch, boolean sync, Snapshot readSnapshot) throws IOException {
        CommitRoute r = route;
        if (r != null) {
            r.commit(Objects.requireNonNull(batch, "batch"), sync, Objects.requireNonNull(readSnapshot, "readSnapshot"));
            return;
        }
        impl.write(Objects.requireNonNull(batch, "batch"), sync, Objects.requireNonNull(readSnapshot, "readSnapshot"));
    }

    /**
     * The sequence of the last committed write: a mark for {@link #write(WriteBatch, boolean, long)}, taken before
     * the reads that write depends on. Unlike a {@link #snapshot()} it is not registered and nothing reads at it.
     */
    public long lastSequence() {
        return impl.lastSequence();
    }

    /**
     * Applies {@code batch} atomically only if none of its keys was written (put or deleted) after sequence
     * {@code unchangedSince}, a {@link #lastSequence()}: first-committer-wins as for a snapshot (range deletes do not
     * count, as there), without registering one. Compaction does not keep what the mark could see, so the check is
     * weaker: a key holding a value written after the mark always conflicts (the newest version of a key that has a
     * value is never dropped), but a deletion after the mark may vanish with every older version of its key. So it
     * suits a writer that reads the latest state after taking the mark and writes only keys it found absent (an
     * INSERT's new rows): one that read a value and writes it back needs a snapshot.
     *
     * @throws WriteConflictException naming a conflicting key; nothing was applied
     */
    public void write(WriteBatch batch, boolean sync, long unchangedSince) throws IOException {
        // Every negative mark checks alike (any version of a key is newer), so -1 stands for them all.
        long mark = Math.max(unchangedSince, -1);
        CommitRoute r = route;
        if (r != null) {
            r.commit(Objects.requireNonNull(batch, "batch"), sync, Snapshot.mark(mark));
            return;
        }
        impl.write(Objects.requireNonNull(batch, "batch"), sync, mark); // no mark object per write
    }

    /**
     * Sends every later write through {@code r} (replication: the route orders writes, then applies them with the
     * returned writer, which alone still reaches this database's own commit path). Install it before anyone writes.
     *
     * @throws IllegalStateException if a route is already installed
     */
    public synchronized CommitRoute.LocalWriter routeCommits(CommitRoute r) {
        if (route != null) {
            throw new IllegalStateException("a commit route is already installed on " + impl.directory());
        }
        route = Objects.requireNonNull(r, "route");
        return (batch, sync) -> impl.write(Objects.requireNonNull(batch, "batch"), sync);
    }

    /** Whether {@code key} was written (put or deleted) after {@code snapshot} was taken. */
    public boolean changedSince(byte[] key, Snapshot snapshot) throws IOException {
        return impl.changedSince(Objects.requireNonNull(key, "key"), Objects.requireNonNull(snapshot, "snapshot"));
    }

    /** The value of {@code key}, or null. */
    public byte[] get(byte[] key) throws IOException {
        return impl.get(Objects.requireNonNull(key, "key"), null);
    }

    /** The value of {@code key} as of {@code snapshot}, or null. */
    public byte[] get(byte[] key, Snapshot snapshot) throws IOException {
        return impl.get(Objects.requireNonNull(key, "key"), Objects.requireNonNull(snapshot, "snapshot"));
    }

    /**
     * False only if {@code key} certainly has no value at any snapshot: no memtable or table holds a version of it,
     * as their filters tell without a read (RocksDB's KeyMayExist). True means only "maybe"; then {@link #get} tells.
     * It makes no seek key, version pin or entry, and probes only filters, so it pays for a test that expects
     * absence, such as a new row's duplicate-key check; for a key that exists it is work on top of the get.
     */
    public boolean mayExist(byte[] key) throws IOException {
        return impl.mayExist(Objects.requireNonNull(key, "key"));
    }

    /**
     * The values of {@code keys[0, count)} into {@code values[0, count)} (null where a key is absent), as of
     * {@code snapshot} (null: now, one moment for all keys). What {@link #get(byte[], Snapshot)} answers for each
     * key, found faster: the keys' table searches are interleaved, so their memory reads overlap. Meant for keys
     * that exist (the rows an index names): it skips the bloom filters of the deepest level, so an absent key
     * costs a block search there.
     */
    public void getAll(byte[][] keys, int count, Snapshot snapshot, byte[][] values) throws IOException {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
        if (count < 0 || count > keys.length || count > values.length) {
            throw new IndexOutOfBoundsException("count " + count + " for " + keys.length + " keys, "
                    + values.length + " values");
        }
        requireKeys(keys, count);
        impl.getAll(keys, count, snapshot, values);
    }

    /**
     * {@link #getAll(byte[][], int, Snapshot, byte[][])} into reused buffers: each value is {@code values[i][0,
     * lengths[i])}. A value read from a table is copied into {@code buffers[i]} when it has room, else into a new
     * array that is left in {@code buffers[i]} for the next call; a value still in memory is handed out as it is. So
     * a caller that decodes the values before its next call with the same buffers allocates nothing per value.
     * {@code values[i]} must not be written (it may be the database's own array) and is valid only until
     * {@code buffers} is passed again.
     */
    public void getAll(byte[][] keys, int count, Snapshot snapshot, byte[][] values, int[] lengths, byte[][] buffers)
            throws IOException {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(lengths, "lengths");
        Objects.requireNonNull(buffers, "buffers");
        if (count < 0 || count > keys.length || count > values.length || count > lengths.length
                || count > buffers.length) {
            throw new IndexOutOfBoundsException("count " + count + " for " + keys.length + " keys, "
                    + values.length + " values, " + lengths.length + " lengths, " + buffers.length + " buffers");
        }
        requireKeys(keys, count);
        impl.getAll(keys, count, snapshot, values, lengths, buffers);
    }

    /**
     * Checks that none of {@code keys[0, count)} is null. A method of its own so that {@link #getAll} has no loop:
     * a loop would make it the first of the multi-get's methods the JIT compiles, inlining them all into one unit.
     */
    private static void requireKeys(byte[][] keys, int count) {
        for (int i = 0; i < count; i++) {
            Objects.requireNonNull(keys[i], "key");
        }
    }

    /**
     * The live entries with keys in {@code [from, to)} (both required) as of {@code snapshot} (null: now), into
     * {@code gather}: what {@link #iterator(Snapshot, byte[], byte[])} shows, read without building a cursor, for
     * short ranges. False when the range holds more than {@code limit} stored entries (versions and deletions
     * included) or cannot be read this way; then use an iterator.
     */
    public boolean gather(Snapshot snapshot, byte[] from, byte[] to, int limit, lsmdb.core.sstable.RangeGather gather)
            throws IOException {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return impl.gather(snapshot, from, to, limit, Objects.requireNonNull(gather, "gather"));
    }

    /** Pins the current state for reads; close it to let compaction drop what only it could see. */
    public Snapshot snapshot() {
        return impl.snapshot();
    }

    /** An iterator over the current state (an implicit snapshot). */
    public LsmIterator iterator() {
        return impl.iterator(null, null, null);
    }

    public LsmIterator iterator(Snapshot snapshot) {
        return impl.iterator(Objects.requireNonNull(snapshot, "snapshot"), null, null);
    }

    /** An iterator limited to keys in {@code [from, to)}; null bounds are open; null snapshot = now. */
    public LsmIterator iterator(Snapshot snapshot, byte[] from, byte[] to) {
        return impl.iterator(snapshot, from, to);
    }

    /**
     * Starts loading sorted entries into a key range no one writes, straight into table files (see
     * {@link BulkIngest}); close it, committed or not.
     *
     * @throws UnsupportedOperationException when writes are routed elsewhere (replication), which a load that
     *                                       bypasses the log would escape; write batches instead
     */
    public BulkIngest bulkIngest() throws IOException {
        if (route != null) {
            throw new UnsupportedOperationException("bulk ingest bypasses the commit route installed on "
                    + impl.directory());
        }
        return impl.bulkIngest();
    }

    /** Writes the memtable to a table file and waits until done. */
    public void flush() throws IOException {
        impl.flush();
    }

    /**
     * Makes every write acknowledged before this call durable, whatever sync it was written with (RocksDB's
     * SyncWAL): one fsync of the log for many unsynced writes.
     */
    public void syncWal() throws IOException {
        impl.syncWal();
    }

    /** Compacts every level overlapping {@code [from, to]} (null = unbounded) and waits until done. */
    public void compactRange(byte[] from, byte[] to) throws IOException {
        impl.compactRange(from, to);
    }

    /**
     * Writes a consistent copy of this database into {@code dest} while writers go on: it holds every write
     * acknowledged before this call began, and opens as an ordinary database. Tables are hard-linked where the
     * file system allows and copied otherwise; the logs are copied up to the last acknowledged commit.
     *
     * @throws java.nio.file.FileAlreadyExistsException naming {@code dest} if it exists and is not an empty directory
     */
    public void checkpoint(Path dest) throws IOException {
        Checkpoint.create(impl, Objects.requireNonNull(dest, "dest"));
    }

    /**
     * An engine statistic, or null for an unknown name. Names: {@code lsmdb.stats} (everything, as text),
     * {@code lsmdb.num-files-at-level<N>}, {@code lsmdb.bytes-at-level<N>}, {@code lsmdb.memtable-bytes},
     * {@code lsmdb.wal-bytes}, {@code lsmdb.flush-count}, and others listed by {@code lsmdb.property-names}.
     */
    public String property(String name) {
        return impl.property(Objects.requireNonNull(name, "name"));
    }

    public Path directory() {
        return impl.directory();
    }

    public Options options() {
        return impl.options();
    }

    /** Whether the database is closed ({@link #close()}, SQL's SHUTDOWN, or a background error that closed it). */
    public boolean isClosed() {
        return impl.isClosed();
    }

    /** Waits for background work, syncs the WAL, and releases the directory lock. Idempotent. */
    @Override
    public void close() throws IOException {
        if (mbean != null) {
            mbean.unregister();
        }
        impl.close();
    }
}
