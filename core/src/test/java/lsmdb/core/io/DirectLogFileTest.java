package lsmdb.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lsmdb.core.wal.LogReader;
import lsmdb.core.wal.LogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct-I/O log rewrites the page holding the last record at every sync. A power loss during such a rewrite
 * may leave any mix of old and new sectors (a disk with a volatile cache persists any subset of what it was not
 * yet told to flush): every record whose sync returned must still read back, and the record being synced must read
 * whole or as a torn tail, never as corruption.
 */
class DirectLogFileTest {

    private static final int PAGE = 4096;
    private static final int SECTOR = 512;

    /** A disk whose writes sit in a volatile cache, sector by sector, until a force makes them durable. */
    private static class SectorDisk implements DirectLogFile.Pages {
        final byte[] durable;
        final Map<Integer, byte[]> cached = new HashMap<>();
        int forcesLeft;

        SectorDisk(int capacity, int forcesAllowed) {
            durable = new byte[capacity];
            forcesLeft = forcesAllowed;
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            assertEquals(0, position % PAGE, "page-aligned position");
            assertEquals(0, src.remaining() % PAGE, "whole pages");
            while (src.hasRemaining()) {
                byte[] sector = new byte[SECTOR];
                src.get(sector);
                cached.put((int) (position / SECTOR), sector);
                position += SECTOR;
            }
        }

        @Override
        public void force() throws IOException {
            if (forcesLeft-- == 0) {
                throw new IOException("power lost before the flush"); // the sync is not acknowledged
            }
            cached.forEach((s, bytes) -> System.arraycopy(bytes, 0, durable, s * SECTOR, SECTOR));
            cached.clear();
        }

        /**
         * As {@code O_DSYNC} does: this write's sectors become durable, and nothing else (earlier writes stay in the
         * volatile cache). A power loss during it (it counts as a flush) leaves any subset of its sectors.
         */
        @Override
        public void writeDurably(ByteBuffer src, long position) throws IOException {
            assertEquals(0, position % PAGE, "page-aligned position");
            assertEquals(0, src.remaining() % PAGE, "whole pages");
            if (forcesLeft-- == 0) {
                write(src, position);
                throw new IOException("power lost during the durable write");
            }
            while (src.hasRemaining()) {
                int s = (int) (position / SECTOR);
                src.get(durable, s * SECTOR, SECTOR);
                cached.remove(s); // the device's copy of the sector is now this write's
                position += SECTOR;
            }
        }

        /** What survives a power loss now: the durable image plus any subset of the cached sectors. */
        byte[] afterPowerLoss(Random random) {
            byte[] image = durable.clone();
            cached.forEach((s, bytes) -> {
                if (random.nextBoolean()) {
                    System.arraycopy(bytes, 0, image, s * SECTOR, SECTOR);
                }
            });
            return image;
        }

        @Override
        public void close() {
        }
    }

    private static final class ImageFile implements ReadableFile {
        private final byte[] image;

        ImageFile(byte[] image) {
            this.image = image;
        }

        @Override
        public int read(long position, byte[] dst, int offset, int length) {
            if (position >= image.length) {
                return length == 0 ? 0 : -1;
            }
            int n = (int) Math.min(length, image.length - position);
            System.arraycopy(image, (int) position, dst, offset, n);
            return n;
        }

        @Override
        public long size() {
            return image.length;
        }

        @Override
        public void close() {
        }
    }

