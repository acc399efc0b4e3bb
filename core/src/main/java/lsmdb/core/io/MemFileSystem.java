package lsmdb.core.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file system held in memory, for in-memory databases and tests. Paths are compared after
 * {@code toAbsolutePath().normalize()}; a directory exists once created or once a file lies below it.
 * Like POSIX, a reader opened before a file is replaced, renamed or deleted keeps seeing its old contents.
 */
public final class MemFileSystem implements FileSystem {

    private final Map<Path, MemFile> files = new ConcurrentHashMap<>();
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();
    private final Set<Path> locked = ConcurrentHashMap.newKeySet();
    /** Serializes namespace changes (create/rename/delete) so that a rename is atomic to observers. */
    private final Object namespace = new Object();

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        Path key = key(path);
        synchronized (namespace) {
            if (directories.contains(key)) {
                throw new FileAlreadyExistsException(path + " is a directory");
            }
            MemFile file = new MemFile();
            files.put(key, file);
            return new MemWriter(file, path);
        }
    }

    @Override
    public ReadableFile openForRead(Path path) throws IOException {
        MemFile file = files.get(key(path));
        if (file == null) {
            throw new NoSuchFileException(path.toString());
        }
        return new MemReader(file);
    }

    @Override
    public boolean exists(Path path) {
        Path key = key(path);
        return files.containsKey(key) || isDirectory(key);
    }

    private boolean isDirectory(Path key) {
        if (key.getParent() == null || directories.contains(key)) {
            return true;
        }
        for (Path p : files.keySet()) {
            if (p.startsWith(key) && !p.equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long size(Path path) throws IOException {
        MemFile file = files.get(key(path));
        if (file == null) {
            throw new NoSuchFileException(path.toString());
        }
        return file.length;
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        Path key = key(dir);
        Set<String> names = new HashSet<>();
        for (Path p : files.keySet()) {
            addChildName(key, p, names);
        }
        for (Path p : directories) {
            addChildName(key, p, names);
        }
        if (names.isEmpty() && !isDirectory(key)) {
            throw new NoSuchFileException(dir.toString());
        }
        return new ArrayList<>(names);
    }

    private static void addChildName(Path dir, Path p, Set<String> names) {
        if (p.startsWith(dir) && p.getNameCount() > dir.getNameCount()) {
            names.add(p.getName(dir.getNameCount()).toString());
        }
    }

    @Override
    public void delete(Path path) {
        Path key = key(path);
        synchronized (namespace) {
            files.remove(key);
            directories.remove(key);
        }
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Path fromKey = key(from);
        Path toKey = key(to);
        synchronized (namespace) {
            MemFile file = files.get(fromKey);
            if (file == null) {
                throw new NoSuchFileException(from.toString());
            }
            if (fromKey.equals(toKey)) {
                return;
            }
            files.put(toKey, file);
            files.remove(fromKey);
        }
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Path key = key(dir);
        synchronized (namespace) {
            for (Path p = key; p != null; p = p.getParent()) {
                if (files.containsKey(p)) {
                    throw new FileAlreadyExistsException(p + " exists and is not a directory");
                }
            }
            for (Path p = key; p != null && p.getParent() != null; p = p.getParent()) {
                directories.add(p);
            }
        }
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        if (!isDirectory(key(dir))) {
            throw new NoSuchFileException(dir.toString());
        }
    }

    @Override
    public FileLock lock(Path lockFile) throws IOException {
        Path key = key(lockFile);
        if (!locked.add(key)) {
            throw new IOException("database directory " + key.getParent()
                    + " is in use by another process or already open in this JVM");
        }
        synchronized (namespace) {
            files.putIfAbsent(key, new MemFile());
        }
        return new FileLock() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    locked.remove(key);
                }
            }
        };
    }

    /**
     * Contents grow by copying into a larger array; readers need no lock because an array, once
     * replaced, is never written again and {@code length} is published after the bytes it covers.
     */
    private static final class MemFile {
        private volatile byte[] data = new byte[256];
        private volatile int length;

        synchronized void append(byte[] src, int offset, int len) throws IOException {
            int newLength = length + len;
            if (newLength < 0) {
                throw new IOException("in-memory file larger than 2 GiB");
            }
            byte[] d = data;
            if (newLength > d.length) {
                long grown = Math.max((long) d.length * 2, newLength);
                d = java.util.Arrays.copyOf(d, (int) Math.min(grown, Integer.MAX_VALUE - 8));
                if (d.length < newLength) {
                    throw new IOException("in-memory file larger than 2 GiB");
                }
            }
            System.arraycopy(src, offset, d, length, len);
            data = d;
            length = newLength;
        }

        int read(long position, byte[] dst, int offset, int len) {
            int available = length;
            byte[] d = data;
            if (position >= available) {
                return len == 0 ? 0 : -1;
            }
            int n = (int) Math.min(len, available - position);
            System.arraycopy(d, (int) position, dst, offset, n);
            return n;
        }
    }

    private static final class MemWriter implements WritableFile {
        private final MemFile file;
        private final Path path;
        private boolean closed;
        private long size;

        MemWriter(MemFile file, Path path) {
            this.file = file;
            this.path = path;
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("append to closed file " + path);
            }
            java.util.Objects.checkFromIndexSize(offset, length, data.length);
            file.append(data, offset, length);
            size += length;
        }

        @Override
        public void flush() throws IOException {
            if (closed) {
                throw new IOException("flush of closed file " + path);
            }
        }

        @Override
        public void sync() throws IOException {
            flush();
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class MemReader implements ReadableFile {
        private final MemFile file;

        MemReader(MemFile file) {
            this.file = file;
        }

        @Override
        public int read(long position, byte[] dst, int offset, int length) throws IOException {
            if (position < 0) {
                throw new IOException("negative read position " + position);
            }
            return file.read(position, dst, offset, length);
        }

        @Override
        public long size() {
            return file.length;
        }

        @Override
        public void close() {
        }
    }
}
