package lsmdb.core.io;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The operating system's file system, through {@link FileChannel}. */
public final class RealFileSystem implements FileSystem {

    public static final FileSystem INSTANCE = new RealFileSystem();

    /** OS file locks are per process, so opens within this JVM are excluded here. */
    private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private RealFileSystem() {
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new BufferedChannelFile(channel);
    }

    @Override
    public ReadableFile openForRead(Path path) throws IOException {
        return new PositionalChannelFile(FileChannel.open(path, StandardOpenOption.READ));
    }

    @Override
    public WritableFile createPreallocated(Path path, long step) throws IOException {
        WritableFile direct = createDirect(path, step);
        if (direct != null) {
            syncDirectory(path.toAbsolutePath().getParent());
            return direct;
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeZeros(channel, 0, step);
            channel.force(true);
            channel.position(0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        syncDirectory(path.toAbsolutePath().getParent());
        return new BufferedChannelFile(channel, step);
    }

    /**
     * A preallocated log written with direct I/O ({@link DirectLogFile}), its zeros laid through the same channel (which
     * proves the file system takes direct writes of its block size) and durable; null where direct I/O is not
     * available (tmpfs, other platforms), and the caller writes through the page cache instead.
     */
    private static WritableFile createDirect(Path path, long step) throws IOException {
        int pageSize;
        FileChannel channel;
        try {
            pageSize = Math.toIntExact(Files.getFileStore(path.toAbsolutePath().getParent()).getBlockSize());
            if (Integer.bitCount(pageSize) != 1 || pageSize > DirectLogFile.MAX_PAGE_SIZE) {
                return null;
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
            return null;
        }
        DirectChannelPages pages = new DirectChannelPages(channel);
        long allocated = DirectLogFile.roundUp(step, pageSize);
        try {
            DirectLogFile.writeZeros(pages, 0, allocated);
        } catch (IOException e) {
            channel.close(); // no direct writes here after all (or no room: the caller's attempt says which)
            return null;
        }
        try {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new DirectLogFile(pages, pageSize, allocated, step);
    }

    /** Pages of a file opened with {@link ExtendedOpenOption#DIRECT}: each write goes to the device before returning. */
    private static final class DirectChannelPages implements DirectLogFile.Pages {
        private final FileChannel channel;

        DirectChannelPages(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            channel.write(src, position);
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Override
    public WritableFile createPreallocatedOnSync(Path path, long step) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new BufferedChannelFile(channel, step, 0);
    }

    @Override
    public WritableFile createMapped(Path path, int region) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return new MappedAppendFile(path, channel, region);
    }

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    /** Writes {@code length} zeros at {@code position} without moving the channel's own position. */
    static void writeZeros(FileChannel channel, long position, long length) throws IOException {
        ByteBuffer zeros = ZEROS.duplicate();
        for (long done = 0; done < length; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), length - done));
            done += channel.write(zeros, position + done);
        }
    }

    @Override
    public ReadableFile openImmutable(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0 || size > Integer.MAX_VALUE) {
                return new PositionalChannelFile(FileChannel.open(path, StandardOpenOption.READ));
            }
            // The mapping outlives the channel; it is released by close() (or by the collector).
            return new MappedFile(path, channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public long size(Path path) throws IOException {
        return Files.size(path);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    @Override
    public void delete(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            // Some platforms (Windows) cannot open or force a directory; there is nothing more we can do there.
        }
    }

    @Override
    public FileLock lock(Path lockFile) throws IOException {
        Path dir = lockFile.toAbsolutePath().normalize().getParent();
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        Path key;
        try {
            key = lockFile.toRealPath();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (!LOCKED_IN_THIS_JVM.add(key)) {
            channel.close();
            throw inUse(dir);
        }
        java.nio.channels.FileLock osLock;
        try {
            osLock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            osLock = null;
        } catch (IOException | RuntimeException e) {
            LOCKED_IN_THIS_JVM.remove(key);
            channel.close();
            throw e;
        }
        if (osLock == null) {
            LOCKED_IN_THIS_JVM.remove(key);
            channel.close();
            throw inUse(dir);
        }
        return new HeldLock(channel, osLock, key);
    }

    private static IOException inUse(Path dir) {
        return new IOException("database directory " + dir
                + " is in use by another process or already open in this JVM");
    }

    private static final class HeldLock implements FileLock {
        private final FileChannel channel;
        private final java.nio.channels.FileLock osLock;
        private final Path key;
        private boolean closed;

        HeldLock(FileChannel channel, java.nio.channels.FileLock osLock, Path key) {
            this.channel = channel;
            this.osLock = osLock;
            this.key = key;
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                osLock.release();
            } finally {
                channel.close();
                LOCKED_IN_THIS_JVM.remove(key);
            }
        }
    }

    /** Appends collect in a user-space buffer so that small records do not each cost a system call. */
    private static final class BufferedChannelFile implements WritableFile {
        private static final int BUFFER_SIZE = 64 * 1024;

        private final FileChannel channel;
        /** Direct: a heap buffer would be copied once more, into the JDK's temporary direct buffer, at each write. */
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        private long size;
        /** Preallocation step (0: none) and the end of the zeros laid ahead of the writer. */
        private long step;
        private long allocatedEnd;
        /** Whether the zeros are only an optimisation (preallocated on first sync): failing to lay them is no error. */
        private final boolean optional;

        BufferedChannelFile(FileChannel channel) {
            this(channel, 0, 0);
        }

        /** A file already {@code step} bytes of zeros long, grown by {@code step} whenever a sync nears its end. */
        BufferedChannelFile(FileChannel channel, long step) {
            this(channel, step, step);
        }

        /**
         * A file growing by {@code step} of zeros whenever a sync nears the end of those laid so far: at its first
         * sync when {@code allocatedEnd} is 0, in which case a failure to lay them only stops the growing.
         */
        BufferedChannelFile(FileChannel channel, long step, long allocatedEnd) {
            this.channel = channel;
            this.step = step;
            this.allocatedEnd = allocatedEnd;
            this.optional = allocatedEnd == 0;
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            if (length > buffer.remaining()) {
                flush();
                if (length >= BUFFER_SIZE) {
                    writeFully(ByteBuffer.wrap(data, offset, length));
                    size += length;
                    return;
                }
            }
            buffer.put(data, offset, length);
            size += length;
        }

        @Override
        public void flush() throws IOException {
            if (buffer.position() > 0) {
                buffer.flip();
                writeFully(buffer);
                buffer.clear();
            }
        }

        private void writeFully(ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                channel.write(src);
            }
        }

        @Override
        public void sync() throws IOException {
            flush();
            if (step > 0 && allocatedEnd - size < step / 2) {
                // Lay the next step of zeros down now, made durable by this same fsync: the syncs that follow
                // overwrite allocated space again (no file-size update), while the file stays a step or two
                // ahead of its data instead of being allocated whole up front.
                long from = Math.max(allocatedEnd, size);
                try {
                    writeZeros(channel, from, step);
                    allocatedEnd = from + step;
                } catch (IOException e) {
                    if (!optional) {
                        throw e;
                    }
                    step = 0; // a full disk, say: the records are what counts; partial zeros read as the end
                }
            }
            channel.force(false);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void close() throws IOException {
            if (!channel.isOpen()) {
                return;
            }
            try {
                flush();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * Appends through a shared writable mapping of the file, one region at a time (mapping a region past the end
     * grows the file; the part not written yet reads as zeros). Regions start at 64 KiB and double up to the
     * largest asked for, so a small log is not a large file. A retired region stays mapped until the next sync
     * forces it or close releases it; close trims the file to its data.
     */
    private static final class MappedAppendFile implements WritableFile {
        private final Path path;
        private final FileChannel channel;
        private final int maxRegion;
        private int region;
        /** Regions written full and not yet forced by a sync. */
        private final List<MappedByteBuffer> retired = new ArrayList<>();
        private MappedByteBuffer map;
        /** Bytes of the current region already forced by a sync. */
        private int forced;
        private long size;
        /** Where the current region ends, and how far zeros have been written through the channel (see sync). */
        private long mapEnd;
        private long zeroedEnd;

        MappedAppendFile(Path path, FileChannel channel, int region) {
            this.path = path;
            this.channel = channel;
            this.maxRegion = region;
            this.region = Math.min(region, 64 << 10);
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            try {
                while (length > 0) {
                    if (map == null || !map.hasRemaining()) {
                        nextRegion();
                    }
                    int n = Math.min(length, map.remaining());
                    map.put(data, offset, n);
                    offset += n;
                    length -= n;
                    size += n;
                }
            } catch (InternalError e) {
                // The JVM turns a fault in mapped memory (no space left for the page, an I/O error) into this.
                throw new IOException("cannot write " + path + " at " + size + ": " + e.getMessage(), e);
            }
        }

        private void nextRegion() throws IOException {
            if (map != null) {
                retired.add(map);
                region = Math.min(maxRegion, region * 2);
            }
            map = channel.map(FileChannel.MapMode.READ_WRITE, size, region);
            mapEnd = size + region;
            forced = 0;
        }

        /** Nothing to do: appended bytes are in the page cache already. */
        @Override
        public void flush() {
        }

        @Override
        public void sync() throws IOException {
            // A region mapped past the old end is a hole: each page the syncs write back first has to be allocated,
            // a journal commit each time. The first sync in a region writes its rest as zeros (beyond the data, so
            // nothing written is touched) and forces the whole file once; the syncs after it overwrite allocated
            // blocks, as a preallocated log's do.
            if (map != null && zeroedEnd < mapEnd) {
                boolean zeroed = false;
                try {
                    writeZeros(channel, size, mapEnd - size);
                    zeroedEnd = mapEnd;
                    zeroed = true;
                } catch (IOException e) {
                    zeroedEnd = Long.MAX_VALUE; // a full disk, say: the records count, the zeros were an optimisation
                }
                if (zeroed) {
                    // fdatasync writes back every dirty page, those written through the mappings too: the data of
                    // every region and the zeros, allocated together.
                    channel.force(false);
                    for (MappedByteBuffer m : retired) {
                        Unmapper.unmap(m);
                    }
                    retired.clear();
                    forced = map.position();
                    return;
                }
            }
            boolean forcedData = false;
            try {
                for (MappedByteBuffer m : retired) {
                    m.force();
                    Unmapper.unmap(m);
                    forcedData = true;
                }
                retired.clear();
                if (map != null && map.position() > forced) {
                    map.force(forced, map.position() - forced);
                    forced = map.position();
                    forcedData = true;
                }
            } catch (InternalError | java.io.UncheckedIOException e) {
                throw new IOException("cannot sync " + path + ": " + e.getMessage(), e);
            }
            if (!forcedData) {
                // A forced range is synced as fdatasync syncs it (Linux: msync is vfs_fsync_range with datasync),
                // with the file length the mappings grew; a second fsync would only cost a second device flush.
                channel.force(false);
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void close() throws IOException {
            if (!channel.isOpen()) {
                return;
            }
            try {
                for (MappedByteBuffer m : retired) {
                    Unmapper.unmap(m);
                }
                retired.clear();
                if (map != null) {
                    Unmapper.unmap(map);
                    map = null;
                }
                channel.truncate(size); // the zeros past the data of the last region
            } finally {
                channel.close();
            }
        }
    }

    private static final class PositionalChannelFile implements ReadableFile {
        private final FileChannel channel;

        PositionalChannelFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(long position, byte[] dst, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            return channel.read(ByteBuffer.wrap(dst, offset, length), position);
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * A read-only mapping of a whole file. Reads copy out of it without a system call. Closing unmaps it at once,
     * so callers must not read after close (tables are reference counted and close when the last reader leaves).
     */
    private static final class MappedFile implements ReadableFile {
        private final Path path;
        private final MappedByteBuffer map;
        private final int size;
        private volatile boolean closed;

        MappedFile(Path path, MappedByteBuffer map) {
            this.path = path;
            this.map = map;
            this.size = map.capacity();
        }

        @Override
        public int read(long position, byte[] dst, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException(path + " is closed");
            }
            if (position >= size) {
                return length == 0 ? 0 : -1;
            }
            int n = (int) Math.min(length, size - position);
            try {
                map.get((int) position, dst, offset, n);
            } catch (InternalError e) {
                // The JVM turns a fault in mapped memory (file truncated under us, I/O error) into this.
                throw new IOException("cannot read " + path + " at " + position + ": " + e.getMessage(), e);
            }
            return n;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public ByteBuffer mapping() {
            return map;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                Unmapper.unmap(map);
            }
        }
    }

    /** Releases a mapping now rather than when the collector finds it, so deleted tables free their disk space. */
    private static final class Unmapper {
        private static final java.lang.invoke.MethodHandle INVOKE_CLEANER = find();

        private static java.lang.invoke.MethodHandle find() {
            try {
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                java.lang.reflect.Field f = unsafeClass.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                Object unsafe = f.get(null);
                return java.lang.invoke.MethodHandles.lookup()
                        .findVirtual(unsafeClass, "invokeCleaner",
                                java.lang.invoke.MethodType.methodType(void.class, ByteBuffer.class))
                        .bindTo(unsafe);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // no early unmapping: the collector releases mappings instead
            }
        }

        static void unmap(MappedByteBuffer map) {
            if (INVOKE_CLEANER != null) {
                try {
                    INVOKE_CLEANER.invokeExact((ByteBuffer) map);
                } catch (Throwable e) {
                    // leave it to the collector
                }
            }
        }
    }
}
