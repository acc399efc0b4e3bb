package lsmdb.core.wal;

import static lsmdb.core.wal.LogFormat.BLOCK_SIZE;
import static lsmdb.core.wal.LogFormat.HEADER_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import lsmdb.core.CorruptionException;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.RealFileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.io.WritableFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTest {

    private final FileSystem fs = new MemFileSystem();
    private final Path logPath = Path.of("/db/000007.log");

    /** A log built in memory, with where each logical record starts and ends. */
    private static final class Built {
        final List<byte[]> records = new ArrayList<>();
        final List<Long> starts = new ArrayList<>();
        final List<Long> ends = new ArrayList<>();
        byte[] bytes;
    }

    private static final class Reports implements LogReader.Reporter {
        final List<long[]> torn = new ArrayList<>();

        @Override
        public void tornTail(long offset, long bytesDropped, String reason) {
            assertTrue(reason != null && !reason.isEmpty());
            torn.add(new long[] {offset, bytesDropped});
        }
    }

    private static byte[] record(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private Built write(List<byte[]> records) throws IOException {
        Built built = new Built();
        try (LogWriter writer = new LogWriter(fs.create(logPath))) {
            for (byte[] r : records) {
                long before = writer.size();
                long start = BLOCK_SIZE - before % BLOCK_SIZE < HEADER_SIZE ? (before / BLOCK_SIZE + 1) * BLOCK_SIZE : before;
                writer.addRecord(r);
                built.records.add(r);
                built.starts.add(start);
                built.ends.add(writer.size());
            }
            writer.sync();
        }
        built.bytes = readFile(logPath);
        return built;
    }

    private byte[] readFile(Path path) throws IOException {
        try (ReadableFile in = fs.openForRead(path)) {
            byte[] b = new byte[(int) in.size()];
            in.readFully(0, b, 0, b.length);
            return b;
        }
    }

    private void overwrite(byte[] content) throws IOException {
        try (WritableFile out = fs.create(logPath)) {
            out.append(content);
        }
    }

    private List<byte[]> readAll(Reports reports) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (LogReader reader = new LogReader(fs.openForRead(logPath), "000007.log", reports)) {
            for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
                out.add(r);
            }
            assertNull(reader.readRecord(), "stays at end");
        }
        return out;
    }

    private static void assertRecords(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "record count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "record " + i);
        }
    }

    /** Sizes that put record boundaries at every interesting place relative to a block end. */
    private static List<byte[]> boundaryRecords(Random random) {
        List<byte[]> records = new ArrayList<>();
        int room = BLOCK_SIZE - HEADER_SIZE;
        // block 0 filled exactly; block 1: empty record, then 3 bytes left (padding); block 2: 7 bytes left
        // (the next record gets an empty FIRST fragment); then records spanning 2, 3 and 4 blocks
        int[] sizes = {room, 0, room - HEADER_SIZE - 3, room - HEADER_SIZE, 100, 2 * BLOCK_SIZE, 0, room * 3 - 8, 1,
            100_000, 0};
        for (int s : sizes) {
            records.add(record(random, s));
        }
        return records;
    }

    @Test
    void roundTripOfRecordsAroundBlockBoundaries() throws IOException {
        Built built = write(boundaryRecords(new Random(11)));
        boolean padded = false;
        boolean endsOnBlockBoundary = false;
        boolean emptyFirstFragment = false;
        for (int i = 0; i < built.ends.size(); i++) {
            padded |= i > 0 && !built.starts.get(i).equals(built.ends.get(i - 1));
            endsOnBlockBoundary |= built.ends.get(i) % BLOCK_SIZE == 0;
            emptyFirstFragment |= built.records.get(i).length > 0 && BLOCK_SIZE - built.starts.get(i) % BLOCK_SIZE == HEADER_SIZE;
        }
        assertTrue(padded && endsOnBlockBoundary && emptyFirstFragment, "the sizes exercise every block-end case");
        Reports reports = new Reports();
        assertRecords(built.records, readAll(reports));
        assertEquals(0, reports.torn.size());
    }

    @Test
    void roundTripOfRandomRecords() throws IOException {
        Random random = new Random(12);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int size = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(20);
                case 1 -> random.nextInt(1000);
                case 2 -> random.nextInt(40_000);
                default -> random.nextInt(100_001);
            };
            records.add(record(random, size));
        }
        Built built = write(records);
        Reports reports = new Reports();
        assertRecords(built.records, readAll(reports));
        assertEquals(0, reports.torn.size());
    }

    @Test
    void addRecordWithOffsetWritesOnlyTheSlice() throws IOException {
        byte[] data = {9, 1, 2, 3, 9};
        try (LogWriter writer = new LogWriter(fs.create(logPath))) {
            writer.addRecord(data, 1, 3);
            writer.flush();
            assertEquals(HEADER_SIZE + 3, writer.size());
        }
        assertRecords(List.of(new byte[] {1, 2, 3}), readAll(new Reports()));
    }

    @Test
    void roundTripOnTheRealFileSystem(@TempDir Path dir) throws IOException {
        Random random = new Random(13);
        List<byte[]> records = boundaryRecords(random);
        Path path = dir.resolve("000001.log");
        try (LogWriter writer = new LogWriter(RealFileSystem.INSTANCE.create(path))) {
            for (byte[] r : records) {
                writer.addRecord(r);
            }
            writer.sync();
        }
        List<byte[]> read = new ArrayList<>();
        try (LogReader reader = new LogReader(RealFileSystem.INSTANCE.openForRead(path), "000001.log", new Reports())) {
            for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
                read.add(r);
            }
        }
        assertRecords(records, read);
    }

    private static List<byte[]> readLog(Path path, Reports reports) throws IOException {
        List<byte[]> read = new ArrayList<>();
        try (LogReader reader = new LogReader(RealFileSystem.INSTANCE.openForRead(path), path.getFileName().toString(),
                reports)) {
            for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
                read.add(r);
            }
        }
        return read;
    }

    @Test
    void mappedLogRoundTripAcrossRegionsIsTrimmedOnClose(@TempDir Path dir) throws IOException {
        Random random = new Random(17);
        List<byte[]> records = new ArrayList<>(boundaryRecords(random));
        for (int i = 0; i < 200; i++) {
            records.add(record(random, random.nextInt(3000)));
        }
        Path path = dir.resolve("000002.log");
        long size;
        // A small region (smaller than some records) so that records and fragments cross region boundaries.
        try (LogWriter writer = new LogWriter(RealFileSystem.INSTANCE.createMapped(path, 4096))) {
            for (byte[] r : records) {
                writer.addRecord(r);
                writer.flush();
            }
            size = writer.size();
        }
        assertEquals(size, java.nio.file.Files.size(path), "close trims the zeros past the data");
        Reports reports = new Reports();
        assertRecords(records, readLog(path, reports));
        assertTrue(reports.torn.isEmpty());
    }

    /**
     * Syncs among the appends of a mapped log (each region's first sync writes the rest of the region as zeros
     * through the channel): the zeros never reach a record, written before or after them, in any region.
     */
    @Test
    void mappedLogSyncsAmongAppendsKeepEveryRecord(@TempDir Path dir) throws IOException {
        Random random = new Random(23);
        List<byte[]> records = new ArrayList<>();
        Path path = dir.resolve("000004.log");
        try (LogWriter writer = new LogWriter(RealFileSystem.INSTANCE.createMapped(path, 1 << 16))) {
            for (int i = 0; i < 400; i++) {
                byte[] r = record(random, 1 + random.nextInt(i % 50 == 0 ? 20000 : 700));
                writer.addRecord(r);
                records.add(r);
                if (random.nextInt(3) == 0) {
                    writer.sync();
                }
                if (i % 97 == 0) {
                    assertRecords(records, readLog(path, new Reports()));
                }
            }
            writer.sync();
            assertRecords(records, readLog(path, new Reports()));
        }
        Reports reports = new Reports();
        assertRecords(records, readLog(path, reports));
        assertTrue(reports.torn.isEmpty());
    }

    @Test
    void mappedLogRecordsAreInTheFileBeforeCloseOrSync(@TempDir Path dir) throws IOException {
        Random random = new Random(19);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(record(random, 1 + random.nextInt(2000)));
        }
        Path path = dir.resolve("000003.log");
        try (LogWriter writer = new LogWriter(RealFileSystem.INSTANCE.createMapped(path, 1 << 16))) {
            for (byte[] r : records) {
                writer.addRecord(r);
            }
            writer.flush();
            // What a process crash leaves: the records, then zeros to the end of the mapped region.
            assertTrue(java.nio.file.Files.size(path) > writer.size());
            Reports reports = new Reports();
            assertRecords(records, readLog(path, reports));
            writer.sync();
            writer.addRecord(records.get(0));
            List<byte[]> more = new ArrayList<>(records);
            more.add(records.get(0));
            assertRecords(more, readLog(path, new Reports()));
        }
    }

    private void checkTruncation(Built built, int cut) throws IOException {
        overwrite(Arrays.copyOf(built.bytes, cut));
        Reports reports = new Reports();
        List<byte[]> read = readAll(reports);
        int complete = 0;
        while (complete < built.ends.size() && built.ends.get(complete) <= cut) {
            complete++;
        }
        assertRecords(built.records.subList(0, complete), read);
        Set<Long> cleanCuts = new HashSet<>(built.ends);
        cleanCuts.addAll(built.starts);
        cleanCuts.add(0L);
        long lastComplete = complete == 0 ? 0 : built.ends.get(complete - 1);
        boolean onlyPaddingAfter = true; // zeros after the last record read as the end of a preallocated log
        for (long i = lastComplete; i < cut; i++) {
            onlyPaddingAfter &= built.bytes[(int) i] == 0;
        }
        if (cleanCuts.contains((long) cut) || onlyPaddingAfter) {
            assertEquals(0, reports.torn.size(), "cut at record boundary " + cut);
        } else {
            assertEquals(1, reports.torn.size(), "cut at " + cut);
            long offset = reports.torn.get(0)[0];
            long dropped = reports.torn.get(0)[1];
            assertEquals(cut, offset + dropped, "dropped bytes reach the end of the file");
            long lastEnd = complete == 0 ? 0 : built.ends.get(complete - 1);
            assertTrue(offset >= lastEnd && offset < cut, "torn tail offset " + offset + " for cut " + cut);
        }
    }

    @Test
    void tornTailAtEveryTruncationPointOfASmallLog() throws IOException {
        Random random = new Random(14);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(record(random, random.nextInt(60)));
        }
        Built built = write(records);
        for (int cut = 0; cut <= built.bytes.length; cut++) {
            checkTruncation(built, cut);
        }
    }

    @Test
    void tornTailAcrossBlocks() throws IOException {
        Built built = write(boundaryRecords(new Random(15)));
        Set<Integer> cuts = new HashSet<>();
        for (int cut = 0; cut <= built.bytes.length; cut += 997) {
            cuts.add(cut);
        }
        for (long boundary : built.ends) {
            for (int d = -8; d <= 8; d++) {
                cuts.add((int) boundary + d);
            }
        }
        for (int b = 0; b <= built.bytes.length; b += BLOCK_SIZE) {
            for (int d = -8; d <= 8; d++) {
                cuts.add(b + d);
            }
        }
        for (int cut : cuts) {
            if (cut >= 0 && cut <= built.bytes.length) {
                checkTruncation(built, cut);
            }
        }
    }

    @Test
    void flippedByteInAMiddleRecordIsCorruptionNamingFileAndOffset() throws IOException {
        Random random = new Random(16);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record(random, 50));
        }
        Built built = write(records);
        int victim = 4;
        long start = built.starts.get(victim);
        for (long pos = start; pos < built.ends.get(victim); pos++) {
            byte[] damaged = built.bytes.clone();
            damaged[(int) pos] ^= (byte) (1 << random.nextInt(8));
            overwrite(damaged);
            CorruptionException e = assertThrows(CorruptionException.class, () -> readAll(new Reports()),
                    "flip at " + pos);
            assertTrue(e.getMessage().contains("000007.log"), e.getMessage());
            assertTrue(e.getMessage().contains("offset " + start), e.getMessage());
        }
    }

    @Test
    void damageInsideAMultiBlockRecordFollowedByRecordsIsCorruption() throws IOException {
        Built built = write(boundaryRecords(new Random(17)));
        int victim = 5; // 2 * BLOCK_SIZE bytes: FIRST, MIDDLE, LAST
        for (long pos : new long[] {built.starts.get(victim) + 20, built.starts.get(victim) + BLOCK_SIZE + 100,
            built.ends.get(victim) - 1}) {
            byte[] damaged = built.bytes.clone();
            damaged[(int) pos] ^= 0x40;
            overwrite(damaged);
            CorruptionException e = assertThrows(CorruptionException.class, () -> readAll(new Reports()));
            assertTrue(e.getMessage().contains("000007.log"), e.getMessage());
        }
    }

    @Test
    void garbageInTheMiddleIsCorruption() throws IOException {
        Random random = new Random(18);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            records.add(record(random, random.nextInt(200)));
        }
        Built built = write(records);
        for (int trial = 0; trial < 20; trial++) {
            byte[] damaged = built.bytes.clone();
            int at = random.nextInt(damaged.length / 2);
            byte[] garbage = record(random, 1 + random.nextInt(300));
            if (trial % 2 == 0) {
                Arrays.fill(garbage, (byte) 0);
            }
            System.arraycopy(garbage, 0, damaged, at, garbage.length);
            overwrite(damaged);
            assertThrows(CorruptionException.class, () -> readAll(new Reports()), "damage at " + at);
        }
    }

    @Test
    void flippedByteInTheLastRecordIsATornTail() throws IOException {
        Random random = new Random(19);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record(random, 50));
        }
        records.add(record(random, 3 * BLOCK_SIZE)); // last record spans blocks
        Built built = write(records);
        int last = records.size() - 1;
        for (long pos : new long[] {built.starts.get(last), built.starts.get(last) + 9,
            built.starts.get(last) + BLOCK_SIZE, built.ends.get(last) - 1}) {
            byte[] damaged = built.bytes.clone();
            damaged[(int) pos] ^= 0x01;
            overwrite(damaged);
            Reports reports = new Reports();
            assertRecords(records.subList(0, last), readAll(reports));
            assertEquals(1, reports.torn.size());
            assertEquals(built.starts.get(last), reports.torn.get(0)[0]);
            assertEquals(built.bytes.length - built.starts.get(last), reports.torn.get(0)[1]);
        }
    }

    /**
     * Zeros after the last record are the unwritten rest of a preallocated log: the end, nothing to report. Garbage
     * (or a record cut short, whatever follows it) is a torn tail.
     */
    @Test
    void zeroTailsEndTheLogAndGarbageTailsAreTornTails() throws IOException {
        Random random = new Random(20);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(record(random, random.nextInt(3000)));
        }
        Built built = write(records);
        for (int tailLength : new int[] {1, 6, 7, 100, BLOCK_SIZE, 100_000}) {
            for (boolean zeros : new boolean[] {true, false}) {
                byte[] tail = record(random, tailLength);
                if (zeros) {
                    Arrays.fill(tail, (byte) 0);
                }
                byte[] content = Arrays.copyOf(built.bytes, built.bytes.length + tailLength);
                System.arraycopy(tail, 0, content, built.bytes.length, tailLength);
                overwrite(content);
                Reports reports = new Reports();
                assertRecords(records, readAll(reports));
                if (zeros) {
                    assertEquals(0, reports.torn.size(), "tail of " + tailLength + " zeros");
                    continue;
                }
                assertEquals(1, reports.torn.size(), "tail of " + tailLength + " random bytes");
                assertEquals(built.bytes.length, reports.torn.get(0)[0]);
                assertEquals(tailLength, reports.torn.get(0)[1]);
            }
        }
    }

    @Test
    void emptyLogHasNoRecords() throws IOException {
        write(List.of());
        Reports reports = new Reports();
        assertEquals(0, readAll(reports).size());
        assertEquals(0, reports.torn.size());
    }

    /**
     * A log preallocated on sync stays its data's length until a sync, then runs a step ahead of its data, and
     * reads back to its last record either way.
     */
    @Test
    void aLogPreallocatedOnSyncGrowsOnlyAtSyncsAndReadsToItsLastRecord(@TempDir Path dir) throws IOException {
        FileSystem real = lsmdb.core.io.RealFileSystem.INSTANCE;
        Path path = dir.resolve("000011.log");
        Random random = new Random(33);
        List<byte[]> records = new ArrayList<>();
        int step = 64 << 10;
        long written;
        try (LogWriter writer = new LogWriter(real.createPreallocatedOnSync(path, step))) {
            for (int i = 0; i < 5; i++) {
                byte[] r = record(random, random.nextInt(2000));
                writer.addRecord(r);
                records.add(r);
            }
            writer.flush();
            assertEquals(writer.size(), java.nio.file.Files.size(path), "no zeros before the first sync");
            writer.sync();
            long synced = writer.size();
            assertEquals(synced + step, java.nio.file.Files.size(path), "the first sync lays a step of zeros ahead");
            for (int i = 0; i < 40; i++) {
                byte[] r = record(random, random.nextInt(9000));
                writer.addRecord(r);
                records.add(r);
                if (i % 4 == 3) {
                    writer.sync();
                }
            }
            writer.sync();
            written = writer.size();
        }
        long size = java.nio.file.Files.size(path);
        assertTrue(written > 2 * step && size > written && size <= written + 2 * step,
                "the log grows in steps ahead of its " + written + " bytes of data: " + size);
        Reports reports = new Reports();
        List<byte[]> read = new ArrayList<>();
        try (LogReader reader = new LogReader(real.openForRead(path), "000011.log", reports)) {
            for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
                read.add(r);
            }
        }
        assertRecords(records, read);
        assertEquals(0, reports.torn.size());
    }

    @Test
    void aPreallocatedLogReadsToItsLastRecord(@TempDir Path dir) throws IOException {
        FileSystem real = lsmdb.core.io.RealFileSystem.INSTANCE;
        Path path = dir.resolve("000009.log");
        Random random = new Random(21);
        List<byte[]> records = new ArrayList<>();
        int step = 64 << 10;
        long written;
        try (LogWriter writer = new LogWriter(real.createPreallocated(path, step))) {
            for (int i = 0; i < 40; i++) {
                byte[] r = record(random, random.nextInt(9000));
                writer.addRecord(r);
                records.add(r);
                if (i % 4 == 3) {
                    writer.sync(); // grows the file a step ahead when the data nears its end
                }
            }
            writer.sync();
            written = writer.size();
        }
        long size = java.nio.file.Files.size(path);
        assertTrue(written > 2 * step && size > written && size <= written + 2 * step,
                "the log grows in steps ahead of its " + written + " bytes of data: " + size);
        Reports reports = new Reports();
        List<byte[]> read = new ArrayList<>();
        try (LogReader reader = new LogReader(real.openForRead(path), "000009.log", reports)) {
            for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
                read.add(r);
            }
        }
        assertRecords(records, read);
        assertEquals(0, reports.torn.size());

        // A record whose write was cut short, followed by the zeros: a torn tail, reported.
        byte[] bytes = java.nio.file.Files.readAllBytes(path);
        long end = 0;
        try (LogWriter writer = new LogWriter(fs.create(logPath))) {
            for (byte[] r : records) {
                writer.addRecord(r);
            }
            end = writer.size();
        }
        bytes[(int) end + 3] = 1; // a header begun after the last record
        overwrite(bytes);
        reports = new Reports();
        assertRecords(records, readAll(reports));
        assertEquals(1, reports.torn.size());
        assertEquals(end, reports.torn.get(0)[0]);
    }

    /**
     * A read-only open reads a live writer's mapped log: the reader can find a record half copied (here: not yet
     * there, zeros) and, when it looks for valid records after it, find the ones appended meanwhile. That is the
     * end of the log as read, not damage in its middle; damage that reads the same twice still is.
     */
    @Test
    void anAppendCaughtHalfCopiedEndsTheLogInsteadOfReadingAsCorruption() throws Exception {
        Random random = new Random(11);
        List<byte[]> records = List.of(record(random, 300), record(random, 500), record(random, 200));
        Built built = write(records);
        byte[] whole = Arrays.copyOf(built.bytes, BLOCK_SIZE); // a mapped region: zeros past the data
        byte[] firstRead = whole.clone();
        Arrays.fill(firstRead, (int) (long) built.starts.get(1), BLOCK_SIZE, (byte) 0);
        int[] reads = {0};
        ReadableFile growing = new ReadableFile() {
            @Override
            public int read(long position, byte[] dst, int offset, int length) {
                byte[] now = reads[0]++ == 0 ? firstRead : whole; // the writer's appends land after the first read
                if (position >= now.length) {
                    return -1;
                }
                int n = (int) Math.min(length, now.length - position);
                System.arraycopy(now, (int) position, dst, offset, n);
                return n;
            }

            @Override
            public long size() {
                return BLOCK_SIZE;
            }

            @Override
            public void close() {
            }
        };
        Reports reports = new Reports();
        List<byte[]> got = new ArrayList<>();
        try (LogReader reader = new LogReader(growing, "000007.log", reports)) {
            for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
                got.add(r);
            }
            assertEquals((long) built.ends.get(0), reader.endOfRecords(), "the log as read ends after record 0");
        }
        assertRecords(records.subList(0, 1), got);
        assertTrue(reports.torn.isEmpty(), "nothing dropped: nothing was damaged");

        // The same picture on a file nobody writes is damage in the middle of the log.
        byte[] middleGone = whole.clone();
        Arrays.fill(middleGone, (int) (long) built.starts.get(1), (int) (long) built.ends.get(1), (byte) 0);
        overwrite(middleGone);
        assertThrows(CorruptionException.class, () -> readAll(new Reports()));
    }
}
