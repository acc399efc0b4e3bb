package lsmdb.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lsmdb.core.wal.LogReader;
import lsmdb.core.wal.LogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page-cache log (where direct I/O is not available): its zeros laid ahead are an optimisation only. */
class BufferedChannelFileTest {

    /** A real file on a disk with {@code room} bytes: positional writes past them fail as on a full disk. */
    private static final class SmallDiskChannel extends FileChannel {
        private final FileChannel file;
        private final long room;
        int refusedWrites;
        /** Writes, and the largest of them in bytes. */
        int writes;
        int largestWrite;

        SmallDiskChannel(FileChannel file, long room) {
            this.file = file;
            this.room = room;
        }

        private void checkRoom(long end) throws IOException {
            if (end > room) {
                refusedWrites++;
                throw new IOException("No space left on device");
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            checkRoom(position + src.remaining());
            writes++;
            largestWrite = Math.max(largestWrite, src.remaining());
            return file.write(src, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            checkRoom(file.position() + src.remaining());
            writes++;
            largestWrite = Math.max(largestWrite, src.remaining());
            return file.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }

    @Test
    void aStepOfZerosFindingNoRoomStopsTheGrowingNotTheSync(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("000004.log");
        int step = 16 << 10;
        SmallDiskChannel channel = new SmallDiskChannel(FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ), step + step / 2);
        ReopeningChannel file = ReopeningChannel.over(path, channel, StandardOpenOption.WRITE, StandardOpenOption.READ);
        RealFileSystem.writeZeros(file, 0, step);
        Random random = new Random(3);
        List<byte[]> records = new ArrayList<>();
        // Preallocated one step: the second step (laid when the data nears 8 KiB) does not fit on this disk.
        try (LogWriter log = new LogWriter(new BufferedChannelFile(file, step))) {
            while (log.size() < step + step / 4) {
                byte[] r = new byte[200 + random.nextInt(800)];
                random.nextBytes(r);
                log.addRecord(r);
                records.add(r);
                log.sync(); // must not fail: every record fits in the room the disk has
            }
        }
        assertEquals(1, channel.refusedWrites, "one step of zeros tried, then the log grows by its appends alone");
        List<byte[]> read = new ArrayList<>();
        try (LogReader reader = new LogReader(RealFileSystem.INSTANCE.openForRead(path), "000004.log",
                (offset, dropped, reason) -> { throw new AssertionError("torn tail at " + offset + ": " + reason); })) {
            for (byte[] r = reader.readRecord(); r != null; r = reader.readRecord()) {
                read.add(r);
            }
        }
        assertEquals(records.size(), read.size());
        for (int i = 0; i < records.size(); i++) {
            assertArrayEquals(records.get(i), read.get(i), "record " + i);
        }
    }

    @Test
    void aTableFileGathersItsBlocksIntoWritesOfTheSequentialBufferSize(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("000007.sst");
        SmallDiskChannel channel = new SmallDiskChannel(FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ), Long.MAX_VALUE);
        Random random = new Random(11);
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        ReopeningChannel file = ReopeningChannel.over(path, channel, StandardOpenOption.WRITE, StandardOpenOption.READ);
        try (WritableFile f = new BufferedChannelFile(file, 0, 0, BufferedChannelFile.SEQUENTIAL_BUFFER_SIZE)) {
            while (expected.size() < 2 << 20) { // blocks of about 4 KiB and their trailers, as a table builder appends
                byte[] block = new byte[4096 + random.nextInt(64)];
                random.nextBytes(block);
                int from = random.nextInt(3);
                f.append(block, from, block.length - from);
                expected.write(block, from, block.length - from);
            }
            // a buffer goes out when the next block does not fit: each write is within a block of the buffer's size
            int leastWrite = BufferedChannelFile.SEQUENTIAL_BUFFER_SIZE - 4160;
            assertTrue(channel.writes <= expected.size() / leastWrite, channel.writes + " writes");
            assertTrue(channel.largestWrite > leastWrite
                    && channel.largestWrite <= BufferedChannelFile.SEQUENTIAL_BUFFER_SIZE, "largest write " + channel.largestWrite);
            for (int i = 0; i < 6; i++) { // appends larger than the buffer, and some that straddle its end
                byte[] big = new byte[i % 2 == 0 ? 300_000 + random.nextInt(100_000) : 200_000 + random.nextInt(50_000)];
                random.nextBytes(big);
                f.append(big, 0, big.length);
                expected.write(big, 0, big.length);
            }
            f.sync();
            assertEquals(expected.size(), f.size());
        }
        assertArrayEquals(expected.toByteArray(), java.nio.file.Files.readAllBytes(path));
    }
}
