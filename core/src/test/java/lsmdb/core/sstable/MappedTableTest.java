package lsmdb.core.sstable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.io.RealFileSystem;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every table test again, reading the table through a memory mapping (blocks read in place, checksums verified on
 * first use) instead of through positional reads and the block cache.
 */
class MappedTableTest extends TableTest {

    @TempDir
    Path tmp;

    @Override
    Table open() throws IOException {
        Path real = tmp.resolve("000007.sst");
        Files.write(real, bytes());
        ReadableFile f = RealFileSystem.INSTANCE.openImmutable(real);
        if (f.mapping() == null) {
            throw new AssertionError("a table file should be mapped");
        }
        return Table.open(f, real.toString(), 7, f.size(), new BlockCache(1 << 20));
    }
}
