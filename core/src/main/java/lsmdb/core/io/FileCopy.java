package lsmdb.core.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file copied between file layers (a database in memory backed up to disk), synced before it is named anywhere. */
public final class FileCopy {

    private static final int CHUNK = 1 << 16;

    private FileCopy() {
    }

    /**
     * Copies the first {@code length} bytes of {@code from} (on {@code fromFs}) to a new file {@code to} (on
     * {@code toFs}) and syncs it. Both sides go through the file layer: its channels outlive an interrupted caller.
     */
    public static void copySynced(FileSystem fromFs, Path from, long length, FileSystem toFs, Path to)
            throws IOException {
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(length, 1))];
        try (ReadableFile in = fromFs.openForRead(from); WritableFile out = toFs.createSequential(to)) {
            for (long pos = 0; pos < length; ) {
                int n = (int) Math.min(buf.length, length - pos);
                in.readFully(pos, buf, 0, n);
                out.append(buf, 0, n);
                pos += n;
            }
            out.sync();
        }
    }
}
