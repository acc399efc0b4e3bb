package lsmdb.core.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files held in memory: the storage of {@code jdbc:lsm:mem:} databases and of tests. Thread-safe. Syncs do
 * nothing (there is no power to lose); {@link FaultInjectingFileSystem} on top simulates that.
 */
public final class MemFileSystem implements FileSystem {

    private final Map<Path, MemFile> files = new ConcurrentHashMap<>();
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();
    private final Set<Path> locks = ConcurrentHashMap.newKeySet();

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Total bytes of all files, for tests and stats. */
    public long totalBytes() {
        long n = 0;
        for (MemFile f : files.values()) {
            n += f.length();
        }
        return n;
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        Path k = key(path);
        MemFile f = new MemFile();
        files.put(k, f);
        return new WritableFile() {
            private boolean closed;

            @Override
            public void append(byte[] data, int offset, int length) throws IOException {
                if (closed) {
                    throw new IOException("append to closed file " + k);
                }
                f.append(data, offset, length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void sync() {
            }

            @Override
            public long size() {
                return f.length();
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    @Override
    public ReadableFile openForRead(Path path) throws IOException {
        MemFile f = files.get(key(path));
        if (f == null) {
            throw new NoSuchFileException(path.toString());
        }
        return new ReadableFile() {
            @Override
            public int read(long position, byte[] dst, int offset, int length) {
                return f.read(position, dst, offset, length);
            }

            @Override
            public long size() {
                return f.length();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean exists(Path path) {
        Path k = key(path);
        return files.containsKey(k) || directories.contains(k);
    }

    @Override
    public long size(Path path) throws IOException {
        MemFile f = files.get(key(path));
        if (f == null) {
            throw new NoSuchFileException(path.toString());
        }
        return f.length();
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        Path k = key(dir);
        if (!directories.contains(k)) {
            throw new NoSuchFileException(dir.toString());
        }
        List<String> names = new ArrayList<>();
        for (Path p : files.keySet()) {
            if (k.equals(p.getParent())) {
                names.add(p.getFileName().toString());
            }
        }
        return names;
    }

    @Override
    public void delete(Path path) {
        files.remove(key(path));
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        MemFile f = files.remove(key(from));
        if (f == null) {
            throw new FileNotFoundException("rename of missing file " + from);
        }
        files.put(key(to), f);
    }

    @Override
    public void createDirectories(Path dir) {
        for (Path p = key(dir); p != null; p = p.getParent()) {
            directories.add(p);
        }
    }

    @Override
    public void syncDirectory(Path dir) {
    }

    @Override
    public FileLock lock(Path lockFile) throws IOException {
        Path k = key(lockFile);
        if (!locks.add(k)) {
            throw new IOException("database directory " + k.getParent()
                    + " is in use by another process or already open in this JVM (" + k.getFileName() + " is locked)");
        }
        files.putIfAbsent(k, new MemFile());
        return () -> locks.remove(k);
    }

    /** A growable byte array; readers and the writer synchronise on it briefly. */
    static final class MemFile {
        private byte[] data = new byte[256];
        private int length;

        synchronized void append(byte[] src, int off, int len) {
            if (length + len > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + len));
            }
            System.arraycopy(src, off, data, length, len);
            length += len;
        }

        synchronized int read(long position, byte[] dst, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            System.arraycopy(data, (int) position, dst, off, n);
            return n;
        }

        synchronized int length() {
            return length;
        }

        synchronized void truncate(int newLength) {
            length = Math.min(length, newLength);
        }
    }

    /** Cuts {@code path} to {@code length} bytes (for {@link FaultInjectingFileSystem}). */
    void truncate(Path path, long length) {
        MemFile f = files.get(key(path));
        if (f != null) {
            f.truncate((int) length);
        }
    }
}
