package lsmdb.cli.stress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.ForwardingFileSystem;
import lsmdb.core.io.WritableFile;

/** Adds failing directory syncs to a file system (the engine's fault injector fails appends, fsyncs, renames). */
final class DirectorySyncFaults extends ForwardingFileSystem {

    private final AtomicInteger allowed = new AtomicInteger(Integer.MAX_VALUE);

    DirectorySyncFaults(FileSystem target) {
        super(target);
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
    public WritableFile createPreallocated(Path path, long size) throws IOException {
        WritableFile f = target.createPreallocated(path, size);
        // The target's default makes the name durable with its own directory sync; ours must be able to fail too.
        syncDirectory(path.toAbsolutePath().getParent());
        return f;
    }
}
