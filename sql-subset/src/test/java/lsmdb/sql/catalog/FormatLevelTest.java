package lsmdb.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.WriteBatch;
import lsmdb.core.io.MemFileSystem;
import lsmdb.sql.Result;
import lsmdb.sql.Session;
import lsmdb.sql.SqlDatabase;
import org.junit.jupiter.api.Test;

/** The format level marker: written on a writable open, and a level above this binary's refuses the open. */
class FormatLevelTest {

    private final MemFileSystem fs = new MemFileSystem();

    private Options options() {
        return Options.defaults().withFileSystem(fs);
    }

    private LsmDb engine(boolean readOnly) throws Exception {
        return LsmDb.open(Path.of("/db"), options().withReadOnly(readOnly));
    }

    /** Makes a database with one indexed table and three rows, and returns nothing open. */
    private void makeDatabase() throws Exception {
        try (SqlDatabase db = SqlDatabase.open(engine(false)); Session s = db.openSession()) {
            run(s, "CREATE TABLE t (id INT PRIMARY KEY, c VARCHAR(10))");
            run(s, "CREATE INDEX t_c ON t(c)");
            for (int i = 1; i <= 3; i++) {
                run(s, "INSERT INTO t VALUES (" + i + ", 'v" + i + "')");
            }
        }
    }

    private static void run(Session s, String sql) throws SQLException {
        Result r = s.execute(s.prepare(sql), new Object[0]);
        if (r.isQuery()) {
            r.rows().close();
        }
    }

    private static List<Integer> idsWhereC(Session s, String c) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        Result r = s.execute(s.prepare("SELECT id FROM t WHERE c = ?"), new Object[] {c});
        try (var rows = r.rows()) {
            while (rows.next()) {
                ids.add(((Number) rows.get(0)).intValue());
            }
        }
        return ids;
    }

    private void setStored(byte[] value) throws Exception {
        try (LsmDb e = engine(false)) {
            WriteBatch b = new WriteBatch();
            if (value == null) {
                b.delete(CatalogKeys.FORMAT);
            } else {
                b.put(CatalogKeys.FORMAT, value);
            }
            e.write(b);
        }
    }

    private byte[] stored() throws Exception {
        try (LsmDb e = engine(true)) {
            return e.get(CatalogKeys.FORMAT);
        }
    }

    @Test
    void aNewDatabaseIsMarkedWithThisBinarysLevel() throws Exception {
        makeDatabase();
        assertArrayEquals(FormatLevel.encoded(FormatLevel.CURRENT), stored());
    }

    @Test
    void aLevelAboveThisBinarysRefusesTheOpenWith08001AndLeavesTheDatabaseAsItWas() throws Exception {
        makeDatabase();
        byte[] newer = FormatLevel.encoded(FormatLevel.CURRENT + 1);
        setStored(newer);
        for (boolean readOnly : new boolean[] {false, true}) {
            LsmDb e = engine(readOnly);
            try {
                SQLException x = assertThrows(SQLException.class, () -> SqlDatabase.open(e));
                assertEquals("08001", x.getSQLState());
                assertTrue(x.getMessage().contains("format level " + (FormatLevel.CURRENT + 1)), x.getMessage());
            } finally {
                e.close();
            }
        }
        assertArrayEquals(newer, stored());
        // back at this binary's level, the same database opens and reads as before
        setStored(FormatLevel.encoded(FormatLevel.CURRENT));
        try (SqlDatabase db = SqlDatabase.open(engine(false)); Session s = db.openSession()) {
            assertEquals(List.of(2), idsWhereC(s, "v2"));
        }
    }

    @Test
    void anUnmarkedDatabaseOpensAndAWritableOpenRaisesItsLevel() throws Exception {
        makeDatabase();
        setStored(null);
        try (SqlDatabase db = SqlDatabase.open(engine(true)); Session s = db.openSession()) {
            assertEquals(List.of(3), idsWhereC(s, "v3"));
        }
        assertNull(stored(), "a read-only open writes nothing");
        try (SqlDatabase db = SqlDatabase.open(engine(false)); Session s = db.openSession()) {
            assertEquals(List.of(1), idsWhereC(s, "v1"));
        }
        assertArrayEquals(FormatLevel.encoded(FormatLevel.CURRENT), stored());
    }

    @Test
    void aMalformedMarkerIsCorruption() throws Exception {
        makeDatabase();
        for (byte[] bad : new byte[][] {{(byte) 0x80}, {}, {0}, {2, 0}}) {
            setStored(bad);
            LsmDb e = engine(false);
            try {
                SQLException x = assertThrows(SQLException.class, () -> SqlDatabase.open(e));
                assertEquals("XX001", x.getSQLState(), x.getMessage());
            } finally {
                e.close();
            }
            assertArrayEquals(bad, stored(), "a refused open leaves the marker alone");
        }
    }
}
