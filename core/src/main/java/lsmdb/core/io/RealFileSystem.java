package lsmdb.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The operating system's files, through {@link FileChannel}. */
public final class RealFileSystem implements FileSystem {

    public static final FileSystem INSTANCE = new RealFileSystem();

    /** Lock files held by this JVM: the OS lock alone throws OverlappingFileLockException, not a clear message. */
    private static final Set<Path> HELD_LOCKS = ConcurrentHashMap.newKeySet();

    /** A user-space buffer so that small appends (log records) do not each cost a system call. */
    private static final int WRITE_BUFFER = 64 << 10;

    private RealFileSystem() {
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new ChannelWritableFile(ch);
    }

    @Override
    public ReadableFile openForRead(Path path) throws IOException {
        return new ChannelReadableFile(FileChannel.open(path, StandardOpenOption.READ));
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
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                names.add(p.getFileName().toString());
            }
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
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open or force a directory; there the rename itself is the best we have.
            if (e instanceof NoSuchFileException) {
                throw e;
            }
        }
    }

    @Override
    public FileLock lock(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        String inUse = "database directory " + key.getParent()
                + " is in use by another process or already open in this JVM (" + key.getFileName() + " is locked)";
        if (!HELD_LOCKS.add(key)) {
            throw new IOException(inUse);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            java.nio.channels.FileLock osLock = ch.tryLock();
            if (osLock == null) {
                throw new IOException(inUse);
            }
            FileChannel channel = ch;
            return () -> {
                try {
                    osLock.release();
                    channel.close();
                } finally {
                    HELD_LOCKS.remove(key);
                }
            };
        } catch (IOException | OverlappingFileLockException e) {
            HELD_LOCKS.remove(key);
            if (ch != null) {
                ch.close();
            }
            throw e instanceof IOException io && io.getMessage() == inUse ? io : new IOException(inUse, e);
        }
    }

    private static final class ChannelWritableFile implements WritableFile {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(WRITE_BUFFER);
        private long size;

        ChannelWritableFile(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            size += length;
            if (length > buf.remaining()) {
                drain();
                if (length > buf.capacity() / 2) {
                    writeFully(ByteBuffer.wrap(data, offset, length));
                    return;
                }
            }
            buf.put(data, offset, length);
        }

        private void drain() throws IOException {
            buf.flip();
            writeFully(buf);
            buf.clear();
        }

        private void writeFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        @Override
        public void flush() throws IOException {
            if (buf.position() > 0) {
                drain();
            }
        }

        @Override
        public void sync() throws IOException {
            flush();
            ch.force(false);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                ch.close();
            }
        }
    }

    private static final class ChannelReadableFile implements ReadableFile {
        private final FileChannel ch;

        ChannelReadableFile(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read(long position, byte[] dst, int offset, int length) throws IOException {
            return ch.read(ByteBuffer.wrap(dst, offset, length), position);
        }

        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
