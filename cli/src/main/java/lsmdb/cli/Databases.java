package lsmdb.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;

/** Helpers shared by the admin commands. */
final class Databases {

    private Databases() {
    }

    /**
     * Opens an existing database directory (never creates one). The tools write no records of their own, so the
     * database opens unsynced: no preallocated durable log is made for them (close still syncs the log).
     */
    static LsmDb open(Path dir, boolean readOnly) throws IOException {
        requireDirectory(dir);
        return LsmDb.open(dir, Options.defaults().withCreateIfMissing(false).withReadOnly(readOnly).withSync(false));
    }

    /** Fails, naming {@code dir}, unless it is a directory. */
    static void requireDirectory(Path dir) throws NoSuchFileException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, Files.exists(dir) ? "not a database directory"
                    : "no such database directory");
        }
    }

    static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** A JDBC URL for a URL or a directory argument. */
    static String url(String urlOrDir) {
        return urlOrDir.startsWith("jdbc:") ? urlOrDir : "jdbc:lsm:" + Path.of(urlOrDir).toAbsolutePath();
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
