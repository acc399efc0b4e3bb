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
 */
public final class BulkIngest implements AutoCloseable {

    private final DbImpl db;
    private final long sequence;
    private final long targetFileSize;
    private final List<Part> parts = new ArrayList<>();
    /** The part {@link #add} writes to. */
    private final Part first;
    private volatile boolean done;

    BulkIngest(DbImpl db, long sequence) {
        this.db = db;
        this.sequence = sequence;
        this.targetFileSize = db.options().targetFileSize();
        this.first = newPart();
    }

    /** The sequence number every entry carries. */
    public long sequence() {
        return sequence;
    }

    /**
     * A writer of its own table files, for another thread: the load's key range written in pieces at once. Every
     * key of a part must be greater than every key of the parts made before it ({@link #commit()} checks); each part
     * is used by one thread at a time, and all must be done adding before the commit.
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
        try {
            List<FileMetaData> files = new ArrayList<>();
            byte[] previous = null;
            for (Part p : parts) {
                p.finish();
                for (FileMetaData f : p.files) {
                    if (previous != null && Arrays.compareUnsigned(InternalKey.userKey(f.smallest()), previous) <= 0) {
                        throw new IllegalArgumentException("bulk ingest parts overlap or were made out of key order");
                    }
                    previous = InternalKey.userKey(f.largest());
                    files.add(f);
                }
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
        if (done) {
            return;
        }
        done = true;
        for (Part p : parts) {
            p.abandon();
        }
        releaseNumbers();
    }

    private void releaseNumbers() {
        List<Long> numbers = new ArrayList<>();
        for (Part p : parts) {
            numbers.addAll(p.numbers);
        }
        db.releasePendingFiles(numbers);
    }

    /** One sequence of table files of the load, written by one thread. */
    public final class Part {
        private final List<FileMetaData> files = new ArrayList<>();
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
                long number = db.newPendingFileNumber();
                numbers.add(number);
                out = new TableOutput(db.fileSystem(), db.directory(), number, db.options());
            }
            out.add(lastKey, internalLength, value, valueOffset, valueLength);
            if (out.fileSize() >= targetFileSize) {
                finishFile();
            }
        }

        private void finish() throws IOException {
            if (out != null) {
                finishFile();
            }
        }

        private void abandon() {
            if (out != null) {
                out.abandon();
                out = null;
            }
            for (FileMetaData f : files) {
                db.deleteQuietly(f.number());
            }
        }

        private void finishFile() throws IOException {
            TableOutput o = out;
            out = null;
            try {
                files.add(o.finish());
            } catch (IOException | RuntimeException e) {
                o.abandon();
                throw e;
            }
        }
    }
}
