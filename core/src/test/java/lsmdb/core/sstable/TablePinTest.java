package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import lsmdb.core.Options;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.WritableFile;
import org.junit.jupiter.api.Test;

/** A table's file closes once: after its opener lets go and the last reader's pin (or iterator) is released. */
class TablePinTest {

    private final MemFileSystem fs = new MemFileSystem();
    private final Path path = Path.of("/t/000009.sst");
    /** The table file the last {@link #open} opened. */
    private CountingFile counted;

    private Table open() throws IOException {
        fs.createDirectories(path.getParent());
        try (WritableFile f = fs.create(path)) {
            TableBuilder b = new TableBuilder(Options.defaults(), f);
            for (int i = 0; i < 100; i++) {
                b.add(InternalKey.encode(String.format("k%03d", i).getBytes(), i + 1, InternalKey.KIND_PUT),
                        new byte[] {(byte) i});
            }
            b.finish();
        }
        counted = new CountingFile(fs.openForRead(path));
        return Table.open(counted, path.toString(), 9, counted.size(), null);
    }

    @Test
    void pinsAndIteratorsKeepTheFileOpenPastTheOpenersClose() throws IOException {
        Table t = open();
        assertTrue(t.tryPin());
        InternalIterator it = t.iterator();
        t.close();
        assertEquals(0, counted.closes.get(), "pinned: still open");
        assertFalse(t.tryPin(), "a closed table takes no new pin");
        assertThrows(IllegalStateException.class, t::iterator);
        it.seekToFirst();
        assertTrue(it.isValid(), "an open iterator still reads");
        assertNotNull(t.get(InternalKey.forSeek("k050".getBytes(), InternalKey.MAX_SEQUENCE)), "a pinned get still reads");
        t.unpin();
        assertEquals(0, counted.closes.get(), "the iterator still holds it");
        it.close();
        it.close();
        assertEquals(1, counted.closes.get(), "closed exactly once, by the last release");
    }

    @Test
    void closesAtOnceWithoutPins() throws IOException {
        Table t = open();
        assertTrue(t.tryPin());
        t.unpin();
        assertEquals(0, counted.closes.get());
        t.close();
        assertEquals(1, counted.closes.get());
    }
}
