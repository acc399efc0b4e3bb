package lsmdb.core.io;

import java.io.Closeable;
import java.io.IOException;

/** An exclusive lock on a database directory's {@code LOCK} file; closing releases it. */
public interface FileLock extends Closeable {
    @Override
    void close() throws IOException;
}
