package lsmdb.core;

import java.io.IOException;
import java.nio.file.Path;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.io.WritableFile;

/**
 * The {@code lost/} directory inside a database: bytes recovery had to drop and files repair could not use are
 * kept there (as LevelDB's repair does), so that a decision to go on without them never destroys the evidence.
 * Names say where the bytes came from: {@code 000012.log.at-4096} holds log 12 from offset 4096 on.
 */
final class LostFiles {

    static final String DIR = "lost";

    private LostFiles() {
    }

    static Path directory(Path dbDir) {
        return dbDir.resolve(DIR);
    }

    /**
     * Copies {@code src} from {@code from} up to its last non-zero byte (zeros after it are preallocated space
     * never written) into {@code lost/<name>.at-<from>}, durably. Returns the bytes kept; nothing is written if 0.
     */
    static long keepTail(FileSystem fs, Path dbDir, String name, ReadableFile src, long from) throws IOException {
        long end = endOfNonZero(src, from);
        if (end <= from) {
            return 0;
        }
        Path lost = directory(dbDir);
        fs.createDirectories(lost);
        Path out = lost.resolve(name + ".at-" + from);
        byte[] buf = new byte[64 << 10];
        try (WritableFile w = fs.create(out)) {
            for (long p = from; p < end; ) {
                int n = (int) Math.min(buf.length, end - p);
                src.readFully(p, buf, 0, n);
                w.append(buf, 0, n);
                p += n;
            }
            w.sync();
        } catch (IOException e) {
            deleteQuietly(fs, out);
            throw e;
        }
        fs.syncDirectory(lost);
        fs.syncDirectory(dbDir);
        return end - from;
    }

    /** Moves {@code file} (inside the database directory) into {@code lost/}, keeping its name. */
    static Path move(FileSystem fs, Path dbDir, String name) throws IOException {
        Path lost = directory(dbDir);
        fs.createDirectories(lost);
        Path to = lost.resolve(name);
        for (int i = 1; fs.exists(to); i++) {
            to = lost.resolve(name + "." + i); // never replace evidence an earlier run kept
        }
        fs.rename(dbDir.resolve(name), to);
        fs.syncDirectory(lost);
        fs.syncDirectory(dbDir);
        return to;
    }

    private static long endOfNonZero(ReadableFile src, long from) throws IOException {
        byte[] buf = new byte[64 << 10];
        long end = src.size();
        while (end > from) {
            int n = (int) Math.min(buf.length, end - from);
            src.readFully(end - n, buf, 0, n);
            for (int i = n - 1; i >= 0; i--) {
                if (buf[i] != 0) {
                    return end - n + i + 1;
                }
            }
            end -= n;
        }
        return from;
    }

    static void deleteQuietly(FileSystem fs, Path p) {
        try {
            fs.delete(p);
        } catch (IOException ignored) {
            // best effort: the caller is already failing with a better error
        }
    }
}
