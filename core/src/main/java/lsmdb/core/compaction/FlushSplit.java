package lsmdb.core.compaction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import lsmdb.core.Options;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;

/**
 * How a flush divides a memtable among tables: runs of keys that fall where no table on disk (nor a running
 * compaction's output) has its range, and that stay within one partition ({@link Options#partitionPrefixLength()}),
 * become tables of their own that may go to the last level; everything else goes to one level-0 table.
 *
 * <p>Why: a memtable that holds a table appended in key order beside index entries written at random is one table
 * spanning both, which overlaps everything and enters level 0, and compaction then rewrites the appended rows level
 * by level although nothing else on disk holds their keys. Cut apart, the rows go straight to the last level and only
 * the index entries are compacted.
 *
 * <p>The cut is planned in one pass over the memtable's keys beside a forward cursor over the occupied ranges
 * (sorted and merged once per flush), then written in a second pass. A run under {@link #minDeepBytes} stays in the
 * level-0 table, so isolated keys make no tiny files.
 */
public final class FlushSplit {

    /** A table the flush wrote; {@code deep}: its keys overlapped nothing when the flush was planned. */
    public record Output(FileMetaData meta, boolean deep) {
    }

    /** The user-key ranges tables (and a running compaction) occupy: sorted, disjoint, merged. */
    public static final class Occupied {
        final byte[][] lo;
        final byte[][] hi;

        Occupied(byte[][] lo, byte[][] hi) {
            this.lo = lo;
            this.hi = hi;
        }

        public int size() {
            return lo.length;
        }

        /** Whether some range meets user keys {@code [from, to]}; a null high end is unbounded. */
        public boolean overlaps(byte[] from, byte[] to) {
            for (int i = 0; i < lo.length; i++) {
                if (Arrays.compareUnsigned(lo[i], to) <= 0 && (hi[i] == null || Arrays.compareUnsigned(hi[i], from) >= 0)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether everything is taken (a compaction of unknown span runs): nothing may go deep. */
        public boolean all() {
            return lo.length == 1 && lo[0].length == 0 && hi[0] == null;
        }
    }

    private FlushSplit() {
    }

    /** The smallest run worth a table of its own. */
    public static long minDeepBytes(Options options) {
        return Math.max(4096, Math.min(options.targetFileSize(), options.writeBufferSize()) / 16);
    }

    /**
     * Where a running compaction may write, from its input files' ranges ({@code {null, null}}: anywhere), null
     * when none runs. Its outputs hold only its inputs' keys and, with partitions, never span two partitions
     * ({@link CompactionJob} cuts there), so within a partition they stay inside the hull of its inputs' keys
     * there; without partitions, inside the hull of all its inputs.
     */
    public static Occupied runningWrites(List<byte[][]> inputRanges, int prefixLength) {
        if (inputRanges == null) {
            return null;
        }
        List<byte[][]> ranges = new ArrayList<>(inputRanges);
        ranges.sort((a, b) -> a[0] == null ? -1 : b[0] == null ? 1 : Arrays.compareUnsigned(a[0], b[0]));
        List<byte[]> lo = new ArrayList<>();
        List<byte[]> hi = new ArrayList<>();
        for (byte[][] r : ranges) {
            if (r[0] == null) {
                return new Occupied(new byte[][] {new byte[0]}, new byte[][] {null});
            }
            int last = hi.size() - 1;
            if (last >= 0 && (Arrays.compareUnsigned(r[0], hi.get(last)) <= 0 || prefixLength == 0
                    || CompactionJob.samePrefix(r[0], r[0].length, hi.get(last), hi.get(last).length, prefixLength))) {
                if (Arrays.compareUnsigned(r[1], hi.get(last)) > 0) {
                    hi.set(last, r[1]);
                }
            } else {
                lo.add(r[0]);
                hi.add(r[1]);
            }
        }
        return new Occupied(lo.toArray(new byte[0][]), hi.toArray(new byte[0][]));
    }

    /** The ranges of every table of {@code v} and of {@code running} (or null), merged. */
    public static Occupied occupied(Version v, Occupied running) {
        List<byte[][]> ranges = new ArrayList<>();
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : v.files(level)) {
                ranges.add(new byte[][] {InternalKey.userKey(f.smallest()), InternalKey.userKey(f.largest())});
            }
        }
        if (running != null) {
            for (int i = 0; i < running.size(); i++) {
                ranges.add(new byte[][] {running.lo[i], running.hi[i]});
            }
        }
        ranges.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        List<byte[]> lo = new ArrayList<>();
        List<byte[]> hi = new ArrayList<>();
        for (byte[][] r : ranges) {
            int last = hi.size() - 1;
            if (last >= 0 && (hi.get(last) == null || Arrays.compareUnsigned(r[0], hi.get(last)) <= 0)) {
                if (hi.get(last) != null && (r[1] == null || Arrays.compareUnsigned(r[1], hi.get(last)) > 0)) {
                    hi.set(last, r[1]);
                }
            } else {
                lo.add(r[0]);
                hi.add(r[1]);
            }
        }
        return new Occupied(lo.toArray(new byte[0][]), hi.toArray(new byte[0][]));
    }

