package lsmdb.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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

    /**
     * Gives the file {@code from} a second name {@code to} (a hard link) where the real file system allows, else
     * copies it ({@link #copySynced}); either way its data is durable when this returns. Only for files that never
     * change once written (tables): a link shares every later write between both names.
     */
    public static void linkOrCopySynced(FileSystem fs, Path from, Path to) throws IOException {
        if (fs != RealFileSystem.INSTANCE || !linkSynced(from, to)) {
            copySynced(fs, from, Files.size(from), fs, to);
        }
    }

    /**
     * Hard-links {@code to} to the real file {@code from} and makes its data durable (the source may never have been
     * synced: a file just received); false, with nothing made, where links fail (another file system, another
     * device), and the caller copies instead.
     */
    public static boolean linkSynced(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
        try (ReopeningChannel c = ReopeningChannel.open(to, StandardOpenOption.READ)) {
            c.force(true);
        }
        return true;
    }
}
