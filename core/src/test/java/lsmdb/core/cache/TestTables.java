package lsmdb.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import lsmdb.core.Options;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.WritableFile;
import lsmdb.core.sstable.TableBuilder;

/** Table files for cache tests: table {@code n} holds keys {@code tN-k0000...}, values {@code v0...}. */
final class TestTables {

    private TestTables() {
    }

    static byte[] key(long table, int i) {
        return String.format("t%d-k%04d", table, i).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes table {@code number} of {@code keys} keys into {@code dir}; its size. */
    static long write(FileSystem fs, Path dir, long number, int keys) throws IOException {
        fs.createDirectories(dir);
        try (WritableFile f = fs.create(DbFiles.table(dir, number))) {
            TableBuilder builder = new TableBuilder(Options.defaults(), f);
            for (int i = 0; i < keys; i++) {
                builder.add(InternalKey.encode(key(number, i), 5, InternalKey.KIND_PUT),
                        ("v" + i).getBytes(StandardCharsets.UTF_8));
            }
            return builder.finish();
        }
    }
}
