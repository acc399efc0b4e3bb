package lsmdb.cli.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier must catch what the campaign exists to catch: a lost acknowledged write, a half transaction. */
class JournalTest {

    @TempDir
    Path tmp;

    private Journal journal() throws Exception {
        Path f = tmp.resolve("expected-state");
        try (ExpectedState es = ExpectedState.create(f, Map.of("kv/1", "a", "acct/0", "10"))) {
            es.intent(5, Map.of("kv/1", "b"));
            es.committed(5);
            es.intent(6, Map.of("kv/2", "x"));
            es.aborted(6);
            es.intent(7, new java.util.TreeMap<>(Map.of("kv/3", "c", "acct/0", "9")));
        }
        Files.writeString(f, "I 8 kv/4=torn", java.nio.file.StandardOpenOption.APPEND); // cut off mid-line
        return Journal.read(f);
    }

    @Test
    void acceptsTheAcknowledgedStateWithTheCutOffTransactionWhollyThereOrWhollyAbsent() throws Exception {
        Journal j = journal();
        Journal.Verification absent = j.verify(Map.of("kv/1", "b", "acct/0", "10"));
        assertTrue(absent.ok(), absent.violations.toString());
        assertEquals(1, absent.pendingAbsent);
        Journal.Verification applied = j.verify(Map.of("kv/1", "b", "kv/3", "c", "acct/0", "9"));
        assertTrue(applied.ok(), applied.violations.toString());
        assertEquals(1, applied.pendingApplied);
        assertEquals(1, applied.committedVerified);
    }

    @Test
    void flagsALostAcknowledgedWriteAnAbortedWriteThatAppearsAndAHalfTransaction() throws Exception {
        Journal j = journal();
        Map<String, String> lost = new HashMap<>(Map.of("kv/1", "a", "acct/0", "10"));
        assertEquals(1, j.verify(lost).violations.size(), "the acknowledged kv/1=b is missing");
        Map<String, String> ghost = new HashMap<>(Map.of("kv/1", "b", "acct/0", "10", "kv/2", "x"));
        assertEquals(1, j.verify(ghost).violations.size(), "the aborted kv/2 is there");
        Map<String, String> half = new HashMap<>(Map.of("kv/1", "b", "acct/0", "10", "kv/3", "c"));
        Journal.Verification v = j.verify(half);
        assertEquals(1, v.violations.size());
        assertTrue(v.violations.get(0).contains("partly"), v.violations.get(0));
    }

    @Test
    void flagsSecondaryIndexesThatDisagreeWithTheirTables() throws Exception {
        Journal j = journal();
        Map<String, String> ok = new HashMap<>(Map.of("kv/1", "b", "acct/0", "10", Schema.INDEXES_SLOT,
                Schema.CONSISTENT));
        assertTrue(j.verify(ok).ok(), j.verify(ok).violations.toString());
        ok.put(Schema.INDEXES_SLOT, "index-entry-without-row:kv/9");
        assertEquals(1, j.verify(ok).violations.size(), "a stale index entry is damage whatever the journal says");
    }

    /** The index check itself: it reads through each index and tells a table/index difference apart. */
    @Test
    void indexCheckReadsThroughTheIndexesAndReportsWhatDiffers() throws Exception {
        String url = "jdbc:lsm:" + tmp.resolve("db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            Schema.create(c, 3);
            c.createStatement().execute("INSERT INTO kv VALUES (1, 'one'), (2, 'two')");
            c.createStatement().execute("UPDATE acct SET bal = 5 WHERE id = 1");
            Map<String, String> rows = Schema.read(c);
            assertEquals(Schema.CONSISTENT, rows.get(Schema.INDEXES_SLOT));
            Map<String, String> tableSays = new HashMap<>(rows);
            tableSays.put("kv/2", "deux"); // as if the row changed but its index entry did not move
            assertTrue(Schema.checkIndexes(c, tableSays).startsWith("index-mismatch:kv/2"),
                    Schema.checkIndexes(c, tableSays));
            tableSays = new HashMap<>(rows);
            tableSays.remove("acct/2"); // as if the row was deleted but its index entry stayed
            assertEquals("index-entry-without-row:acct/2", Schema.checkIndexes(c, tableSays));
        }
    }
}
