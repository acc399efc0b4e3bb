package lsmdb.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import lsmdb.sql.Result;
import lsmdb.sql.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterJmxTest {

    @TempDir
    Path dir;

    @Test
    void eachMemberShowsItsOwnSysClusterRowOverJmxAndUnregistersOnClose() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName[] names = new ObjectName[3];
        try (TestCluster c = new TestCluster(dir, 3, TestCluster.FAST)) {
            c.write("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)");
            c.awaitConverged();
            String leader = c.leader().id();
            for (int i = 0; i < 3; i++) {
                ReplicatedNode n = c.node(i);
                names[i] = n.mbeanName();
                assertEquals(new ObjectName("lsmdb:type=Cluster,node=" + n.id()), names[i]);
                try (Session s = n.database().openSession()) {
                    Result r = s.execute(s.prepare("SELECT NODE, ADDRESS, ROLE, TERM, COMMIT_INDEX, APPLIED_INDEX "
                            + "FROM SYS.CLUSTER WHERE NODE = '" + n.id() + "'"), new Object[0]);
                    try (var rows = r.rows()) {
                        assertTrue(rows.next());
                        assertEquals(rows.get(0), jmx.getAttribute(names[i], "Node"));
                        assertEquals(rows.get(1), jmx.getAttribute(names[i], "Address"));
                        assertEquals(rows.get(2), jmx.getAttribute(names[i], "Role"));
                        assertEquals(((Number) rows.get(3)).longValue(), jmx.getAttribute(names[i], "Term"));
                        assertEquals(((Number) rows.get(4)).longValue(), jmx.getAttribute(names[i], "CommitIndex"));
                        assertEquals(((Number) rows.get(5)).longValue(), jmx.getAttribute(names[i], "AppliedIndex"));
                        assertFalse(rows.next());
                    }
                }
                assertEquals(leader, jmx.getAttribute(names[i], "Leader"));
                assertTrue((Long) jmx.getAttribute(names[i], "AppliedIndex") >= 3, "three entries applied");
            }
            assertEquals("LEADER", jmx.getAttribute(c.leader().mbeanName(), "Role"));

            int f = c.indexOf(c.follower());
            c.stop(f);
            assertFalse(jmx.isRegistered(names[f]), "a closed member's bean is gone");
            assertNotNull(jmx.getAttribute(names[(f + 1) % 3], "Role"));
        }
        for (ObjectName n : names) {
            assertFalse(jmx.isRegistered(n), n + " still registered after close");
        }
    }
}