    /**
     * The runs of {@code entries} (a memtable's, in order) that get tables of their own, or null when there are
     * none (then one level-0 table is all there is). A run lies in one gap between occupied ranges and in one
     * partition, and holds at least {@code minDeepBytes}. Only the keys in gaps are visited: the iterator seeks
     * past each occupied range, so a memtable of random keys over ranges that tables already span costs a few seeks.
     */
    public static List<Run> plan(InternalIterator entries, Occupied occupied, int prefixLength, long minDeepBytes)
            throws IOException {
        List<Run> runs = new ArrayList<>();
        RunBuilder run = new RunBuilder(prefixLength, minDeepBytes, runs);
        int n = occupied.size();
        try (entries) {
            for (int gap = 0; gap <= n; gap++) {
                if (gap == 0) {
                    entries.seekToFirst();
                } else if (occupied.hi[gap - 1] == null) {
                    break; // the last range is unbounded
                } else {
                    byte[] after = occupied.hi[gap - 1];
                    // (after, sequence 0) is the last internal key of user key `after`: seek lands past it
                    entries.seek(InternalKey.encode(after, 0, (byte) 0));
                    while (entries.isValid() && Arrays.compareUnsigned(entries.keyBuffer(), 0,
                            entries.keyLength() - InternalKey.TRAILER_SIZE, after, 0, after.length) <= 0) {
                        entries.next();
                    }
                }
                byte[] before = gap < n ? occupied.lo[gap] : null;
                for (; entries.isValid(); entries.next()) {
                    byte[] key = entries.keyBuffer();
                    int userLength = entries.keyLength() - InternalKey.TRAILER_SIZE;
                    if (before != null && Arrays.compareUnsigned(key, 0, userLength, before, 0, before.length) >= 0) {
                        break;
                    }
                    run.add(key, userLength, entries.keyLength() + entries.valueLength());
                }
                run.close();
            }
        }
        return runs.isEmpty() ? null : runs;
    }

    /** A run of keys in one gap: its first and last user keys (inclusive), entries and bytes. */
    public record Run(byte[] first, byte[] last, long entries, long bytes) {
    }

    /** Collects consecutive keys of one gap into runs, cut where the partition changes, kept if large enough. */
    private static final class RunBuilder {
        private final int prefixLength;
        private final long minBytes;
        private final List<Run> out;
        private byte[] first;
        private byte[] last = new byte[64];
        private int lastLength;
        private long entries;
        private long bytes;

        RunBuilder(int prefixLength, long minBytes, List<Run> out) {
            this.prefixLength = prefixLength;
            this.minBytes = minBytes;
            this.out = out;
        }

        void add(byte[] key, int userLength, long entryBytes) {
            if (first != null && prefixLength > 0
                    && !CompactionJob.samePrefix(last, lastLength, key, userLength, prefixLength)) {
                close();
            }
            if (first == null) {
                first = Arrays.copyOf(key, userLength);
            }
            if (last.length < userLength) {
                last = new byte[Math.max(userLength, last.length * 2)];
            }
            System.arraycopy(key, 0, last, 0, userLength);
            lastLength = userLength;
            entries++;
            bytes += entryBytes;
        }

        void close() {
            if (first != null && bytes >= minBytes) {
                out.add(new Run(first, Arrays.copyOf(last, lastLength), entries, bytes));
            }
            first = null;
            entries = 0;
            bytes = 0;
        }
    }

    /**
     * Writes {@code entries}: each of {@code runs} to a table of its own, the rest to one table; every table durable
     * on return, listed in key order of their first keys. {@code newNumber} names each table (the caller protects
     * those numbers from deletion). On failure no table is left behind.
     */
    public static List<Output> write(FileSystem fs, Path dir, Options options, InternalIterator entries,
                                     List<Run> runs, LongSupplier newNumber) throws IOException {
        List<Output> outputs = new ArrayList<>();
        TableOutput shallow = null;
        TableOutput deep = null;
        int shallowIndex = -1;
        int next = 0;
        Run run = runs.get(0);
        try (entries) {
            for (entries.seekToFirst(); entries.isValid(); entries.next()) {
                byte[] key = entries.keyBuffer();
                int userLength = entries.keyLength() - InternalKey.TRAILER_SIZE;
                if (run != null && Arrays.compareUnsigned(key, 0, userLength, run.last(), 0, run.last().length) > 0) {
                    if (deep != null) {
                        outputs.add(new Output(deep.finish(), true));
                        deep = null;
                    }
                    run = ++next < runs.size() ? runs.get(next) : null;
                }
                TableOutput out;
                if (run != null && Arrays.compareUnsigned(key, 0, userLength, run.first(), 0, run.first().length) >= 0) {
                    if (deep == null) {
                        deep = new TableOutput(fs, dir, newNumber.getAsLong(), options);
                    }
                    out = deep;
                } else {
                    if (shallow == null) {
                        shallow = new TableOutput(fs, dir, newNumber.getAsLong(), options);
                        shallowIndex = outputs.size();
                        outputs.add(null); // its place in key order; filled in when it is finished
                    }
                    out = shallow;
                }
                out.add(entries.key(), entries.value());
            }
            if (deep != null) {
                outputs.add(new Output(deep.finish(), true));
                deep = null;
            }
            if (shallow != null) {
                outputs.set(shallowIndex, new Output(shallow.finish(), false));
                shallow = null;
            }
        } catch (IOException | RuntimeException e) {
            if (deep != null) {
                deep.abandon();
            }
            if (shallow != null) {
                shallow.abandon();
            }
            for (Output o : outputs) {
                if (o != null) {
                    try {
                        fs.delete(lsmdb.core.format.DbFiles.table(dir, o.meta().number()));
                    } catch (IOException ignored) {
                        // left for the obsolete-file sweep at the next open
                    }
                }
            }
            throw e;
        }
        return outputs;
    }
}
