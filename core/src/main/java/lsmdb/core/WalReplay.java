package lsmdb.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.db.DbStats;
import lsmdb.core.db.InfoLog;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.version.RangeTombstone;
import lsmdb.core.wal.LogReader;

/**
 * Recovery's replay of write-ahead logs into memtables. A torn last record is dropped, its bytes kept under
 * {@code lost/} and a warning logged (or the open refused with {@code paranoidChecks}); a bad record in the middle
 * of a log fails the open (the reader throws {@link CorruptionException}).
 */
final class WalReplay {

    private long dataEnd;

    /** Receives a memtable that grew past the write buffer during replay. */
    interface FullMemTable {
        void accept(MemTable full) throws IOException;
    }

    private final FileSystem fs;
    private final Path dir;
    private final Options options;
    private final InfoLog infoLog;
    private final DbStats stats;
    private final List<RangeTombstone> tombstones = new ArrayList<>();
    private long maxSequence;

    WalReplay(FileSystem fs, Path dir, Options options, InfoLog infoLog, DbStats stats) {
        this.fs = fs;
        this.stats = stats;
        this.dir = dir;
        this.options = options;
        this.infoLog = infoLog;
    }

    /** Range deletes found in the logs. */
    List<RangeTombstone> tombstones() {
        return tombstones;
    }

    long maxSequence() {
        return maxSequence;
    }

    /**
     * A damaged last record: it cannot be told from a torn write (a preallocated log makes a torn write look
     * complete), so recovery goes on without it, but never silently: its bytes are copied to {@code lost/} before
     * the log can be deleted, a warning is logged and counted. With {@code paranoidChecks} the open is refused.
     */
    private void dropTail(ReadableFile f, Path path, long offset, String reason) throws IOException {
        if (options.paranoidChecks()) {
            throw new CorruptionException(path + ": damaged last record at offset " + offset + " (" + reason
                    + "); refusing to drop it because paranoidChecks is on");
        }
        String logName = path.getFileName().toString();
        long kept;
        String where;
        if (options.readOnly()) {
            kept = 0; // a read-only open changes no file: the log itself stays, and with it the evidence
            where = "the log is left as it is (read-only)";
        } else {
            kept = LostFiles.keepTail(fs, dir, logName, f, offset);
            where = kept == 0 ? "only zeros" : "kept as " + LostFiles.DIR + "/" + logName + ".at-" + offset;
        }
        stats.droppedLogTails.incrementAndGet();
        stats.droppedLogBytes.addAndGet(kept);
        infoLog.warn("recovery: dropped a torn tail at offset " + offset + " of " + path + " (" + reason + "); "
                + kept + " bytes " + where);
    }

    /** Where the data of the log replayed last ends: the offset just past its last replayed record. */
    long dataEnd() {
        return dataEnd;
    }

    /** Replays log {@code number} into {@code mem}; returns the memtable to continue with. */
    MemTable replay(long number, MemTable mem, long lastSequence, FullMemTable onFull) throws IOException {
        Path path = DbFiles.log(dir, number);
        String name = path.toString();
        long records = 0;
        dataEnd = 0;
        MemTable[] current = {mem};
        try (ReadableFile f = fs.openForRead(path);
             LogReader reader = new LogReader(f, name, (offset, dropped, reason) ->
                     dropTail(f, path, offset, reason))) {
            for (byte[] rec = reader.readRecord(); rec != null; rec = reader.readRecord()) {
                long seq;
                try {
                    seq = WriteBatch.sequenceOf(rec);
                    long[] next = {seq};
                    WriteBatch.forEachRecord(rec, 0, rec.length, new WriteBatch.Handler() {
                        @Override
                        public void put(byte[] key, byte[] value) {
                            current[0].add(next[0]++, InternalKey.KIND_PUT, key, value);
                        }

                        @Override
                        public void delete(byte[] key) {
                            current[0].add(next[0]++, InternalKey.KIND_DELETE, key, new byte[0]);
                        }

                        @Override
                        public void deleteRange(byte[] startKey, byte[] endKey) {
                            tombstones.add(new RangeTombstone(next[0]++, startKey, endKey));
                        }
                    });
                    maxSequence = Math.max(maxSequence, next[0] - 1);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    throw new CorruptionException(name + ": malformed write batch in record " + records + ": "
                            + e.getMessage());
                }
                records++;
                dataEnd = reader.endOfRecords();
                if (current[0].approximateMemoryUsage() >= options.writeBufferSize()) {
                    onFull.accept(current[0]);
                    if (!options.readOnly()) {
                        current[0] = new MemTable(options.writeBufferSize());
                    }
                }
            }
        }
        infoLog.accept("recovery: replayed " + records + " batches from " + DbFiles.logName(number));
        return current[0];
    }
}
