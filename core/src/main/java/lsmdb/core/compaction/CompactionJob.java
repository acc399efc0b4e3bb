package lsmdb.core.compaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import lsmdb.core.Options;
import lsmdb.core.cache.TableCache;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.iterator.MergingIterator;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;

/**
 * Runs one {@link Compaction}: merges its inputs in internal-key order and writes what is still visible to
 * new tables at the output level, split near {@link Options#targetFileSize()} at user-key boundaries (so no user
 * key spans two files of a level).
 *
 * <p>What is dropped. Live snapshots cut the sequence space into stripes (stripe i holds sequences up to the
 * i-th oldest snapshot; the last stripe holds everything newer). A reader at any snapshot sees, per user key, the
 * newest version of its stripe or an older stripe, so within one stripe only the newest version is kept.
 * A deletion in the oldest stripe is dropped too when no deeper level can hold the key; an entry hidden by a range
 * tombstone of the same stripe is dropped.
 */
public final class CompactionJob {

    /** Allocates output file numbers (under the database's lock). */
    public interface FileNumbers {
        long next();
    }

    /** Result of a run: the new files and the bytes moved. */
    public record Outcome(List<FileMetaData> outputs, long bytesRead, long bytesWritten, long entriesDropped) {
    }

    private final Compaction compaction;
    private final Version version;
    private final long[] snapshots;
    private final TableCache tables;
    private final FileSystem fs;
    private final Path dir;
    private final Options options;
    private final FileNumbers fileNumbers;
    private final BooleanSupplier shuttingDown;

    public CompactionJob(Compaction compaction, Version version, long[] snapshots, TableCache tables, FileSystem fs,
                         Path dir, Options options, FileNumbers fileNumbers, BooleanSupplier shuttingDown) {
        this.compaction = compaction;
        this.version = version;
        this.snapshots = snapshots;
        this.tables = tables;
        this.fs = fs;
        this.dir = dir;
        this.options = options;
        this.fileNumbers = fileNumbers;
        this.shuttingDown = shuttingDown;
    }

    /**
     * Merges and writes the outputs, every one durable on return (their fsyncs overlap the merge, see
     * {@link OutputSyncer}); on failure deletes what it wrote and rethrows.
     */
    public Outcome run() throws IOException {
        int partitionPrefix = options.partitionPrefixLength();
        List<InternalIterator> children = new ArrayList<>();
        List<FileMetaData> outputs = new ArrayList<>();
        TableOutput out = null;
        long dropped = 0;
        long written = 0;
        OutputSyncer syncer = new OutputSyncer();
        try {
            for (FileMetaData f : compaction.inputs()) {
                children.add(tables.compactionIterator(f.number(), f.size()));
            }
            for (FileMetaData f : compaction.middle()) {
                children.add(tables.compactionIterator(f.number(), f.size()));
            }
            for (FileMetaData f : compaction.overlaps()) {
                children.add(tables.compactionIterator(f.number(), f.size()));
            }
            int outputLevel = compaction.outputLevel();
            try (InternalIterator it = new MergingIterator(children)) {
                KeptEntries kept = new KeptEntries(it, this, version, outputLevel, partitionPrefix);
                long target = options.targetFileSize();
                for (kept.seekToFirst(); kept.isValid(); kept.next()) {
                    if (shuttingDown.getAsBoolean()) {
                        throw new IOException("compaction abandoned: database closing");
                    }
                    if (out != null && kept.endsOutput(out.fileSize(), target)) {
                        outputs.add(out.finishUnsynced());
                        syncer.submit(out);
                        out = null;
                    }
                    if (out == null) {
                        out = new TableOutput(fs, dir, fileNumbers.next(), options);
                    }
                    out.add(it);
                }
                dropped = kept.dropped();
            }
            if (out != null) {
                outputs.add(out.finishUnsynced());
                syncer.submit(out);
                out = null;
            }
            syncer.awaitAll();
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                out.abandon();
            }
            try {
                syncer.awaitAll(); // no sync may still be running on a file deleted below
            } catch (IOException | RuntimeException ignored) {
                // the first failure is the one reported
            }
            for (FileMetaData f : outputs) {
                fs.delete(lsmdb.core.format.DbFiles.table(dir, f.number()));
            }
            if (e instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        } finally {
            syncer.close();
        }
        for (FileMetaData f : outputs) {
            written += f.size();
        }
        return new Outcome(outputs, compaction.inputBytes(), written, dropped);
    }

    /** 0 for sequences at or below the oldest snapshot, ..., {@code snapshots.length} above the newest. */
    int stripeOf(long seq) {
        int i = Arrays.binarySearch(snapshots, seq);
        return i >= 0 ? i : -i - 1;
    }

    boolean hiddenByRangeTombstone(byte[] userKey, long seq, int stripe) {
        for (var t : version.tombstones()) {
            if (t.sequence() > seq && stripeOf(t.sequence()) == stripe && t.contains(userKey)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two user keys share their first {@code n} bytes (or are equal, if either is shorter). */
    static boolean samePrefix(byte[] a, int aLength, byte[] b, int bLength, int n) {
        int la = Math.min(aLength, n);
        int lb = Math.min(bLength, n);
        return Arrays.equals(a, 0, la, b, 0, lb);
    }
}
