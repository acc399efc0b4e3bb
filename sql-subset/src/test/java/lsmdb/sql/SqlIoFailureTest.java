package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.io.FaultInjectingFileSystem;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.Test;

/** An I/O failure during a write is 58030; the database then refuses writes, keeps serving reads, loses nothing. */
class SqlIoFailureTest {

    @Test
    void diskFullIs58030AndReadsKeepWorking() throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        Options options = Options.defaults().withFileSystem(fs);
        SqlDatabase db = SqlDatabase.open(LsmDb.open(Path.of("/db"), options));
        Session s = db.openSession();
        SqlTestBase.exec(s, "CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR)");
        SqlTestBase.exec(s, "INSERT INTO kv VALUES (1, 'kept')");
        fs.setDiskFull(true);
        SQLException e = assertThrows(SQLException.class, () -> SqlTestBase.exec(s, "INSERT INTO kv VALUES (2, 'lost')"));
        assertEquals("58030", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("No space left"), e.getMessage());
        fs.setDiskFull(false);
        SQLException again = assertThrows(SQLException.class, () -> SqlTestBase.exec(s, "INSERT INTO kv VALUES (3, 'x')"));
        assertEquals("58030", again.getSQLState(), "writes stay refused until the database is reopened");
        assertEquals(List.of(List.of(1, "kept")), SqlTestBase.query(s, "SELECT * FROM kv"), "reads keep working");
        s.close();
        db.close();
        fs.reset();
        SqlDatabase reopened = SqlDatabase.open(LsmDb.open(Path.of("/db"), options));
        Session r = reopened.openSession();
        SqlTestBase.exec(r, "INSERT INTO kv VALUES (4, 'after reopen')");
        assertEquals(2, SqlTestBase.query(r, "SELECT k FROM kv").size());
        r.close();
        reopened.close();
    }
}
