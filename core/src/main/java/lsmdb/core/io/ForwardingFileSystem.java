package lsmdb.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A file system that hands every call to another one: the base of those that change a few calls (pinned reads,
 * injected faults, counted opens) and must pass the rest through unchanged, the interface's default methods
 * included, so the target's own versions of them still run.
 */
public abstract class ForwardingFileSystem implements FileSystem {

    protected final FileSystem target;

    protected ForwardingFileSystem(FileSystem target) {
        this.target = target;
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        return target.create(path);
    }

    @Override
    public WritableFile createPreallocated(Path path, long step) throws IOException {
        return target.createPreallocated(path, step);
    }

    @Override
    public WritableFile createPreallocatedOnSync(Path path, long step) throws IOException {
        return target.createPreallocatedOnSync(path, step);
    }

    @Override
    public WritableFile createMapped(Path path, int region) throws IOException {
        return target.createMapped(path, region);
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
    public void syncDirectory(Path dir) throws IOException {
        target.syncDirectory(dir);
    }

    @Override
    public FileLock lock(Path lockFile) throws IOException {
        return target.lock(lockFile);
    }
}
