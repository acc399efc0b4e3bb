package lsmdb.cli.stress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import lsmdb.core.io.FileLock;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.io.WritableFile;

/** Adds failing directory syncs to a file system (the engine's fault injector fails appends, fsyncs, renames). */
final class DirectorySyncFaults implements FileSystem {

    private final FileSystem target;
    private final AtomicInteger allowed = new AtomicInteger(Integer.MAX_VALUE);

    DirectorySyncFaults(FileSystem target) {
        this.target = target;
    }

    /** The (n+1)-th directory sync from now on, and every one after it, throws. */
    void failAfter(int n) {
        allowed.set(n);
    }

    void reset() {
        allowed.set(Integer.MAX_VALUE);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        if (allowed.getAndDecrement() <= 0) {
            allowed.set(0);
            throw new IOException("injected failure syncing directory " + dir);
        }
        target.syncDirectory(dir);
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        return target.create(path);
    }

    @Override
    public WritableFile createPreallocated(Path path, long size) throws IOException {
        WritableFile f = target.createPreallocated(path, size);
        // The target's default makes the name durable with its own directory sync; ours must be able to fail too.
        syncDirectory(path.toAbsolutePath().getParent());
        return f;
    }

    @Override
    public ReadableFile openForRead(Path path) throws IOException {
        return target.openForRead(path);
    }

    @Override
    public ReadableFile openImmutable(Path path) throws IOException {
        return target.openImmutable(path);
    }

    @Override
    public boolean exists(Path path) {
        return target.exists(path);
    }

    @Override
    public long size(Path path) throws IOException {
        return target.size(path);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return target.list(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        target.delete(path);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        target.rename(from, to);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        target.createDirectories(dir);
    }

    @Override
    public FileLock lock(Path lockFile) throws IOException {
        return target.lock(lockFile);
    }
}
