package lsmdb.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmdb.core.compaction.TableOutput;
import lsmdb.core.format.InternalKey;
import lsmdb.core.version.FileMetaData;

/**
 * Loads sorted entries into a key range no one writes, bypassing the log and the memtable (RocksDB's
 * IngestExternalFile, with the files written here): entries go straight into table files, which {@link #commit()}
 * adds to the tree in one MANIFEST edit, as deep as nothing overlaps them.
 *
 * <p>Visibility: every entry carries one sequence number, reserved at {@link LsmDb#bulkIngest()} above every
 * sequence writers will use meanwhile and made the last sequence by the commit; snapshots taken before the commit
 * see none of it, later ones all of it. A crash before the commit's MANIFEST record is durable leaves only
 * unnamed files, which the next open deletes; {@link #close()} without commit deletes them at once.
 *
 * <p>REQUIRES: keys strictly increasing; the range they span is written by no one until the commit returns (its
 * unflushed writes, if any, are flushed first). Not thread-safe, except that each {@link Part} may be written by
 * a thread of its own (one loader writing several key ranges at once).
 *
 * <p>A table is finished (index block, footer, fsync) on a thread of the load's own as soon as it is full, and the
 * last tables of all parts are finished at once at the commit: the fsyncs overlap the writing and each other
 * (several at once take about a third of the time one after another here) instead of running one by one on the
 * writing threads. The finishing threads end with the commit or {@link #close()}.
 *
 * <p>While a load writes (until its commit or close), compactions wait ({@code CompactionScheduler.hold}; flushes go
 * on): its caller waits for it, and on two cores a compaction running beside it takes the core a second writing
 * thread could use. A hold lapses on its own after a while, so a load left open does not stop compaction.
 *
 * <p>Tables of a load made {@link #omitFilters() without filters} have no filter block (the format allows it, as
 * for {@code bloomBitsPerKey = 0}): for keys that are only ever sought, never got, a filter is work that never pays.
 */
public final class BulkIngest implements AutoCloseable {

    private final DbImpl db;
    private final long sequence;
    private final long targetFileSize;
    /** How the tables are written: the database's options, without filters after {@link #omitFilters()}. */
    private volatile Options tableOptions;
    private final List<Part> parts = new ArrayList<>();
    /** The part {@link #add} writes to. */
    private final Part first;
    private volatile boolean done;
    /** Whether this load still holds compactions ({@link #releaseCompactions}). */
    private boolean holding;
    /** Finishes full tables; made on first use, shut down by commit or close. */
    private java.util.concurrent.ExecutorService finisher;
    /** How many tables may be finished at once. */
    private static final int FINISHING_THREADS = 8;

    BulkIngest(DbImpl db, long sequence) {
        this.db = db;
        this.sequence = sequence;
        this.targetFileSize = db.options().targetFileSize();
        this.tableOptions = db.options();
        this.first = newPart();
        db.holdCompactions();
        this.holding = true;
    }

    /** Lets compactions go on (once). */
    private synchronized void releaseCompactions() {
        if (holding) {
            holding = false;
            db.releaseCompactions();
        }
    }

    /** The sequence number every entry carries. */
    public long sequence() {
        return sequence;
    }

    /**
     * Writes the tables without a filter block. For keys that readers only seek (a non-unique index's entries), never
     * get. REQUIRES: nothing added yet.
     */
    public synchronized void omitFilters() {
        for (Part p : parts) {
            if (!p.numbers.isEmpty()) {
                throw new IllegalStateException("omitFilters after entries were added");
            }
        }
        tableOptions = tableOptions.withBloomBitsPerKey(0);
    }

    /**
     * A writer of its own table files, for another thread: the load's key range written in pieces at once. The
     * parts' key ranges must not overlap, in whatever order they were made ({@link #commit()} puts their files in
     * key order and checks); each part is used by one thread at a time, and all must be done adding before the
     * commit.
     */
    public synchronized Part newPart() {
        if (done) {
            throw new IllegalStateException("bulk ingest already committed or closed");
        }
        Part p = new Part();
        parts.add(p);
        return p;
    }

    /** Adds one entry to the first part. REQUIRES: {@code key} greater than every key added before. */
    public void add(byte[] key, byte[] value) throws IOException {
        first.add(key, key.length, value, 0, value.length);
    }

    /** {@link Part#add(byte[], int, byte[], int, int)} on the first part. */
    public void add(byte[] key, int keyLength, byte[] value, int valueOffset, int valueLength) throws IOException {
        first.add(key, keyLength, value, valueOffset, valueLength);
    }

