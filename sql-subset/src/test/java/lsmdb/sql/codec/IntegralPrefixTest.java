package lsmdb.sql.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.io.MemFileSystem;
import lsmdb.sql.Session;
import lsmdb.sql.SqlDatabase;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.Index;
import org.junit.jupiter.api.Test;

/**
 * Index key prefixes of integral values written straight into one array are the bytes the column-by-column encoding
 * gives, for ascending index columns of every integral type (limits included) alone and before others, and the direct
 * path is taken exactly when every column of the prefix is integral, ascending and non-NULL.
 */
class IntegralPrefixTest {

    private static final long[] EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MAX_VALUE, Short.MIN_VALUE, 255, 256, -256};

    @Test
    void directPrefixesAreTheStreamedBytes() throws Exception {
        LsmDb engine = LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem()));
        try (SqlDatabase db = SqlDatabase.open(engine); Session s = db.openSession()) {
            for (String ddl : List.of(
                    "CREATE TABLE a (id BIGINT PRIMARY KEY, i INT, sm SMALLINT, v VARCHAR(10), b BIGINT)",
                    "CREATE INDEX a_b ON a (b)",
                    "CREATE INDEX a_i_sm ON a (i, sm, b)",
                    "CREATE INDEX a_b_desc ON a (b DESC)",
                    "CREATE INDEX a_i_v ON a (i, v)",
                    "CREATE INDEX a_v_i ON a (v, i)")) {
                s.execute(s.prepare(ddl), new Object[0]);
            }
            Catalog catalog = Catalog.load(engine, OneColumnRows.FORMAT);
            Random r = new Random(21);
            int direct = 0;
            for (int round = 0; round < 2000; round++) {
                for (String name : List.of("A_B", "A_I_SM", "A_B_DESC", "A_I_V", "A_V_I")) {
                    Index ix = catalog.index(name);
                    IndexKeys keys = new IndexKeys(ix, catalog.get(ix.table()));
                    int cols = ix.slots().length;
                    Object[] values = new Object[cols];
                    for (int i = 0; i < cols; i++) {
                        values[i] = r.nextInt(8) == 0 ? null : value(keys.keyColumn(i).type(), r);
                    }
                    for (int n = 1; n <= cols; n++) {
                        boolean expectDirect = true;
                        for (int i = 0; i < n; i++) {
                            expectDirect &= values[i] != null && !ix.descending(i)
                                    && KeyCodec.isIntegral(keys.keyColumn(i).type());
                        }
                        byte[] integral = keys.integralPrefix(values, n);
                        assertEquals(expectDirect, integral != null, name + " n=" + n);
                        assertArrayEquals(keys.streamedPrefix(values, n), keys.prefix(values, n), name + " n=" + n);
                        direct += integral == null ? 0 : 1;
                    }
                }
            }
            assertNotNull(direct > 1000 ? "" : null, "the direct path was taken " + direct + " times");
        }
    }

    private static Object value(lsmdb.sql.SqlType type, Random r) {
        long v = r.nextInt(4) == 0 ? EDGES[r.nextInt(EDGES.length)] : r.nextLong() >> r.nextInt(64);
        return switch (type) {
            case BIGINT -> v;
            case INTEGER -> (int) v;
            case SMALLINT -> (short) v;
            case VARCHAR -> "v" + (v & 0xff) + (r.nextBoolean() ? "\0x" : "");
            default -> throw new AssertionError(type);
        };
    }
}
