package lsmdb.core;

import static lsmdb.core.TestData.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database's MBean, through the platform MBean server as jconsole sees it. */
class JmxTest {

    @TempDir
    Path tmp;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private static ObjectName nameOf(String dbName) throws Exception {
        return new ObjectName("lsmdb:type=Database,name=" + ObjectName.quote(dbName));
    }

    @Test
    void figuresAndOperationsAndUnregisteredAtClose() throws Exception {
        Path dir = tmp.resolve("db");
        ObjectName name = nameOf(dir.toAbsolutePath().normalize().toString());
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false))) {
            assertTrue(server.isRegistered(name), "registered at open as " + name);
            String[] attributes = Arrays.stream(server.getMBeanInfo(name).getAttributes())
                    .map(MBeanAttributeInfo::getName).toArray(String[]::new);
            assertTrue(Set.of(attributes).containsAll(Set.of("FlushCount", "MemtableBytes", "WalBytes",
                    "WriteAmplification", "NumFilesAtLevel0", "BytesAtLevel1", "BlockCacheHits", "LiveSnapshots",
                    "CompactionBytesWritten", "StallMicros")), Arrays.toString(attributes));
            for (int i = 0; i < 1000; i++) {
                db.put(b("k" + i), b("v" + i));
            }
            assertTrue((Long) server.getAttribute(name, "MemtableBytes") > 0);
            assertEquals(0L, server.getAttribute(name, "FlushCount"));
            server.invoke(name, "flush", null, null);
            assertEquals(1L, server.getAttribute(name, "FlushCount"), "the operation ran on this database");
            long files = 0;
            for (int level = 0; level < 7; level++) {
                files += (Long) server.getAttribute(name, "NumFilesAtLevel" + level);
            }
            // One table, at whatever level dynamic level sizing placed the flush.
            assertEquals(1L, files);
            assertInstanceOf(Double.class, server.getAttribute(name, "WriteAmplification"));
            server.invoke(name, "compact", null, null);
            Path backup = tmp.resolve("backup");
            server.invoke(name, "checkpoint", new Object[] {backup.toString()}, new String[] {"java.lang.String"});
            assertTrue(Files.exists(backup.resolve("CURRENT")));
            MBeanException refused = assertThrows(MBeanException.class, () -> server.invoke(name, "checkpoint",
                    new Object[] {backup.toString()}, new String[] {"java.lang.String"}));
            assertTrue(refused.getMessage().contains(backup.toString()), refused.getMessage());
            assertEquals(Exception.class, refused.getCause().getClass(), "only JDK types cross JMX");
        }
        assertFalse(server.isRegistered(name), "unregistered at close");
    }

    @Test
    void inMemoryDatabasesAreNamedByTheirNameAndTwoOfOneNameBothRegister() throws Exception {
        Options mem = Options.defaults().withFileSystem(new MemFileSystem());
        Options other = Options.defaults().withFileSystem(new MemFileSystem());
        try (LsmDb a = LsmDb.open(Path.of("/lsmdb-mem/jmx-test"), mem);
             LsmDb c = LsmDb.open(Path.of("/lsmdb-mem/jmx-test"), other)) {
            assertTrue(server.isRegistered(nameOf("mem:jmx-test")));
            assertTrue(server.isRegistered(nameOf("mem:jmx-test (2)")));
        }
        assertFalse(server.isRegistered(nameOf("mem:jmx-test")));
        assertFalse(server.isRegistered(nameOf("mem:jmx-test (2)")));
    }
}
