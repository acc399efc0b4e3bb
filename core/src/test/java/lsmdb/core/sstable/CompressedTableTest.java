package lsmdb.core.sstable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.Compression;
import lsmdb.core.Options;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.io.RealFileSystem;
import lsmdb.core.io.WritableFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tables written with each codec read back entry for entry, mapped or through the block cache. */
class CompressedTableTest {

    @TempDir
    Path tmp;

    /** Values half random, half a repeated byte: they compress to about half (db_bench's default ratio). */
    private static TreeMap<byte[], byte[]> entries(Random r, boolean compressible) {
        TreeMap<byte[], byte[]> model = new TreeMap<>(InternalKey.ORDER);
        for (int i = 0; i < 5000; i++) {
            byte[] value = new byte[r.nextInt(200)];
            r.nextBytes(value);
            if (compressible) {
                Arrays.fill(value, value.length / 2, value.length, (byte) 'x');
            }
            model.put(InternalKey.encode(String.format("key%06d", i).getBytes(), i + 1, InternalKey.KIND_PUT), value);
        }
        return model;
    }

    private static long write(FileSystem fs, Path path, Options options, TreeMap<byte[], byte[]> model)
            throws IOException {
        try (WritableFile f = fs.create(path)) {
            TableBuilder b = new TableBuilder(options, f);
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
            return b.finish();
        }
    }

    private static void checkAll(Table t, TreeMap<byte[], byte[]> model) throws IOException {
        try (InternalIterator it = t.iterator()) {
            it.seekToFirst();
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                assertTrue(it.isValid());
                assertArrayEquals(e.getKey(), it.key());
                assertArrayEquals(e.getValue(), it.value());
                it.next();
            }
            assertTrue(!it.isValid());
        }
        for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
            Table.Entry found = t.get(e.getKey());
            assertNotNull(found);
            assertArrayEquals(e.getValue(), found.value());
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripThroughTheBlockCacheAndTheMapping(Compression codec) throws IOException {
        TreeMap<byte[], byte[]> model = entries(new Random(codec.ordinal()), true);
        Options options = Options.defaults().withCompression(codec);
        MemFileSystem mem = new MemFileSystem();
        Path memPath = Path.of("/t/000001.sst");
        mem.createDirectories(memPath.getParent());
        long size = write(mem, memPath, options, model);
        long plain = write(mem, Path.of("/t/000002.sst"), Options.defaults(), model);
        if (codec == Compression.NONE) {
            assertEquals(plain, size);
        } else {
            assertTrue(size < plain * 0.7, codec + ": " + size + " bytes against " + plain + " uncompressed");
        }
        ReadableFile f = mem.openForRead(memPath);
        BlockCache cache = new BlockCache(1 << 20);
        try (Table t = Table.open(f, memPath.toString(), 1, f.size(), cache)) {
            checkAll(t, model);
            checkAll(t, model); // the second pass from cached decoded blocks
            assertTrue(cache.hits() > 0);
        }
        Path real = tmp.resolve("000003.sst");
        write(RealFileSystem.INSTANCE, real, options, model);
        ReadableFile mapped = RealFileSystem.INSTANCE.openImmutable(real);
        assertNotNull(mapped.mapping());
        try (Table t = Table.open(mapped, real.toString(), 3, mapped.size(), new BlockCache(1 << 20))) {
            checkAll(t, model);
        }
        ReadableFile uncached = RealFileSystem.INSTANCE.openImmutable(real);
        try (Table t = Table.open(uncached, real.toString(), 3, uncached.size(), new BlockCache(0))) {
            checkAll(t, model); // no cache: decoded at every read, still right
        }
    }

    /** Blocks that compression would not shrink by an eighth are stored as they are: no cost to read them. */
    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void incompressibleBlocksAreStoredUncompressed(Compression codec) throws IOException {
        TreeMap<byte[], byte[]> model = entries(new Random(9), false);
        MemFileSystem mem = new MemFileSystem();
        mem.createDirectories(Path.of("/t"));
        long size = write(mem, Path.of("/t/000001.sst"), Options.defaults().withCompression(codec), model);
        long plain = write(mem, Path.of("/t/000002.sst"), Options.defaults(), model);
        assertEquals(plain, size, codec + " must leave blocks it cannot shrink by an eighth alone");
        ReadableFile f = mem.openForRead(Path.of("/t/000001.sst"));
        try (Table t = Table.open(f, "000001.sst", 1, f.size(), new BlockCache(1 << 20))) {
            checkAll(t, model);
        }
    }
}
