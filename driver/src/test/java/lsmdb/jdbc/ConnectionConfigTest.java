package lsmdb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** URL and option parsing (SPEC §2): locations, sizes, case-insensitive names, URL over Properties, 08001 errors. */
class ConnectionConfigTest {

    @Test
    void locationsAndDefaults() throws Exception {
        ConnectionConfig abs = ConnectionConfig.parse("jdbc:lsm:/var/db", null);
        assertEquals(Path.of("/var/db"), abs.directory());
        assertNull(abs.memName());
        assertTrue(abs.options().engineOptions().sync());
        assertTrue(abs.create());
        ConnectionConfig rel = ConnectionConfig.parse("jdbc:lsm:rel/db", null);
        assertEquals(Path.of("rel/db").toAbsolutePath().normalize(), rel.directory());
        ConnectionConfig mem = ConnectionConfig.parse("jdbc:lsm:mem:test", null);
        assertEquals("test", mem.memName());
        assertNull(mem.directory());
        assertTrue(ConnectionConfig.accepts("jdbc:lsm:x"));
        assertFalse(ConnectionConfig.accepts("jdbc:h2:x"));
        assertFalse(ConnectionConfig.accepts(null));
    }

    @Test
    void optionsWithSizesAndCaseInsensitiveNames() throws Exception {
        ConnectionConfig c = ConnectionConfig.parse("jdbc:lsm:/db?SYNC=false&writeBufferSize=8MB&blocksize=16KB"
                + "&BloomBitsPerKey=0&blockCacheSize=1g&compression=NONE&readOnly=true&user=sa&password=x&mmapReads=FALSE", null);
        assertFalse(c.options().engineOptions().sync());
        assertEquals(8L << 20, c.options().engineOptions().writeBufferSize());
        assertEquals(16 << 10, c.options().engineOptions().blockSize());
        assertEquals(0, c.options().engineOptions().bloomBitsPerKey());
        assertEquals(1L << 30, c.options().engineOptions().blockCacheSize());
        assertTrue(c.options().engineOptions().readOnly());
        assertFalse(c.options().engineOptions().mmapReads());
        assertEquals(lsmdb.core.Compression.NONE, c.options().engineOptions().compression());
        assertEquals(lsmdb.core.Compression.LZ4,
                ConnectionConfig.parse("jdbc:lsm:/db?compression=LZ4", null).options().engineOptions().compression());
        assertEquals(lsmdb.core.Compression.ZSTD,
                ConnectionConfig.parse("jdbc:lsm:/db?compression=zstd", null).options().engineOptions().compression());
        assertTrue(ConnectionConfig.parse("jdbc:lsm:/db", null).options().engineOptions().mmapReads());
        assertFalse(ConnectionConfig.parse("jdbc:lsm:/db?create=false", null).options().createIfMissing());
    }

    @Test
    void theUrlWinsOverProperties() throws Exception {
        Properties p = new Properties();
        p.setProperty("sync", "false");
        p.setProperty("writeBufferSize", "1MB");
        ConnectionConfig c = ConnectionConfig.parse("jdbc:lsm:/db?sync=true", p);
        assertTrue(c.options().engineOptions().sync());
        assertEquals(1L << 20, c.options().engineOptions().writeBufferSize());
    }

    @Test
    void badUrlsAndOptionsAre08001NamingTheProblem() {
        String[][] cases = {
            {"jdbc:lsm:/db?nonsense=1", "nonsense"},
            {"jdbc:lsm:/db?sync=maybe", "sync"},
            {"jdbc:lsm:/db?writeBufferSize=lots", "writeBufferSize"},
            {"jdbc:lsm:/db?writeBufferSize=1KB", "writeBufferSize"},
            {"jdbc:lsm:/db?bloomBitsPerKey=-1", "bloomBitsPerKey"},
            {"jdbc:lsm:/db?compression=snappy", "compression"},
            {"jdbc:lsm:/db?compression=", "compression"},
            {"jdbc:lsm:/db?novalue", "novalue"},
            {"jdbc:lsm:", "path"},
            {"jdbc:lsm:mem:", "name"},
        };
        for (String[] c : cases) {
            SQLException e = assertThrows(SQLException.class, () -> ConnectionConfig.parse(c[0], null), c[0]);
            assertEquals("08001", e.getSQLState(), c[0]);
            assertTrue(e.getMessage().toLowerCase().contains(c[1].toLowerCase()), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void sizesBeyondAnOptionsBoundAreRefusedWith08001NamingIt() {
        for (String url : new String[] {"jdbc:lsm:/db?writeBufferSize=99999GB", "jdbc:lsm:/db?blockSize=1GB",
                "jdbc:lsm:/db?blockSize=4194305K", "jdbc:lsm:/db?blockSize=1T", // past an int: 4 GiB + 1 KiB is no 1 KiB
                "jdbc:lsm:/db?blockCacheSize=99999999GB", "jdbc:lsm:/db?bloomBitsPerKey=65"}) {
            SQLException e = assertThrows(SQLException.class, () -> ConnectionConfig.parse(url, null), url);
            assertEquals("08001", e.getSQLState(), url);
            String option = url.substring(url.indexOf('?') + 1, url.indexOf('='));
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains(option.toLowerCase(java.util.Locale.ROOT)),
                    e.getMessage());
        }
        SQLException overflow = assertThrows(SQLException.class,
                () -> ConnectionConfig.parse("jdbc:lsm:/db?writeBufferSize=99999999999999GB", null));
        assertEquals("08001", overflow.getSQLState());
    }

    @Test
    void paranoidChecksOption() throws Exception {
        assertTrue(ConnectionConfig.parse("jdbc:lsm:/db?paranoidChecks=true", null).options().engineOptions().paranoidChecks());
        assertFalse(ConnectionConfig.parse("jdbc:lsm:/db", null).options().engineOptions().paranoidChecks());
    }

    @Test
    void aSizeIsDigitsAUnitAndAtMostOneB() throws Exception {
        String[][] taken = {{"65536", "65536"}, {"64k", "65536"}, {"64KB", "65536"}, {"64kb", "65536"},
            {"4M", "4194304"}, {"4 MB", "4194304"}, {"1G", "1073741824"}, {"65536B", "65536"}};
        for (String[] t : taken) {
            ConnectionConfig c = ConnectionConfig.parse("jdbc:lsm:/db?writeBufferSize=" + t[0], null);
            assertEquals(Long.parseLong(t[1]), c.options().engineOptions().writeBufferSize(), t[0]);
        }
        // each of these was read as some size before: 1KT as 1 TiB, 1TK as 1 KiB, 4MBB as 4 MiB, +4M as 4 MiB
        for (String v : new String[] {"1KT", "1TK", "4MBB", "+4M", "-4M", "2.5M", "4MiB", "M", "0x10"}) {
            String url = "jdbc:lsm:/db?writeBufferSize=" + v;
            SQLException e = assertThrows(SQLException.class, () -> ConnectionConfig.parse(url, null), url);
            assertEquals("08001", e.getSQLState(), url);
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("writebuffersize")
                    && e.getMessage().contains("'" + v + "'"),
                    e.getMessage());
        }
    }
}
