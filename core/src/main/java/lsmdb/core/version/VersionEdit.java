package lsmdb.core.version;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmdb.core.CorruptionException;
import lsmdb.core.util.Coding;

/**
 * A change from one version to the next: one MANIFEST record. Encoded as a sequence of tagged fields:
 *
 * <pre>
 * tag (varint32) | fields
 *  1 log number          varint64       WAL files numbered below it are obsolete
 *  2 next file number    varint64
 *  3 last sequence       varint64
 *  4 compact pointer     level varint32 | key (varint32 length | bytes)   round-robin position per level
 *  5 deleted file        level varint32 | number varint64
 *  6 new file            level varint32 | number varint64 | size varint64 | smallest key | largest key
 *                        | smallest sequence varint64
 *  7 range tombstone     sequence varint64 | start key | end key
 *  8 retired tombstone   sequence varint64
 * </pre>
 */
public final class VersionEdit {

    private static final int TAG_LOG_NUMBER = 1;
    private static final int TAG_NEXT_FILE = 2;
    private static final int TAG_LAST_SEQUENCE = 3;
    private static final int TAG_COMPACT_POINTER = 4;
    private static final int TAG_DELETED_FILE = 5;
    private static final int TAG_NEW_FILE = 6;
    private static final int TAG_RANGE_TOMBSTONE = 7;
    private static final int TAG_RETIRED_TOMBSTONE = 8;

    public record LevelFile(int level, FileMetaData file) {
    }

    public record DeletedFile(int level, long number) {
    }

    public record CompactPointer(int level, byte[] key) {
    }

    Long logNumber;
    Long nextFileNumber;
    Long lastSequence;
    final List<CompactPointer> compactPointers = new ArrayList<>();
    final List<DeletedFile> deletedFiles = new ArrayList<>();
    final List<LevelFile> newFiles = new ArrayList<>();
    final List<RangeTombstone> tombstones = new ArrayList<>();
    final List<Long> retiredTombstones = new ArrayList<>();

    public VersionEdit setLogNumber(long n) { logNumber = n; return this; }
    public VersionEdit setNextFileNumber(long n) { nextFileNumber = n; return this; }
    public VersionEdit setLastSequence(long n) { lastSequence = n; return this; }
    public VersionEdit setCompactPointer(int level, byte[] key) { compactPointers.add(new CompactPointer(level, key)); return this; }
    public VersionEdit deleteFile(int level, long number) { deletedFiles.add(new DeletedFile(level, number)); return this; }
    public VersionEdit addFile(int level, FileMetaData f) { newFiles.add(new LevelFile(level, f)); return this; }
    public VersionEdit addTombstone(RangeTombstone t) { tombstones.add(t); return this; }
    public VersionEdit retireTombstone(long sequence) { retiredTombstones.add(sequence); return this; }

    public List<LevelFile> newFiles() {
        return newFiles;
    }

    public List<RangeTombstone> tombstones() {
        return tombstones;
    }

    public List<Long> retiredTombstones() {
        return retiredTombstones;
    }

    public List<DeletedFile> deletedFiles() {
        return deletedFiles;
    }

    public byte[] encode() {
        Out out = new Out();
        if (logNumber != null) { out.tag(TAG_LOG_NUMBER).v64(logNumber); }
        if (nextFileNumber != null) { out.tag(TAG_NEXT_FILE).v64(nextFileNumber); }
        if (lastSequence != null) { out.tag(TAG_LAST_SEQUENCE).v64(lastSequence); }
        for (CompactPointer p : compactPointers) { out.tag(TAG_COMPACT_POINTER).v64(p.level()).bytes(p.key()); }
        for (DeletedFile d : deletedFiles) { out.tag(TAG_DELETED_FILE).v64(d.level()).v64(d.number()); }
        for (LevelFile lf : newFiles) {
            FileMetaData f = lf.file();
            out.tag(TAG_NEW_FILE).v64(lf.level()).v64(f.number()).v64(f.size()).bytes(f.smallest()).bytes(f.largest())
                    .v64(f.smallestSeq());
        }
        for (RangeTombstone t : tombstones) { out.tag(TAG_RANGE_TOMBSTONE).v64(t.sequence()).bytes(t.start()).bytes(t.end()); }
        for (long s : retiredTombstones) { out.tag(TAG_RETIRED_TOMBSTONE).v64(s); }
        return out.toByteArray();
    }

