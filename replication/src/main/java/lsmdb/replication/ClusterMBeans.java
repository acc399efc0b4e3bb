package lsmdb.replication;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers a member's {@link ClusterMXBean} with the platform MBean server and removes it on close. */
final class ClusterMBeans {

    private ClusterMBeans() {
    }

    /** Registers {@code node}'s bean; returns its name, or null if JMX refused it (the member runs without). */
    static ObjectName register(ReplicatedNode node, Path dir) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        javax.management.StandardMBean bean = new javax.management.StandardMBean(view(node), ClusterMXBean.class, true);
        try {
            ObjectName name = new ObjectName("lsmdb:type=Cluster,node=" + value(node.id()));
            try {
                server.registerMBean(bean, name);
                return name;
            } catch (InstanceAlreadyExistsException e) {
                // Two members of one id in one JVM (tests): the directory tells them apart.
                ObjectName named = new ObjectName("lsmdb:type=Cluster,node=" + value(node.id()) + ",dir="
                        + ObjectName.quote(dir.toString()));
                server.registerMBean(bean, named);
                return named;
            }
        } catch (JMException | RuntimeException e) {
            return null;
        }
    }

    /** A key's value as is when JMX allows it unquoted, else quoted. */
    private static String value(String v) {
        return v.matches("[A-Za-z0-9_.\\-]+") ? v : ObjectName.quote(v);
    }

    static void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException | RuntimeException e) {
            // already gone
        }
    }

    private static ClusterMXBean view(ReplicatedNode node) {
        return new ClusterMXBean() {
            @Override
            public String getNode() {
                return node.id();
            }

            @Override
            public String getAddress() {
                return node.config().selfPeer().address();
            }

            @Override
            public String getRole() {
                return node.role();
            }

            @Override
            public String getLeader() {
                return node.leaderId();
            }

            @Override
            public long getTerm() {
                try {
                    return node.term();
                } catch (java.io.IOException e) {
                    return -1;
                }
            }

            @Override
            public long getCommitIndex() {
                try {
                    return node.commitIndex();
                } catch (java.io.IOException e) {
                    return -1;
                }
            }

            @Override
            public long getAppliedIndex() {
                return node.appliedIndex();
            }
        };
    }
}
