package lsmdb.core.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.Options;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;
import org.junit.jupiter.api.Test;

/** How a flush cuts a memtable: around occupied ranges, at partition changes, never into tiny tables. */
class FlushSplitTest {

    private static byte[] k(String s) {
        return s.getBytes();
    }

    private static FlushSplit.Occupied ranges(String... bounds) {
        byte[][] lo = new byte[bounds.length / 2][];
        byte[][] hi = new byte[bounds.length / 2][];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = k(bounds[2 * i]);
            hi[i] = k(bounds[2 * i + 1]);
        }
        return new FlushSplit.Occupied(lo, hi);
    }

    /** A memtable with keys {@code prefix + i} for each i in {@code [from, to)}, values of 100 bytes. */
    private static void fill(MemTable m, long[] seq, String format, int from, int to) {
        for (int i = from; i < to; i++) {
            m.add(seq[0]++, InternalKey.KIND_PUT, k(String.format(format, i)), new byte[100]);
        }
    }

    private static List<String> describe(List<FlushSplit.Run> runs) {
        List<String> out = new ArrayList<>();
        for (FlushSplit.Run r : runs) {
            out.add(new String(r.first()) + ".." + new String(r.last()) + " " + r.entries());
        }
        return out;
    }

    @Test
    void keysInsideOccupiedRangesStayAtLevelZeroAndTheRunsBetweenGoDeep() throws IOException {
        MemTable m = new MemTable();
        long[] seq = {1};
        fill(m, seq, "a%04d", 0, 100); // before every range: deep
        fill(m, seq, "c%04d", 0, 50); // inside [c, d]: level 0
        fill(m, seq, "e%04d", 0, 100); // between [c, d] and [f, g]: deep
        fill(m, seq, "h%04d", 0, 100); // beyond [f, g]: deep, but not joined with the e run (a range lies between)
        List<FlushSplit.Run> runs = FlushSplit.plan(m.iterator(), ranges("c", "d", "f", "g"), 0, 4096);
        assertEquals(List.of("a0000..a0099 100", "e0000..e0099 100", "h0000..h0099 100"), describe(runs));
    }

    @Test
    void aRunBelowTheMinimumJoinsTheLevelZeroTable() throws IOException {
        MemTable m = new MemTable();
        long[] seq = {1};
        fill(m, seq, "a%04d", 0, 3); // 3 entries, ~330 bytes: too small for a table of its own
        fill(m, seq, "c%04d", 0, 50);
        fill(m, seq, "e%04d", 0, 100);
        List<FlushSplit.Run> runs = FlushSplit.plan(m.iterator(), ranges("c", "d"), 0, 4096);
        assertEquals(List.of("e0000..e0099 100"), describe(runs));
    }

    @Test
    void keysOnARangesBoundsAreInsideIt() throws IOException {
        MemTable m = new MemTable();
        long[] seq = {1};
        fill(m, seq, "b%04d", 0, 100);
        m.add(seq[0]++, InternalKey.KIND_PUT, k("b0100"), new byte[100]); // the range's first key
        fill(m, seq, "b%04d", 101, 200);
        List<FlushSplit.Run> runs = FlushSplit.plan(m.iterator(), ranges("b0100", "b0150"), 0, 4096);
        assertEquals(List.of("b0000..b0099 100", "b0151..b0199 49"), describe(runs));
    }

    @Test
    void writeRoutesEachRunToItsOwnTableAndTheRestToOne() throws IOException {
        MemTable m = new MemTable();
        long[] seq = {1};
        fill(m, seq, "a%04d", 0, 100);
        fill(m, seq, "c%04d", 0, 50);
        fill(m, seq, "e%04d", 0, 100);
        fill(m, seq, "g%04d", 0, 10);
        List<FlushSplit.Run> runs = FlushSplit.plan(m.iterator(), ranges("c", "d", "f", "h"), 0, 4096);
        MemFileSystem fs = new MemFileSystem();
        Path dir = Path.of("/db");
        fs.createDirectories(dir);
        long[] number = {10};
        List<FlushSplit.Output> out = FlushSplit.write(fs, dir, Options.defaults(), m.iterator(), runs,
                () -> number[0]++);
        List<String> got = new ArrayList<>();
        for (FlushSplit.Output o : out) {
            got.add((o.deep() ? "deep " : "l0 ") + new String(InternalKey.userKey(o.meta().smallest())) + ".."
                    + new String(InternalKey.userKey(o.meta().largest())));
        }
        assertEquals(List.of("deep a0000..a0099", "l0 c0000..g0009", "deep e0000..e0099"), got);
    }

    @Test
    void nothingDeepMeansNoPlan() throws IOException {
        MemTable m = new MemTable();
        long[] seq = {1};
        fill(m, seq, "c%04d", 0, 50);
        assertNull(FlushSplit.plan(m.iterator(), ranges("a", "z"), 0, 4096));
    }

    @Test
    void partitionsCutRunsThatOverlapNothing() throws IOException {
        MemTable m = new MemTable();
        long[] seq = {1};
        fill(m, seq, "p1:%04d", 0, 100);
        fill(m, seq, "p2:%04d", 0, 100);
        assertEquals(List.of("p1:0000..p2:0099 200"), describe(FlushSplit.plan(m.iterator(), ranges(), 0, 4096)));
        assertEquals(List.of("p1:0000..p1:0099 100", "p2:0000..p2:0099 100"),
                describe(FlushSplit.plan(m.iterator(), ranges(), 2, 4096)));
    }

    @Test
    void aRunningCompactionTakesTheHullOfItsInputsPerPartition() {
        List<byte[][]> inputs = List.of(new byte[][] {k("p1:10"), k("p1:20")}, new byte[][] {k("p1:40"), k("p1:50")},
                new byte[][] {k("p3:10"), k("p3:20")});
        FlushSplit.Occupied partitioned = FlushSplit.runningWrites(inputs, 2);
        assertTrue(partitioned.overlaps(k("p1:30"), k("p1:31")), "an output may join its partition's inputs");
        assertFalse(partitioned.overlaps(k("p2:00"), k("p2:99")), "no output spans two partitions");
        FlushSplit.Occupied whole = FlushSplit.runningWrites(inputs, 0);
        assertTrue(whole.overlaps(k("p2:00"), k("p2:99")), "without partitions an output may span anything between");
        assertNull(FlushSplit.runningWrites(null, 2));
        assertTrue(FlushSplit.runningWrites(List.<byte[][]>of(new byte[2][]), 2).all());
    }

    @Test
    void occupiedMergesEveryLevelsRanges() throws IOException {
        MemFileSystem fs = new MemFileSystem();
        Path dir = Path.of("/db");
        fs.createDirectories(dir);
        VersionSet versions = new VersionSet(dir, fs, line -> { });
        versions.writeNewManifest();
        versions.logAndApply(new VersionEdit().addFile(0, file(100, "b", "d")).addFile(6, file(101, "c", "f"))
                .addFile(6, file(102, "m", "n")));
        FlushSplit.Occupied o = FlushSplit.occupied(versions.current(), null);
        assertEquals(2, o.size());
        assertTrue(o.overlaps(k("e"), k("e")));
        assertFalse(o.overlaps(k("g"), k("l")));
        assertTrue(new FlushPlacement(Options.defaults(), new CompactionPicker(Options.defaults()))
                .fitsLastLevel(versions.current(), file(103, "g", "l")));
        assertFalse(new FlushPlacement(Options.defaults(), new CompactionPicker(Options.defaults()))
                .fitsLastLevel(versions.current(), file(104, "a", "b")), "it overlaps the level-0 table");
    }

    private static FileMetaData file(long number, String from, String to) {
        return new FileMetaData(number, 1000, InternalKey.encode(k(from), 1, InternalKey.KIND_PUT),
                InternalKey.encode(k(to), 1, InternalKey.KIND_PUT), 1);
    }
}