    /** Decodes one MANIFEST record; {@code source} names the file for the error message. */
    public static VersionEdit decode(byte[] rec, String source) throws CorruptionException {
        VersionEdit e = new VersionEdit();
        int[] pos = {0};
        int limit = rec.length;
        try {
            while (pos[0] < limit) {
                int tag = Coding.getVarint32(rec, pos, limit);
                switch (tag) {
                    case TAG_LOG_NUMBER -> e.logNumber = Coding.getVarint64(rec, pos, limit);
                    case TAG_NEXT_FILE -> e.nextFileNumber = Coding.getVarint64(rec, pos, limit);
                    case TAG_LAST_SEQUENCE -> e.lastSequence = Coding.getVarint64(rec, pos, limit);
                    case TAG_COMPACT_POINTER -> e.compactPointers.add(new CompactPointer(level(rec, pos, limit), bytes(rec, pos, limit)));
                    case TAG_DELETED_FILE -> e.deletedFiles.add(new DeletedFile(level(rec, pos, limit), Coding.getVarint64(rec, pos, limit)));
                    case TAG_NEW_FILE -> {
                        int level = level(rec, pos, limit);
                        long number = Coding.getVarint64(rec, pos, limit);
                        long size = Coding.getVarint64(rec, pos, limit);
                        byte[] smallest = bytes(rec, pos, limit);
                        byte[] largest = bytes(rec, pos, limit);
                        long smallestSeq = Coding.getVarint64(rec, pos, limit);
                        e.newFiles.add(new LevelFile(level, new FileMetaData(number, size, smallest, largest, smallestSeq)));
                    }
                    case TAG_RANGE_TOMBSTONE -> e.tombstones.add(new RangeTombstone(Coding.getVarint64(rec, pos, limit),
                            bytes(rec, pos, limit), bytes(rec, pos, limit)));
                    case TAG_RETIRED_TOMBSTONE -> e.retiredTombstones.add(Coding.getVarint64(rec, pos, limit));
                    default -> throw new CorruptionException(source + ": unknown version edit tag " + tag);
                }
            }
        } catch (IllegalArgumentException ex) {
            throw new CorruptionException(source + ": malformed version edit: " + ex.getMessage());
        }
        return e;
    }

    private static int level(byte[] rec, int[] pos, int limit) {
        int level = Coding.getVarint32(rec, pos, limit);
        if (level < 0 || level >= Version.NUM_LEVELS) {
            throw new IllegalArgumentException("level " + level + " out of range");
        }
        return level;
    }

    private static byte[] bytes(byte[] rec, int[] pos, int limit) {
        int n = Coding.getVarint32(rec, pos, limit);
        if (n < 0 || pos[0] + n > limit) {
            throw new IllegalArgumentException("field overruns the record");
        }
        byte[] b = Arrays.copyOfRange(rec, pos[0], pos[0] + n);
        pos[0] += n;
        return b;
    }

    /** A small growable encoder. */
    private static final class Out extends ByteArrayOutputStream {
        private final byte[] scratch = new byte[10];

        Out tag(int t) {
            return v64(t);
        }

        Out v64(long v) {
            int n = Coding.putVarint64(scratch, 0, v);
            write(scratch, 0, n);
            return this;
        }

        Out bytes(byte[] b) {
            v64(b.length);
            write(b, 0, b.length);
            return this;
        }
    }
}
