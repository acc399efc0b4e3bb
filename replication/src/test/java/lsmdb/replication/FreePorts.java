package lsmdb.replication;

import java.io.IOException;
import java.net.ServerSocket;

/** Loopback ports for test clusters: ones the system just handed out, so no fixed number collides with a parallel run. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int next() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** A cluster string of {@code members} members n1, n2, … on loopback, each on a port of {@link #next()}. */
    public static String cluster(int members) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= members; i++) {
            b.append(i > 1 ? "," : "").append('n').append(i).append("@127.0.0.1:").append(next());
        }
        return b.toString();
    }
}
