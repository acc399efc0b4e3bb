package lsmdb.core.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import lsmdb.core.CorruptionException;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.io.WritableFile;
import org.junit.jupiter.api.Test;

/** The log format on its own: records of every size across blocks, torn tails at every length, damage in the middle. */
class LogFormatTest {

    private final MemFileSystem fs = new MemFileSystem();
    private final Path path = Path.of("/log/000001.log");

    private List<byte[]> write(Random r, int n, int maxSize) throws IOException {
        fs.createDirectories(path.getParent());
        List<byte[]> records = new ArrayList<>();
        try (WritableFile f = fs.create(path); LogWriter w = new LogWriter(f)) {
            for (int i = 0; i < n; i++) {
                // Sizes around the block and header boundaries, and some large ones spanning blocks.
                int size = switch (r.nextInt(5)) {
                    case 0 -> 0;
                    case 1 -> LogFormat.BLOCK_SIZE - LogFormat.HEADER_SIZE - r.nextInt(10);
                    case 2 -> r.nextInt(3 * LogFormat.BLOCK_SIZE);
                    default -> r.nextInt(maxSize + 1);
                };
                byte[] rec = new byte[size];
                r.nextBytes(rec);
                w.addRecord(rec);
                records.add(rec);
            }
        }
        return records;
    }

    private List<byte[]> read(List<String> torn) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (ReadableFile f = fs.openForRead(path);
             LogReader r = new LogReader(f, path.toString(), (off, n, why) -> torn.add(off + ":" + n + ":" + why))) {
            for (byte[] rec = r.readRecord(); rec != null; rec = r.readRecord()) {
                out.add(rec);
            }
        }
        return out;
    }

    private byte[] contents() throws IOException {
        try (ReadableFile f = fs.openForRead(path)) {
            byte[] b = new byte[(int) f.size()];
            f.readFully(0, b, 0, b.length);
            return b;
        }
    }

    private void rewrite(byte[] b, int length) throws IOException {
        try (WritableFile f = fs.create(path)) {
            f.append(b, 0, length);
        }
    }

    /**
     * The bytes a LevelDB log holds for {@code records}: each split into fragments that fit their block, each
     * fragment behind a header (masked CRC32C of type and payload, length, type), a block's tail shorter than a
     * header zero-filled. Written here from the format's definition, independently of {@link LogWriter}.
     */
    private static byte[] leveldbLog(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int blockOffset = 0;
        for (byte[] rec : records) {
            int off = 0;
            boolean begin = true;
            do {
                int leftover = LogFormat.BLOCK_SIZE - blockOffset;
                if (leftover < LogFormat.HEADER_SIZE) {
                    out.write(new byte[leftover], 0, leftover);
                    blockOffset = 0;
                }
                int fragment = Math.min(rec.length - off, LogFormat.BLOCK_SIZE - blockOffset - LogFormat.HEADER_SIZE);
                boolean end = off + fragment == rec.length;
                byte type = begin && end ? LogFormat.FULL : begin ? LogFormat.FIRST
                        : end ? LogFormat.LAST : LogFormat.MIDDLE;
                CRC32C crc = new CRC32C();
                crc.update(type);
                crc.update(rec, off, fragment);
                int c = (int) crc.getValue();
                int masked = ((c >>> 15) | (c << 17)) + 0xa282ead8;
                out.write(new byte[] {(byte) masked, (byte) (masked >>> 8), (byte) (masked >>> 16),
                        (byte) (masked >>> 24), (byte) fragment, (byte) (fragment >>> 8), type}, 0, 7);
                out.write(rec, off, fragment);
                blockOffset += LogFormat.HEADER_SIZE + fragment;
                off += fragment;
                begin = false;
            } while (off < rec.length);
        }
        return out.toByteArray();
    }

    /** Byte for byte the LevelDB format, with block tails of every length (records ending 0 to 9 bytes short). */
    @Test
    void bytesAreLevelDbsFormat() throws Exception {
        for (int seed = 0; seed < 20; seed++) {
            List<byte[]> written = write(new Random(seed), 200, 300);
            assertArrayEquals(leveldbLog(written), contents(), "seed " + seed);
        }
    }

    @Test
    void recordsOfEverySizeRoundTrip() throws Exception {
        List<byte[]> written = write(new Random(1), 300, 200);
        List<String> torn = new ArrayList<>();
        List<byte[]> read = read(torn);
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            assertArrayEquals(written.get(i), read.get(i), "record " + i);
        }
        assertTrue(torn.isEmpty(), torn.toString());
    }

    @Test
    void everyTruncationYieldsAPrefixAndReportsTheTornTail() throws Exception {
        List<byte[]> written = write(new Random(2), 12, 5000);
        byte[] full = contents();
        Random r = new Random(3);
        for (int cut = 0; cut < full.length; cut += 1 + r.nextInt(97)) {
            rewrite(full, cut);
            List<String> torn = new ArrayList<>();
            List<byte[]> read = read(torn);
            for (int i = 0; i < read.size(); i++) {
                assertArrayEquals(written.get(i), read.get(i), "cut at " + cut + ": record " + i);
            }
            assertTrue(read.size() <= written.size());
        }
    }

    @Test
    void damageInTheMiddleIsCorruptionAndDamageAtTheEndIsATornTail() throws Exception {
        write(new Random(4), 40, 3000);
        byte[] full = contents();
        byte[] middle = full.clone();
        middle[full.length / 3] ^= 0x10;
        rewrite(middle, middle.length);
        CorruptionException e = assertThrows(CorruptionException.class, () -> read(new ArrayList<>()));
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("offset"), e.getMessage());
        byte[] end = full.clone();
        end[full.length - 3] ^= 0x10;
        rewrite(end, end.length);
        List<String> torn = new ArrayList<>();
        assertEquals(39, read(torn).size(), "only the damaged last record is dropped");
        assertEquals(1, torn.size(), torn.toString());
    }

    /** Zeros after the last record are the unwritten rest of a preallocated log: the end, not damage. */
    @Test
    void zeroFilledTailEndsTheLogQuietly() throws Exception {
        write(new Random(5), 5, 100);
        byte[] full = contents();
        byte[] padded = java.util.Arrays.copyOf(full, full.length + 5000);
        rewrite(padded, padded.length);
        List<String> torn = new ArrayList<>();
        assertEquals(5, read(torn).size());
        assertEquals(0, torn.size(), torn.toString());
        padded[full.length + 4000] = 7; // something written after the zeros: damage, reported
        rewrite(padded, padded.length);
        torn.clear();
        assertEquals(5, read(torn).size());
        assertEquals(1, torn.size(), torn.toString());
        rewrite(new byte[0], 0);
        try (ReadableFile f = fs.openForRead(path); LogReader r = new LogReader(f, "empty", (off, n, why) -> { })) {
            assertNull(r.readRecord());
        }
    }
}
