package lsmdb.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalog index entries: the per-column direction, and entries written before directions existed. */
class IndexFormatTest {

    /** An index entry exactly as the catalog wrote it before DESC columns (no direction bytes). */
    static byte[] legacyEntry(String name, String table, int id, boolean unique, int[] slots, List<String> cols) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, name);
        string(out, table);
        out.write(id); // ids below 128: a one-byte varint
        out.write(unique ? 1 : 0);
        out.write(slots.length);
        for (int i = 0; i < slots.length; i++) {
            out.write(slots[i]);
            string(out, cols.get(i));
        }
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length);
        out.writeBytes(b);
    }

    @Test
    void anEntryWithoutDirectionsReadsAsAllAscending() {
        byte[] old = legacyEntry("T_AB", "T", 7, true, new int[] {2, 1}, List.of("A", "B"));
        Index ix = SchemaFormat.decodeIndex(old);
        assertEquals("T_AB", ix.name());
        assertEquals("T", ix.table());
        assertEquals(7, ix.id());
        assertEquals(true, ix.unique());
        assertArrayEquals(new int[] {2, 1}, ix.slots());
        assertEquals(List.of("A", "B"), ix.columnNames());
        assertArrayEquals(new boolean[] {false, false}, ix.descending());
    }

    @Test
    void anAllAscendingIndexIsWrittenInTheOldLayout() {
        Index ix = new Index("T_AB", "T", 7, false, new int[] {2, 1}, List.of("A", "B"));
        assertArrayEquals(legacyEntry("T_AB", "T", 7, false, new int[] {2, 1}, List.of("A", "B")),
                SchemaFormat.encodeIndex(ix));
    }

    @Test
    void directionsRoundTrip() {
        Index ix = new Index("T_ABC", "T", 9, false, new int[] {0, 3, 1}, List.of("X", "Y", "Z"),
                new boolean[] {false, true, true});
        Index back = SchemaFormat.decodeIndex(SchemaFormat.encodeIndex(ix));
        assertArrayEquals(new boolean[] {false, true, true}, back.descending());
        assertArrayEquals(ix.slots(), back.slots());
        assertEquals(ix.columnNames(), back.columnNames());
        assertEquals(9, back.id());
    }
}
