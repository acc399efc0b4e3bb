package lsmdb.sql.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Random;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Options;
import lsmdb.core.io.MemFileSystem;
import lsmdb.sql.Session;
import lsmdb.sql.SqlDatabase;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import org.junit.jupiter.api.Test;

/**
 * The row key an index entry leads to, read from the entry key's tail ({@link IndexKeys#rowKeyInto}) when the entry
 * stores no value, is the row key the entry was written for: for index columns of every kind, ascending and DESC,
 * NULL and not, escaped zero bytes in strings, DECIMALs of every sign, and a two-column primary key whose last
 * column is a string; read from the middle of a larger array, into a reused array or a new one.
 */
class IndexRowKeyTest {

    private static final String[] INDEXES = {
        "CREATE INDEX t_i ON t (i)",
        "CREATE INDEX t_v_desc ON t (v DESC)",
        "CREATE INDEX t_d ON t (d)",
        "CREATE INDEX t_d_desc ON t (d DESC, i)",
        "CREATE INDEX t_mixed ON t (b, x DESC, ts, dt DESC, bin, c DESC, u)",
        "CREATE INDEX t_all_desc ON t (bin DESC, v DESC, d DESC, tm DESC)",
        "CREATE UNIQUE INDEX t_unique ON t (v DESC, uq)",
        "CREATE UNIQUE INDEX t_unique_d ON t (d, uq DESC)"};

    private static final java.time.LocalDate DAY = java.time.LocalDate.of(2001, 2, 3);

    @Test
    void derivedRowKeysAreTheWrittenOnes() throws Exception {
        LsmDb engine = LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem()));
        try (SqlDatabase db = SqlDatabase.open(engine); Session s = db.openSession()) {
            s.execute(s.prepare("CREATE TABLE t (id BIGINT, k VARCHAR(12), i INT, v VARCHAR(12), d DECIMAL(12,3),"
                    + " b BOOLEAN, x DOUBLE, ts TIMESTAMP, dt DATE, bin VARBINARY(8), c CHAR(4), u UUID, tm TIME,"
                    + " uq BIGINT, PRIMARY KEY (id, k))"), new Object[0]);
            for (String ddl : INDEXES) {
                s.execute(s.prepare(ddl), new Object[0]);
            }
            Random r = new Random(26);
            var insert = s.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            for (int id = 0; id < 600; id++) {
                s.execute(insert, new Object[] {(long) id - 300, text(r), orNull(r, r.nextInt()), orNull(r, text(r)),
                    orNull(r, decimal(r)), orNull(r, r.nextBoolean()), orNull(r, r.nextGaussian() * 1e6),
                    orNull(r, new java.sql.Timestamp(r.nextLong() >> 22)),
                    orNull(r, java.sql.Date.valueOf(DAY.plusDays(r.nextInt(20000) - 10000))),
                    orNull(r, bytes(r)), orNull(r, "c" + r.nextInt(9)),
                    orNull(r, new java.util.UUID(r.nextLong(), r.nextLong())),
                    orNull(r, java.sql.Time.valueOf(java.time.LocalTime.ofSecondOfDay(r.nextInt(86400)))),
                    orNull(r, (long) id)});
            }
            Catalog catalog = Catalog.load(engine, OneColumnRows.FORMAT);
            Table t = catalog.get("T");
            int derived = 0;
            try (LsmIterator it = engine.iterator(null, t.prefix(), t.prefixEnd())) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] rowKey = it.key();
                    Object[] row = RowCodec.decodeRow(t, rowKey, it.value());
                    for (Index ix : catalog.indexes("T")) {
                        derived += checkEntry(new IndexKeys(ix, t), row, rowKey, r);
                    }
                }
            }
            assertTrue(derived > 600 * 5, "entries whose row key was read from the key: " + derived);
        }
    }

    /** Checks the row key read back from {@code row}'s entry; 1 if it came from the key, 0 if from the value. */
    private static int checkEntry(IndexKeys keys, Object[] row, byte[] rowKey, Random r) {
        byte[] entry = keys.entryKey(row, rowKey);
        byte[] value = keys.entryValue(row, rowKey);
        String what = keys.index().name() + " " + java.util.Arrays.toString(row);
        assertArrayEquals(rowKey, keys.rowKey(entry, value), what);
        if (keys.enforcesUniqueness(row)) {
            assertSame(rowKey, value, what);
            return 0;
        }
        assertSame(IndexKeys.NO_VALUE, value, what);
        int off = r.nextInt(7);
        byte[] within = new byte[off + entry.length + r.nextInt(7)];
        r.nextBytes(within);
        System.arraycopy(entry, 0, within, off, entry.length);
        byte[] fits = new byte[rowKey.length];
        assertSame(fits, keys.rowKeyInto(within, off, entry.length, fits), what);
        assertArrayEquals(rowKey, fits, what);
        byte[] tooLong = new byte[rowKey.length + 1];
        byte[] fresh = keys.rowKeyInto(within, off, entry.length, tooLong);
        assertArrayEquals(rowKey, fresh, what);
        assertEquals(0, tooLong[0], "a buffer of another length is left alone");
        return 1;
    }

    @Test
    void aKeyCutInsideItsColumnsIsCorruption() throws Exception {
        LsmDb engine = LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem()));
        try (SqlDatabase db = SqlDatabase.open(engine); Session s = db.openSession()) {
            s.execute(s.prepare("CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR(12))"), new Object[0]);
            s.execute(s.prepare("CREATE INDEX t_v ON t (v)"), new Object[0]);
            Catalog catalog = Catalog.load(engine, OneColumnRows.FORMAT);
            Table t = catalog.get("T");
            IndexKeys keys = new IndexKeys(catalog.index("T_V"), t);
            byte[] entry = keys.entryKey(new Object[] {7L, "abc"}, RowKeys.encode(t, new Object[] {7L, "abc"}));
            assertThrows(java.io.UncheckedIOException.class, () -> keys.rowKeyInto(entry, 0, 8, null));
        }
    }

    private static Object orNull(Random r, Object v) {
        return r.nextInt(5) == 0 ? null : v;
    }

    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
            b.append(r.nextInt(4) == 0 ? '\0' : r.nextInt(3) == 0 ? '\u00ff' : (char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private static BigDecimal decimal(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> BigDecimal.ZERO;
            case 1 -> BigDecimal.valueOf(r.nextLong() % 1_000_000_000L >> r.nextInt(30), 3);
            case 2 -> BigDecimal.valueOf(-r.nextInt(1000), 3);
            default -> BigDecimal.valueOf(r.nextInt(100000), r.nextInt(3));
        };
    }

    private static byte[] bytes(Random r) {
        byte[] b = new byte[r.nextInt(8)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(3) == 0 ? 0xff : r.nextInt(256));
        }
        return b;
    }
}
