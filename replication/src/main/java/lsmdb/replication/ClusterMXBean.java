package lsmdb.replication;

/**
 * A cluster member's own row of SYS.CLUSTER over JMX, registered as {@code lsmdb:type=Cluster,node=ID} while the
 * member runs (with a {@code dir} key added if another member of that id already registered in this JVM).
 */
public interface ClusterMXBean {

    String getNode();

    String getAddress();

    /** LEADER, FOLLOWER, CANDIDATE, or CLOSED. */
    String getRole();

    /** The leader this member knows, or null. */
    String getLeader();

    long getTerm();

    /** The highest log index this member knows is committed. */
    long getCommitIndex();

    /** The log index of the last transaction applied to this member's engine. */
    long getAppliedIndex();
}
