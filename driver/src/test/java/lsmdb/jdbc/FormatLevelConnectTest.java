package lsmdb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.WriteBatch;
import lsmdb.sql.catalog.FormatLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database written by a newer lsmdb (a higher format level) is refused at connect with 08001, and left usable. */
class FormatLevelConnectTest {

    /** Where the catalog keeps the format level (lsmdb.sql.catalog.CatalogKeys.FORMAT). */
    private static final byte[] FORMAT_KEY = {0, 'M'};

    private static void storeLevel(Path dir, int level) throws Exception {
        try (LsmDb e = LsmDb.open(dir, Options.defaults())) {
            e.write(new WriteBatch().put(FORMAT_KEY, new byte[] {(byte) level}));
        }
    }

    @Test
    void aNewerFormatLevelIsRefusedWith08001(@TempDir Path dir) throws Exception {
        String url = "jdbc:lsm:" + dir.resolve("db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (7)");
        }
        storeLevel(dir.resolve("db"), FormatLevel.CURRENT + 1);
        SQLNonTransientConnectionException x =
                assertThrows(SQLNonTransientConnectionException.class, () -> DriverManager.getConnection(url));
        assertEquals("08001", x.getSQLState());
        assertTrue(x.getMessage().contains("newer lsmdb"), x.getMessage());
        // the refused connect released the directory: the engine opens it, and at this level so does the driver
        storeLevel(dir.resolve("db"), FormatLevel.CURRENT);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM t")) {
            assertTrue(rs.next());
            assertEquals(7, rs.getInt(1));
        }
    }
}
