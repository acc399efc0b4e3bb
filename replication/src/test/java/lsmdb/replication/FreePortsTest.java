package lsmdb.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void handsOutNoPortTwice() throws IOException {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            int port = FreePorts.next();
            assertTrue(seen.add(port), "port " + port + " handed out twice");
        }
    }

    @Test
    void handsOutNoPortTheSystemHandsOutForPortZero() throws IOException {
        Set<Integer> ours = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ours.add(FreePorts.next());
        }
        int lowestEphemeral = Integer.MAX_VALUE;
        for (int i = 0; i < 200; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                lowestEphemeral = Math.min(lowestEphemeral, s.getLocalPort());
            }
        }
        assumeTrue(lowestEphemeral > 11_000, "the system's ephemeral range leaves FreePorts no room below it");
        int highestOurs = ours.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(highestOurs < lowestEphemeral,
                "FreePorts gave " + highestOurs + ", the system's own ports start at or below " + lowestEphemeral);
    }
}
