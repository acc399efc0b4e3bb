package lsmdb.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    @Test
    void parsesMembersAndFindsItself() {
        ClusterConfig c = ClusterConfig.parse("n1@127.0.0.1:7001, n2@host-b:7002,n3@[::1]:7003", "n2");
        assertEquals(3, c.peers().size());
        assertEquals("host-b:7002", c.selfPeer().address());
        assertEquals("[::1]", c.peer("n3").host());
    }

    @Test
    void everyMemberDerivesTheSameGroupWhateverTheOrder() {
        assertEquals(ClusterConfig.parse("a@h:1,b@h:2,c@h:3", "a").groupId(),
                ClusterConfig.parse("c@h:3,a@h:1,b@h:2", "b").groupId());
    }

    @Test
    void refusesWhatItCannotUseNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterConfig.parse("n1@h:1,n2@h", "n1"))
                .getMessage().contains("n2@h"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterConfig.parse("n1@h:1,n1@h:2", "n1"))
                .getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterConfig.parse("n1@h:1,n2@h:2", "n9"))
                .getMessage().contains("n9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterConfig.parse("n1@h:99999", "n1"))
                .getMessage().contains("port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterConfig.parse("n1@h:1", null))
                .getMessage().contains("node="));
    }
}
