package lsmdb.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rows past the budget wait in a file and come back in the order added; closing deletes it and frees the memory. */
class SpilledRowsTest {

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void rowsPastTheBudgetComeBackInOrderAsOftenAsRead() throws Exception {
        ExecContext ctx = new ExecContext(null, null, null, 0, 2000, null);
        List<Path> before = files();
        SpilledRows rows = new SpilledRows(ctx, "a test");
        try {
            fillAndRead(ctx, rows, before);
        } finally {
            rows.close();
        }
        assertTrue(ctx.tryReserve(1900), "closed, the rows' memory is given back");
        assertEquals(List.of(), newFiles(before), "closed, the file is deleted");
    }

    /** Read once, the held rows are given back as they are handed out; closing gives back nothing twice. */
    @Test
    void rowsReadOnceAreGivenBackAsTheyAreRead() throws Exception {
        for (int fail : new int[] {-1, 5}) { // read to the end; the reader failing at a row (a duplicate key)
            ExecContext ctx = new ExecContext(null, null, null, 0, 2000, null);
            List<Path> before = files();
            List<Object[]> added = new ArrayList<>();
            try (SpilledRows rows = new SpilledRows(ctx, "a test")) {
                for (int i = 0; i < 200; i++) {
                    Object[] r = {i, "row " + i};
                    added.add(r);
                    rows.add(r);
                }
                long held = ctx.memoryHeld();
                assertTrue(held > 0 && rows.spilled());
                try (Cursor c = rows.readOnce()) {
                    for (int i = 0; i < added.size() && i != fail; i++) {
                        Object[] r = c.next();
                        assertArrayEquals(added.get(i), r);
                        held -= Math.min(held, ExecContext.footprint(r)); // the file's rows, last, never were
                        assertEquals(held, ctx.memoryHeld(), "row " + i);
                    }
                    if (fail < 0) {
                        assertNull(c.next());
                    }
                }
            }
            assertEquals(0, ctx.memoryHeld(), "closed, failing at " + fail);
            assertEquals(List.of(), newFiles(before));
        }
    }

    private static void fillAndRead(ExecContext ctx, SpilledRows rows, List<Path> before) throws Exception {
        List<Object[]> added = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Object[] r = {i, "row " + i, i % 3 == 0 ? null : (long) i};
            added.add(r);
            rows.add(r);
        }
        assertTrue(rows.spilled());
        assertNull(rows.held());
        assertEquals(1, newFiles(before).size(), "one file of the rows past the budget");
        for (int pass = 0; pass < 2; pass++) {
            try (Cursor c = rows.read()) {
                for (Object[] expected : added) {
                    assertArrayEquals(expected, c.next());
                }
                assertNull(c.next());
            }
        }
        assertFalse(ctx.tryReserve(500), "the held rows fill the budget");
        ctx.release(500);
    }

    @Test
    void rowsWithinTheBudgetStayInMemory() throws Exception {
        ExecContext ctx = new ExecContext(null, null, null, 0, 1 << 20, null);
        try (SpilledRows rows = new SpilledRows(ctx, "a test")) {
            rows.add(new Object[] {1});
            rows.add(new Object[] {2});
            assertFalse(rows.spilled());
            assertEquals(2, rows.held().size());
        }
    }

    @Test
    void aTemporaryFileFailureIs58030NamingTheDirectory() {
        SQLException e = SpillFile.failure("a hash join", new IOException("No space left on device"));
        assertEquals("58030", e.getSQLState());
        assertTrue(e.getMessage().contains(System.getProperty("java.io.tmpdir")), e.getMessage());
        assertTrue(e.getMessage().contains("a hash join") && e.getMessage().contains("No space left"), e.getMessage());
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(TMP)) {
            return s.filter(p -> p.getFileName().toString().startsWith(SpillFile.PREFIX)).collect(Collectors.toList());
        }
    }

    private static List<Path> newFiles(List<Path> before) throws IOException {
        List<Path> now = files();
        now.removeAll(before);
        return now;
    }
}
