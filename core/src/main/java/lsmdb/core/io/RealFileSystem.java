package lsmdb.core.io;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The operating system's file system, through {@link FileChannel}s that outlive interrupts of the threads using them
 * ({@link ReopeningChannel}).
 */
public final class RealFileSystem implements FileSystem {

    public static final FileSystem INSTANCE = new RealFileSystem();

    private RealFileSystem() {
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        ReopeningChannel channel = ReopeningChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new BufferedChannelFile(channel);
    }

    /**
     * Writes of {@link BufferedChannelFile#SEQUENTIAL_BUFFER_SIZE}: the kernel's cost per byte written (page cache
     * insertion, delayed allocation, the fsync's writeback) fell from 0.75 to 0.6 ms per MB here against 64 KB writes.
     */
    @Override
    public WritableFile createSequential(Path path) throws IOException {
        ReopeningChannel channel = ReopeningChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new BufferedChannelFile(channel, 0, 0, BufferedChannelFile.SEQUENTIAL_BUFFER_SIZE);
    }

    @Override
    public ReadableFile openForRead(Path path) throws IOException {
        return new PositionalChannelFile(ReopeningChannel.open(path, StandardOpenOption.READ));
    }

    @Override
    public WritableFile createPreallocated(Path path, long step) throws IOException {
        WritableFile direct = createDirect(path, step);
        if (direct != null) {
            try {
                syncDirectory(path.toAbsolutePath().getParent());
            } catch (IOException | RuntimeException e) {
                closeAfter(direct, e);
                throw e;
            }
            return direct;
        }
        ReopeningChannel channel = ReopeningChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeZeros(channel, 0, step);
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        try {
            syncDirectory(path.toAbsolutePath().getParent());
        } catch (IOException | RuntimeException e) {
            closeAfter(channel, e);
            throw e;
        }
        return new BufferedChannelFile(channel, step);
    }

    /**
     * A preallocated log written with direct I/O ({@link DirectLogFile}), its zeros laid through the same channel (which
     * proves the file system takes direct writes of its block size) and durable; null where direct I/O is not
     * available (tmpfs, other platforms), and the caller writes through the page cache instead.
     */
    private static WritableFile createDirect(Path path, long step) throws IOException {
        int pageSize;
        ReopeningChannel channel;
        try {
            pageSize = Math.toIntExact(Files.getFileStore(path.toAbsolutePath().getParent()).getBlockSize());
            if (Integer.bitCount(pageSize) != 1 || pageSize > DirectLogFile.MAX_PAGE_SIZE) {
                return null;
            }
            channel = ReopeningChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
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
            pages.close();
            throw e;
        }
        try {
            pages.openDurable(ReopeningChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.DSYNC,
                    ExtendedOpenOption.DIRECT));
        } catch (IOException | UnsupportedOperationException e) {
            // no second descriptor: durable writes are a write and an fdatasync, as they were
            warnNoDurableDescriptor(path, e);
        } catch (RuntimeException e) {
            closeAfter(pages, e);
            throw e;
        }
        return new DirectLogFile(pages, pageSize, allocated, step);
    }

    private static final AtomicBoolean WARNED_NO_DURABLE_DESCRIPTOR = new AtomicBoolean();

    /** Said once per process: a log without its DSYNC descriptor is correct, only a call per sync slower. */
    private static void warnNoDurableDescriptor(Path path, Exception e) {
        if (WARNED_NO_DURABLE_DESCRIPTOR.compareAndSet(false, true)) {
            // the engine's logger (InfoLog's)
            System.getLogger("lsmdb.engine").log(System.Logger.Level.WARNING, "logs write durably with a write and"
                    + " an fdatasync: opening " + path + " with DSYNC failed (" + e + ")");
        }
    }

    /** Closes {@code c} after {@code failure}, keeping a close failure as suppressed by it. */
    private static void closeAfter(Closeable c, Exception failure) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public WritableFile createPreallocatedOnSync(Path path, long step) throws IOException {
        ReopeningChannel channel = ReopeningChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new BufferedChannelFile(channel, step, 0);
    }

    @Override
    public WritableFile createMapped(Path path, int region) throws IOException {
        ReopeningChannel channel = ReopeningChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return new MappedAppendFile(path, channel, region);
    }

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    /** Writes {@code length} zeros at {@code position} without moving the channel's own position. */
    static void writeZeros(ReopeningChannel channel, long position, long length) throws IOException {
        ByteBuffer zeros = ZEROS.duplicate();
        for (long done = 0; done < length; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), length - done));
            done += channel.write(zeros, position + done);
        }
    }

    @Override
    public ReadableFile openImmutable(Path path) throws IOException {
        try (ReopeningChannel channel = ReopeningChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0 || size > Integer.MAX_VALUE) {
                return new PositionalChannelFile(ReopeningChannel.open(path, StandardOpenOption.READ));
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
        // an interrupt closes the channel under force: the sync is repeated, not skipped, and the flag kept
        try (ReopeningChannel channel = ReopeningChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            // Windows cannot open (or force) a directory, and there is nothing more to do there. Where directories
            // can be synced (POSIX) a failure is the disk's (EIO) or the caller's, and the names in dir may not
            // survive a power loss: the caller must hear of it.
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    && !cannotSyncDirectories(e)) {
                throw e;
            }
        }
    }

    /**
     * Whether {@code e}, from forcing a directory, is Linux's EINVAL for a file system that has no fsync for
     * directories (CIFS/SMB shares, VirtualBox and WSL1 shared folders, some FUSE mounts): such a file system can do
     * no more, and failing every open there would make the database unusable on it, as it once made LevelDB and
     * RocksDB. The JDK reports the errno only as strerror's text.
     */
    static boolean cannotSyncDirectories(IOException e) {
        return "Invalid argument".equals(e.getMessage());
    }

    @Override
    public FileLock lock(Path lockFile) throws IOException {
        return HeldLock.acquire(lockFile);
    }
}
