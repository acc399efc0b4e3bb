package lsmdb.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** File names are spelled as {@code String.format("%06d")} spelled them, so databases written before still open. */
class DbFilesNamesTest {

    @Test
    void namesMatchTheFormattedSpelling() {
        long[] numbers = {0, 1, 9, 10, 99, 999, 12345, 99999, 100000, 999999, 1000000, 1234567890123L,
                Long.MAX_VALUE, -1, -12345};
        for (long n : numbers) {
            assertEquals(String.format("%06d.log", n), DbFiles.logName(n));
            assertEquals(String.format("%06d.sst", n), DbFiles.tableName(n));
            assertEquals(String.format("MANIFEST-%06d", n), DbFiles.manifestName(n));
            assertEquals(String.format("%06d.dbtmp", n), DbFiles.tempName(n));
        }
        for (long n = 0; n < 2_000_000; n += 7) {
            assertEquals(String.format("%06d.sst", n), DbFiles.tableName(n));
        }
    }

    @Test
    void namesParseBackToTheirNumbers() {
        for (long n : new long[] {0, 7, 123456, 1234567}) {
            assertEquals(new DbFiles.Parsed(DbFiles.Kind.TABLE, n), DbFiles.parse(DbFiles.tableName(n)));
            assertEquals(new DbFiles.Parsed(DbFiles.Kind.LOG, n), DbFiles.parse(DbFiles.logName(n)));
        }
    }
}