    /**
     * Makes the files of every part durable and adds them to the tree in one MANIFEST edit; after it,
     * {@link #close()} is a no-op.
     */
    public synchronized void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("bulk ingest already committed or closed");
        }
        boolean committed = false;
        releaseCompactions(); // the ingest below may wait for a compaction over its range
        try {
            for (Part p : parts) {
                p.finishLast();
            }
            List<FileMetaData> files = new ArrayList<>();
            for (Part p : parts) {
                files.addAll(p.awaitFiles()); // each part's files are in key order and disjoint
            }
            files.sort((a, b) -> Arrays.compareUnsigned(InternalKey.userKey(a.smallest()),
                    InternalKey.userKey(b.smallest())));
            byte[] previous = null;
            for (FileMetaData f : files) {
                if (previous != null && Arrays.compareUnsigned(InternalKey.userKey(f.smallest()), previous) <= 0) {
                    throw new IllegalArgumentException("bulk ingest parts overlap");
                }
                previous = InternalKey.userKey(f.largest());
            }
            if (!files.isEmpty()) {
                db.ingest(files, sequence);
            }
            committed = true;
            done = true;
        } finally {
            if (!committed) {
                close();
            }
        }
        releaseNumbers();
    }

    /** Gives up unless committed: deletes every file written. */
    @Override
    public synchronized void close() {
        releaseCompactions();
        if (done) {
            return;
        }
        done = true;
        for (Part p : parts) {
            p.abandon();
        }
        releaseNumbers();
    }

    /** Finishes {@code out} on a finishing thread; its file is deleted if that fails. */
    private synchronized java.util.concurrent.Future<FileMetaData> finishLater(TableOutput out) {
        if (finisher == null) {
            java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(
                    FINISHING_THREADS, FINISHING_THREADS, 1, java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "lsmdb-ingest-finish");
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true); // a load never committed nor closed leaves no thread behind
            finisher = pool;
        }
        return finisher.submit(() -> {
            try {
                return out.finish();
            } catch (IOException | RuntimeException e) {
                out.abandon();
                throw e;
            }
        });
    }

    /** The finished table, waiting out interrupts (a table being finished is not left behind). */
    private static FileMetaData await(java.util.concurrent.Future<FileMetaData> f) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            lsmdb.core.util.Causes.rethrow(e.getCause());
            throw new AssertionError("unreachable");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void releaseNumbers() {
        if (finisher != null) {
            finisher.shutdown(); // every table it was given has been awaited
        }
        List<Long> numbers = new ArrayList<>();
        for (Part p : parts) {
            numbers.addAll(p.numbers);
        }
        db.releasePendingFiles(numbers);
    }

    /** One sequence of table files of the load, written by one thread. */
    public final class Part {
        /** Its tables in key order, each being finished or finished. */
        private final List<java.util.concurrent.Future<FileMetaData>> files = new ArrayList<>();
        private final List<Long> numbers = new ArrayList<>();
        private TableOutput out;
        /** The last key added, as its internal key (with this load's trailer): the next entry's key is built here. */
        private byte[] lastKey = new byte[64];
        private int lastKeyLength = -1;

        private Part() {
        }

        /** Adds one entry. REQUIRES: {@code key} greater than every key added to this part before. */
        public void add(byte[] key, byte[] value) throws IOException {
            add(key, key.length, value, 0, value.length);
        }

        /**
         * Adds key {@code key[0, keyLength)} with value {@code value[valueOffset, +valueLength)}; both are copied,
         * so the caller may reuse its buffers (no object per entry). REQUIRES: the key greater than every key added
         * to this part before.
         */
        public void add(byte[] key, int keyLength, byte[] value, int valueOffset, int valueLength)
                throws IOException {
            if (done) {
                throw new IllegalStateException("bulk ingest already committed or closed");
            }
            int internalLength = keyLength + InternalKey.TRAILER_SIZE;
            if (lastKey.length < internalLength) {
                lastKey = Arrays.copyOf(lastKey, Math.max(internalLength, lastKey.length * 2));
            }
            if (lastKeyLength >= 0 && Arrays.compareUnsigned(lastKey, 0, lastKeyLength, key, 0, keyLength) >= 0) {
                throw new IllegalArgumentException("bulk ingest keys must be strictly increasing");
            }
            System.arraycopy(key, 0, lastKey, 0, keyLength);
            lastKeyLength = keyLength;
            InternalKey.writeTrailer(lastKey, keyLength, sequence, InternalKey.KIND_PUT);
            if (out == null) {
                out = openTable();
            }
            out.add(lastKey, internalLength, value, valueOffset, valueLength);
            if (out.fileSize() >= targetFileSize) {
                files.add(finishLater(out));
                out = null;
            }
        }

        /**
         * A new table for the part's next entries. A method of its own, called once a table: C2 inlines constructors
         * into their callers whatever their frequency, and inlined into {@link #add} the file's opening (its name's
         * string concatenation, the builder's buffers) made that compile several times larger, and the compiler's
         * queue is what a build of half a second waits on.
         */
        private TableOutput openTable() throws IOException {
            long number = db.newPendingFileNumber();
            numbers.add(number);
            return new TableOutput(db.fileSystem(), db.directory(), number, tableOptions);
        }

        private void finishLast() {
            if (out != null) {
                files.add(finishLater(out));
                out = null;
            }
        }

        /** Its tables once finished; the first failure to finish one. */
        private List<FileMetaData> awaitFiles() throws IOException {
            List<FileMetaData> done = new ArrayList<>();
            for (java.util.concurrent.Future<FileMetaData> f : files) {
                done.add(await(f));
            }
            return done;
        }

        private void abandon() {
            if (out != null) {
                out.abandon();
                out = null;
            }
            for (java.util.concurrent.Future<FileMetaData> f : files) {
                try {
                    db.deleteQuietly(await(f).number());
                } catch (IOException | RuntimeException e) {
                    // a table that failed to finish was deleted by its finishing thread
                }
            }
        }
    }
}
