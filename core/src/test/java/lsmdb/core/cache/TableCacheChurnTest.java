package lsmdb.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import lsmdb.core.Options;
import lsmdb.core.Racers;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.Test;

/**
 * Iterators over a table cache whose tables are evicted under them (more tables read than it may keep open), and
 * over one that has closed: a reader is never refused a table it asked for, and a table gone from a closed
 * database is not reported as corruption.
 */
class TableCacheChurnTest {

    private static final Path DIR = Path.of("/db");
    private static final int KEYS = 50;

    private final MemFileSystem fs = new MemFileSystem();

    /**
     * With room for one table and two readers on two tables, nearly every open evicts the table the other reader
     * has just pinned: the iterator must be built on that pin, not on a second one the eviction has ruled out.
     */
    @Test
    void iteratorsOpenWhileTheirTablesAreEvicted() throws Exception {
        TableCache cache = new TableCache(fs, DIR, Options.defaults().withMaxOpenFiles(1), new BlockCache(1 << 20));
        long[] sizes = {write(1), write(2)};
        long iterators = Racers.race(2, 1_500, reader -> {
            int table = 1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(2);
            try (InternalIterator it = cache.iterator(table, sizes[table - 1])) {
                it.seekToFirst();
                assertTrue(it.isValid(), "table " + table + " is empty");
                assertEquals(table, it.key()[1] - '0', "a key of another table");
            }
        });
        assertTrue(iterators > 1000, "too few iterators to have raced: " + iterators);
        cache.close();
    }

    @Test
    void aLateIteratorReadsATableAfterTheCacheClosed() throws IOException {
        TableCache cache = new TableCache(fs, DIR, Options.defaults(), new BlockCache(1 << 20));
        long size = write(1);
        cache.close();
        int n = 0;
        try (InternalIterator it = cache.iterator(1, size)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n++;
            }
        }
        assertEquals(KEYS, n);
        assertEquals(0, cache.openTables());
    }

    /**
     * A closed database's table gone (another open of the directory compacted it away) is the caller's late use,
     * not a table the database lost: it must not be reported as corruption.
     */
    @Test
    void aTableMissingAfterTheCacheClosedIsNotCorruption() throws IOException {
        TableCache cache = new TableCache(fs, DIR, Options.defaults(), new BlockCache(1 << 20));
        long size = write(1);
        cache.close();
        fs.delete(DbFiles.table(DIR, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cache.iterator(1, size));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertFalse(e.getMessage().contains("missing"), e.getMessage());
    }

    /** Writes table {@code number} of {@link #KEYS} keys; its size. */
    private long write(long number) throws IOException {
        return TestTables.write(fs, DIR, number, KEYS);
    }
}
