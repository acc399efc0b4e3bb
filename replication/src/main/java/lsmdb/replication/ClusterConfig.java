package lsmdb.replication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Who is in the cluster and which member this node is, as the URL gives it:
 * {@code cluster=n1@127.0.0.1:7001,n2@127.0.0.1:7002,n3@127.0.0.1:7003&node=n1}.
 */
public record ClusterConfig(List<Peer> peers, String self) {

    /** One member: its id and the address its Raft server listens on. */
    public record Peer(String id, String host, int port) {
        public String address() {
            return host + ":" + port;
        }
    }

    public ClusterConfig {
        peers = List.copyOf(peers);
        Set<String> ids = new HashSet<>();
        for (Peer p : peers) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("node id " + p.id() + " appears twice in the cluster");
            }
        }
        if (!ids.contains(self)) {
            throw new IllegalArgumentException("node=" + self + " is not one of the cluster's nodes " + ids);
        }
    }

    /** @throws IllegalArgumentException naming the malformed member */
    public static ClusterConfig parse(String cluster, String self) {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("cluster= lists no nodes (expected id@host:port,...)");
        }
        if (self == null || self.isBlank()) {
            throw new IllegalArgumentException("cluster= needs node= naming which member this is");
        }
        List<Peer> peers = new ArrayList<>();
        for (String m : cluster.split(",")) {
            String s = m.trim();
            int at = s.indexOf('@');
            int colon = s.lastIndexOf(':');
            if (at <= 0 || colon < at + 2 || colon == s.length() - 1) {
                throw new IllegalArgumentException("malformed cluster member '" + s + "' (expected id@host:port)");
            }
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in cluster member '" + s + "'");
            }
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("bad port in cluster member '" + s + "'");
            }
            peers.add(new Peer(s.substring(0, at), s.substring(at + 1, colon), port));
        }
        return new ClusterConfig(peers, self.trim());
    }

    public Peer selfPeer() {
        return peer(self);
    }

    public Peer peer(String id) {
        for (Peer p : peers) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    /** The same for every member that lists the same ids, whatever their order. */
    UUID groupId() {
        TreeSet<String> ids = new TreeSet<>();
        peers.forEach(p -> ids.add(p.id()));
        return UUID.nameUUIDFromBytes(("lsmdb-cluster:" + String.join(",", ids)).getBytes(StandardCharsets.UTF_8));
    }
}
