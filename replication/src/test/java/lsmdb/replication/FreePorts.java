package lsmdb.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test clusters' Raft servers, which must be known before the members start. They are drawn at random
 * from below the system's ephemeral range: there the system hands out no port of its own, to a connect() or a
 * bind to port 0 by this or any other process, so none is taken between the draw and the member's bind. A port is
 * handed out once per JVM, and only while it is free on the wildcard address, where Ratis binds.
 */
public final class FreePorts {

    /** Below this lie the well-known and the commonly configured service ports. */
    private static final int LOWEST = 10_000;
    /** Where the ephemeral range starts when the system does not say (Linux's default). */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int DRAWS = 1_000;

    private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() throws IOException {
        int end = ephemeralStart();
        if (end - LOWEST < DRAWS) {
            return nextEphemeral(); // no room below the ephemeral range on this system
        }
        for (int i = 0; i < DRAWS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, end);
            if (handedOut.add(port)) {
                if (isFree(port)) {
                    return port;
                }
            }
        }
        throw new IOException("no free port in " + DRAWS + " draws from " + LOWEST + " to " + (end - 1));
    }

    /** A cluster string of {@code members} members n1, n2, … on loopback, each on a port of {@link #next()}. */
    public static String cluster(int members) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= members; i++) {
            b.append(i > 1 ? "," : "").append('n').append(i).append("@127.0.0.1:").append(next());
        }
        return b.toString();
    }

    private static int ephemeralStart() {
        try {
            // readAllLines, not readString: a /proc file reports size 0 and readString returned one byte of it
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The fallback: an ephemeral port the system hands out, never one this JVM handed out already. */
    private static int nextEphemeral() throws IOException {
        for (int i = 0; i < DRAWS; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (handedOut.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
        throw new IOException("the system kept handing out ports already handed out");
    }
}