    private static List<byte[]> readAll(byte[] image) throws IOException {
        List<byte[]> read = new ArrayList<>();
        try (LogReader reader = new LogReader(new ImageFile(image), "000007.log", (offset, dropped, reason) -> { })) {
            for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
                read.add(r);
            }
        }
        return read;
    }

    private static byte[] record(Random random, int i) {
        // Mostly commit-sized records, some spanning pages, the 64 KiB buffer or a 32 KiB log block.
        int size = i % 17 == 16 ? 40_000 + random.nextInt(50_000) : i % 5 == 4 ? 3000 + random.nextInt(6000)
                : 1 + random.nextInt(300);
        byte[] r = new byte[size];
        random.nextBytes(r);
        return r;
    }

    @Test
    void aPowerLossDuringAnySyncKeepsEverySyncedRecord() throws IOException {
        int records = 120;
        for (int crashAt = 0; crashAt < records; crashAt++) {
            for (int trial = 0; trial < 4; trial++) {
                Random random = new Random(crashAt * 31L + trial);
                SectorDisk disk = new SectorDisk(4 << 20, crashAt);
                List<byte[]> acknowledged = new ArrayList<>();
                byte[] inFlight = null;
                LogWriter log = new LogWriter(new DirectLogFile(disk, PAGE, 64 << 10, 64 << 10));
                for (int i = 0; i < records; i++) {
                    byte[] r = record(random, i);
                    log.addRecord(r);
                    if (i % 7 == 3) {
                        log.flush(); // handed to the device unsynced: the next sync rewrites its page
                    }
                    try {
                        log.sync();
                    } catch (IOException powerLoss) {
                        inFlight = r;
                        break;
                    }
                    acknowledged.add(r);
                }
                List<byte[]> read = readAll(disk.afterPowerLoss(random));
                String where = "crash at sync " + crashAt + ", trial " + trial;
                assertTrue(read.size() == acknowledged.size() || read.size() == acknowledged.size() + 1, where
                        + ": read " + read.size() + " records, " + acknowledged.size() + " acknowledged");
                for (int i = 0; i < acknowledged.size(); i++) {
                    assertArrayEquals(acknowledged.get(i), read.get(i), where + ", record " + i);
                }
                if (read.size() > acknowledged.size()) {
                    assertArrayEquals(inFlight, read.get(acknowledged.size()), where + ": the in-flight record");
                }
            }
        }
    }

    @Test
    void writesTheBytesABufferedLogWrites() throws IOException {
        Random random = new Random(5);
        SectorDisk disk = new SectorDisk(8 << 20, Integer.MAX_VALUE);
        MemFileSystem mem = new MemFileSystem();
        Path path = Path.of("/db/000001.log");
        mem.createDirectories(path.getParent());
        long size;
        try (LogWriter direct = new LogWriter(new DirectLogFile(disk, PAGE, 64 << 10, 64 << 10));
             LogWriter buffered = new LogWriter(mem.create(path))) {
            for (int i = 0; i < 300; i++) {
                byte[] r = record(random, i);
                direct.addRecord(r);
                buffered.addRecord(r);
                if (random.nextInt(3) == 0) {
                    direct.sync();
                } else if (random.nextInt(3) == 0) {
                    direct.flush();
                }
            }
            direct.sync();
            size = direct.size();
            assertEquals(buffered.size(), size);
        }
        byte[] expected = new byte[(int) mem.size(path)];
        try (ReadableFile f = mem.openForRead(path)) {
            f.readFully(0, expected, 0, expected.length);
        }
        assertArrayEquals(expected, Arrays.copyOf(disk.durable, expected.length));
        for (int i = expected.length; i < disk.durable.length; i++) {
            assertEquals(0, disk.durable[i], "zeros past the data, at " + i);
        }
    }

    @Test
    void syncLaysTheNextStepOfZerosAheadOfTheData() throws IOException {
        SectorDisk disk = new SectorDisk(1 << 20, Integer.MAX_VALUE);
        int step = 16 << 10;
        try (DirectLogFile file = new DirectLogFile(disk, PAGE, step, step)) {
            byte[] chunk = new byte[3000];
            Arrays.fill(chunk, (byte) 7);
            for (int i = 0; i < 3; i++) {
                file.append(chunk);
            }
            disk.cached.clear();
            file.sync(); // 9000 bytes: within half a step of the 16 KiB laid, so the next 16 KiB follow the data
            assertTrue(disk.cached.isEmpty(), "forced");
            assertEquals(9000, file.size());
        }
        SectorDisk counting = new SectorDisk(1 << 20, Integer.MAX_VALUE) {
            long highest;

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                highest = Math.max(highest, position + src.remaining());
                super.write(src, position);
            }

            @Override
            public void close() {
                assertEquals(2L * step, highest, "a step of zeros laid after the first one");
            }
        };
        try (DirectLogFile file = new DirectLogFile(counting, PAGE, step, step)) {
            file.append(new byte[9000]);
            file.sync();
        }
    }

    /** Counts the two ways a sync reaches the device. */
    private static final class CountingDisk extends SectorDisk {
        int durableWrites;
        int forces;

        CountingDisk() {
            super(4 << 20, Integer.MAX_VALUE);
        }

        @Override
        public void writeDurably(ByteBuffer src, long position) throws IOException {
            durableWrites++;
            super.writeDurably(src, position);
        }

        @Override
        public void force() throws IOException {
            forces++;
            super.force();
        }
    }

    @Test
    void aSyncOfBufferedRecordsIsOneDurableWriteAndOtherwiseAForce() throws IOException {
        int step = 1 << 20;
        CountingDisk disk = new CountingDisk();
        try (DirectLogFile file = new DirectLogFile(disk, PAGE, step, step)) {
            byte[] record = new byte[100];
            for (int i = 0; i < 50; i++) {
                record[0] = (byte) i;
                file.append(record);
                file.sync();
            }
            assertEquals(50, disk.durableWrites, "one durable write per sync");
            assertEquals(0, disk.forces, "no fdatasync while the zeros laid ahead last");
            assertTrue(disk.cached.isEmpty(), "durable");

            file.append(record);
            file.flush(); // written, not durable: the sync must make that write durable too
            file.append(record);
            file.sync();
            assertEquals(1, disk.forces, "a sync after an unsynced write forces the file");
            assertTrue(disk.cached.isEmpty(), "durable");

            file.append(new byte[step / 2]); // within half a step of the zeros' end: the next step is laid
            file.sync();
            assertEquals(2, disk.forces, "zeros laid ahead are made durable by a force");
            assertEquals(50, disk.durableWrites);
            file.append(record);
            file.sync();
            assertEquals(51, disk.durableWrites, "durable writes again once the step is laid");
            assertEquals(2, disk.forces);
        }
    }

    /** A disk of {@code room} bytes: a write past them stores the sectors that fit, then fails as a full disk does. */
    private static final class SmallDisk extends SectorDisk {
        private final int room;
        int refusedWrites;

        SmallDisk(int capacity, int room) {
            super(capacity, Integer.MAX_VALUE);
            this.room = room;
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            if (position + src.remaining() > room) {
                refusedWrites++;
                ByteBuffer fits = src.duplicate();
                fits.limit(fits.position() + (int) Math.max(0, room - position));
                super.write(fits, position);
                throw new IOException("No space left on device");
            }
            super.write(src, position);
        }
    }

    @Test
    void aStepOfZerosFindingNoRoomStopsTheGrowingNotTheSync() throws IOException {
        int step = 16 << 10;
        // Room for the first step and a half: the second step (laid when the data nears 8 KiB) does not fit.
        SmallDisk disk = new SmallDisk(64 << 10, step + step / 2);
        Random random = new Random(5);
        List<byte[]> records = new ArrayList<>();
        try (LogWriter log = new LogWriter(new DirectLogFile(disk, PAGE, step, step))) {
            while (log.size() < step + step / 4) {
                byte[] r = new byte[200 + random.nextInt(800)];
                random.nextBytes(r);
                log.addRecord(r);
                records.add(r);
                log.sync(); // must not fail: every record fits in the room the disk has
                assertTrue(disk.cached.isEmpty(), "forced");
            }
        }
        assertEquals(1, disk.refusedWrites, "one step of zeros tried, then the log grows by its appends alone");
        List<byte[]> read = readAll(disk.durable);
        assertEquals(records.size(), read.size());
        for (int i = 0; i < records.size(); i++) {
            assertArrayEquals(records.get(i), read.get(i), "record " + i);
        }
    }

    @Test
    void theRealFileSystemWritesPreallocatedLogsDirectlyAndTheyReadBack(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("000005.log");
        Random random = new Random(9);
        List<byte[]> records = new ArrayList<>();
        WritableFile file = realDirectLog(path, 64 << 10);
        try (LogWriter log = new LogWriter(file)) {
            for (int i = 0; i < 200; i++) {
                byte[] r = record(random, i);
                log.addRecord(r);
                records.add(r);
                if (i % 3 == 0) {
                    log.sync();
                } else if (i % 3 == 1) {
                    log.flush();
                    assertEquals(records.size(), readAll(Files.readAllBytes(path)).size(), "flushed records read");
                }
            }
            log.sync();
            List<byte[]> read = readAll(Files.readAllBytes(path));
            assertEquals(records.size(), read.size());
            for (int i = 0; i < records.size(); i++) {
                assertArrayEquals(records.get(i), read.get(i), "record " + i);
            }
            assertTrue(Files.size(path) > log.size(), "zeros laid ahead of the data");
        }
    }

    /** A preallocated log of the real file system, the test skipped where it cannot write directly. */
    private static WritableFile realDirectLog(Path path, long step) throws IOException {
        WritableFile file = RealFileSystem.INSTANCE.createPreallocated(path, step);
        org.junit.jupiter.api.Assumptions.assumeTrue(file instanceof DirectLogFile,
                "this file system takes no direct I/O; logs are written through the page cache there");
        return file;
    }

    /** Syncs with nothing flushed between them take the file's {@code DSYNC} descriptor; closing closes both. */
    @Test
    void theRealFileSystemsDurableWritesReadBackAndCloseTheirDescriptors(@TempDir Path dir) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "no /proc to count descriptors in");
        Path path = dir.resolve("000006.log");
        Random random = new Random(11);
        List<byte[]> records = new ArrayList<>();
        WritableFile file = realDirectLog(path, 1 << 20);
        assertEquals(2, descriptorsOf(fds, path), "the direct descriptor and the DSYNC one");
        try (LogWriter log = new LogWriter(file)) {
            for (int i = 0; i < 100; i++) {
                byte[] r = new byte[1 + random.nextInt(600)];
                random.nextBytes(r);
                log.addRecord(r);
                records.add(r);
                log.sync();
                if (i % 10 == 9) {
                    List<byte[]> read = readAll(Files.readAllBytes(path));
                    assertEquals(records.size(), read.size(), "synced records read");
                    assertArrayEquals(r, read.get(i), "the last synced record");
                }
            }
        }
        assertEquals(0, descriptorsOf(fds, path), "both descriptors closed");
        List<byte[]> read = readAll(Files.readAllBytes(path));
        assertEquals(records.size(), read.size());
        for (int i = 0; i < records.size(); i++) {
            assertArrayEquals(records.get(i), read.get(i), "record " + i);
        }
    }

    /** The process's open descriptors of {@code file}. */
    private static long descriptorsOf(Path fds, Path file) throws IOException {
        Path target = file.toRealPath();
        try (java.util.stream.Stream<Path> list = Files.list(fds)) {
            return list.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException | UnsupportedOperationException gone) {
                    return false; // closed since listed (the listing's own descriptor, say)
                }
            }).count();
        }
    }
}
