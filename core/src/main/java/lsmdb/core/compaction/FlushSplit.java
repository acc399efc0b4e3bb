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

    /** {@code entries} consecutive memtable entries written to one table; {@code deep}: overlapping nothing. */
    public record Part(long entries, long bytes, boolean deep) {
    }

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
     * The parts to write {@code entries} (a memtable's, in order) as, or null when none may go deeper than level 0
     * (then one level-0 table is all there is). A part that is deep lies in one gap between occupied ranges and
     * one partition; consecutive level-0 parts are joined.
     */
    public static List<Part> plan(InternalIterator entries, Occupied occupied, int prefixLength, long minDeepBytes)
            throws IOException {
        List<Part> raw = new ArrayList<>();
        byte[] prefix = new byte[Math.max(prefixLength, 1)];
        int prefixLen = -1;
        int j = 0;
        int n = occupied.size();
        long partEntries = 0;
        long partBytes = 0;
        int partRegion = Integer.MIN_VALUE;
        try (entries) {
            for (entries.seekToFirst(); entries.isValid(); entries.next()) {
                byte[] key = entries.keyBuffer();
                int userLength = entries.keyLength() - 8;
                while (j < n && occupied.hi[j] != null
                        && Arrays.compareUnsigned(occupied.hi[j], 0, occupied.hi[j].length, key, 0, userLength) < 0) {
                    j++;
                }
                boolean inRange = j < n
                        && Arrays.compareUnsigned(occupied.lo[j], 0, occupied.lo[j].length, key, 0, userLength) <= 0;
                int region = inRange ? -1 : j; // -1: level 0; j: the gap just below occupied range j
                boolean newPartition = false;
                if (prefixLength > 0) {
                    int len = Math.min(prefixLength, userLength);
                    newPartition = prefixLen < 0 || !CompactionJob.samePrefix(prefix, prefixLen, key, len, prefixLength);
                    if (newPartition) {
                        System.arraycopy(key, 0, prefix, 0, len);
                        prefixLen = len;
                    }
                }
                if (partEntries > 0 && (region != partRegion || newPartition)) {
                    raw.add(new Part(partEntries, partBytes, partRegion >= 0));
                    partEntries = 0;
                    partBytes = 0;
                }
                partRegion = region;
                partEntries++;
                partBytes += entries.keyLength() + entries.valueLength();
            }
        }
        if (partEntries > 0) {
            raw.add(new Part(partEntries, partBytes, partRegion >= 0));
        }
        List<Part> parts = new ArrayList<>();
        boolean anyDeep = false;
        for (Part p : raw) {
            boolean deep = p.deep() && p.bytes() >= minDeepBytes;
            int last = parts.size() - 1;
            if (!deep && last >= 0 && !parts.get(last).deep()) {
                Part prev = parts.get(last);
                parts.set(last, new Part(prev.entries() + p.entries(), prev.bytes() + p.bytes(), false));
            } else {
                parts.add(new Part(p.entries(), p.bytes(), deep));
            }
            anyDeep |= deep;
        }
        return anyDeep ? parts : null;
    }

    /**
     * Writes {@code entries} as {@code parts} say: each deep part to a table of its own, the rest to one table;
     * every table durable on return, in key order of their first keys. {@code newNumber} names each table (the
     * caller protects those numbers from deletion). On failure no table is left behind.
     */
    public static List<Output> write(FileSystem fs, Path dir, Options options, InternalIterator entries,
                                     List<Part> parts, LongSupplier newNumber) throws IOException {
        List<Output> outputs = new ArrayList<>();
        TableOutput shallow = null;
        TableOutput deep = null;
        int shallowIndex = -1;
        try (entries) {
            entries.seekToFirst();
            for (Part p : parts) {
                TableOutput out;
                if (p.deep()) {
                    deep = new TableOutput(fs, dir, newNumber.getAsLong(), options);
                    out = deep;
                } else {
                    if (shallow == null) {
                        shallow = new TableOutput(fs, dir, newNumber.getAsLong(), options);
                        shallowIndex = outputs.size();
                        outputs.add(null); // its place in key order; filled in when it is finished
                    }
                    out = shallow;
                }
                for (long i = 0; i < p.entries(); i++) {
                    if (!entries.isValid()) {
                        throw new IllegalStateException("memtable ended before its planned parts");
                    }
                    out.add(entries.key(), entries.value());
                    entries.next();
                }
                if (deep != null) {
                    outputs.add(new Output(deep.finish(), true));
                    deep = null;
                }
            }
            if (entries.isValid()) {
                throw new IllegalStateException("memtable holds more than its planned parts");
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
