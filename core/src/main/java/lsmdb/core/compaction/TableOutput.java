package lsmdb.core.compaction;

import java.io.IOException;
import java.nio.file.Path;
import lsmdb.core.Options;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.WritableFile;
import lsmdb.core.sstable.TableBuilder;
import lsmdb.core.version.FileMetaData;

/**
 * One table file being written by a flush or a compaction: tracks its key range and smallest sequence, and on
 * {@link #finish()} makes it durable (fsync) before anyone may name it in the MANIFEST.
 */
public final class TableOutput {

    private final FileSystem fs;
    private final Path path;
    private final long number;
    private final WritableFile file;
    private final TableBuilder builder;
    /** The first key added, copied; the largest is the builder's last index key (no copy of each key added). */
    private byte[] smallest;
    private long smallestSeq = Long.MAX_VALUE;

    public TableOutput(FileSystem fs, Path dir, long number, Options options) throws IOException {
        this.fs = fs;
        this.number = number;
        this.path = DbFiles.table(dir, number);
        this.file = fs.createSequential(path);
        this.builder = new TableBuilder(options, file);
    }

    /**
     * Writes every entry of {@code entries} (a memtable's) to new table {@code number}, durable on return.
     * REQUIRES: {@code entries} is not empty.
     */
    public static FileMetaData writeAll(FileSystem fs, Path dir, long number, Options options, InternalIterator entries)
            throws IOException {
        TableOutput out = new TableOutput(fs, dir, number, options);
        try (entries) {
            for (entries.seekToFirst(); entries.isValid(); entries.next()) {
                out.add(entries.key(), entries.value());
            }
        } catch (IOException | RuntimeException e) {
            out.abandon();
            throw e;
        }
        return out.finish();
    }

    /** REQUIRES: keys strictly increasing in internal-key order. */
    public void add(byte[] internalKey, byte[] value) throws IOException {
        if (smallest == null) {
            smallest = internalKey;
        }
        long seq = InternalKey.sequence(internalKey);
        if (seq < smallestSeq) {
            smallestSeq = seq;
        }
        builder.add(internalKey, value);
    }

    /** Adds the entry {@code source} is at, copied straight from its buffers. REQUIRES: keys strictly increasing. */
    public void add(InternalIterator source) throws IOException {
        noteKey(source.keyBuffer(), source.keyLength());
        builder.add(source);
    }

    /**
     * Adds key {@code internalKey[0, keyLength)} and value {@code value[valueOffset, +valueLength)}, copied from the
     * caller's buffers, which it may reuse at once. REQUIRES: keys strictly increasing.
     */
    public void add(byte[] internalKey, int keyLength, byte[] value, int valueOffset, int valueLength)
            throws IOException {
        noteKey(internalKey, keyLength);
        builder.add(internalKey, keyLength, value, valueOffset, valueLength);
    }

    /** The file's smallest key and sequence, for a key given in a buffer the caller reuses (so it is copied). */
    private void noteKey(byte[] key, int length) {
        if (smallest == null) {
            smallest = java.util.Arrays.copyOf(key, length);
        }
        long seq = InternalKey.trailer(key, 0, length) >>> 8;
        if (seq < smallestSeq) {
            smallestSeq = seq;
        }
    }

    public long fileSize() {
        return builder.fileSize();
    }

    public boolean isEmpty() {
        return smallest == null;
    }

    public long number() {
        return number;
    }

    /** Writes the table's index and footer, fsyncs and closes it. REQUIRES: not empty. */
    public FileMetaData finish() throws IOException {
        FileMetaData meta = finishUnsynced();
        syncAndClose();
        return meta;
    }

    /**
     * Writes the table's index and footer; the file is complete but not yet durable, and must not be named in the
     * MANIFEST before {@link #syncAndClose()} returns. REQUIRES: not empty.
     */
    public FileMetaData finishUnsynced() throws IOException {
        long size = builder.finish();
        return new FileMetaData(number, size, smallest, builder.largestKey(), smallestSeq);
    }

    /** Makes a table {@link #finishUnsynced() finished} durable and closes it (any thread may call this once). */
    public void syncAndClose() throws IOException {
        try {
            file.sync();
        } finally {
            file.close();
        }
    }

    /** Gives up on the table and deletes its file. */
    public void abandon() {
        builder.abandon();
        try {
            file.close();
        } catch (IOException ignored) {
            // the file is deleted next; a close failure changes nothing
        }
        try {
            fs.delete(path);
        } catch (IOException ignored) {
            // left for the obsolete-file sweep at the next open
        }
    }
}
