package lsmdb.bench.jmh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import lsmdb.core.Options;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.WritableFile;
import lsmdb.core.sstable.Table;
import lsmdb.core.sstable.TableBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lookups in one SSTable of 100,000 entries (16-byte keys, 100-byte values, 4 KiB blocks, 10 bits/key bloom) held
 * in memory with every block in the block cache: index seek + data block seek, without file I/O.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlockSeekBench {

    private static final int ENTRIES = 100_000;

    private Table table;
    private InternalIterator cursor;
    private byte[][] presentSeeks;
    private byte[][] absentSeeks;
    private int next;

    @Setup
    public void buildTable() throws IOException {
        MemFileSystem fs = new MemFileSystem();
        Path path = Path.of("/bench/000001.sst");
        fs.createDirectories(path.getParent());
        Options options = Options.defaults().withFileSystem(fs);
        byte[] value = Keys.value100(3);
        long size;
        try (WritableFile file = fs.create(path)) {
            TableBuilder builder = new TableBuilder(options, file);
            for (int i = 0; i < ENTRIES; i++) {
                builder.add(InternalKey.encode(Keys.key(2L * i), i + 1, InternalKey.KIND_PUT), value);
            }
            size = builder.finish();
        }
        table = Table.open(fs.openForRead(path), path.toString(), 1, size, new BlockCache(64L << 20));
        cursor = table.iterator();
        SplittableRandom r = new SplittableRandom(5);
        presentSeeks = new byte[1 << 14][];
        absentSeeks = new byte[1 << 14][];
        for (int i = 0; i < presentSeeks.length; i++) {
            long n = r.nextInt(ENTRIES);
            presentSeeks[i] = InternalKey.forSeek(Keys.key(2 * n), InternalKey.MAX_SEQUENCE);
            absentSeeks[i] = InternalKey.forSeek(Keys.key(2 * n + 1), InternalKey.MAX_SEQUENCE);
        }
    }

    @TearDown
    public void close() throws IOException {
        cursor.close();
        table.close();
    }

    /** A point lookup of a present key: bloom check, index seek, data block seek. */
    @Benchmark
    public Table.Entry getPresent() throws IOException {
        return table.get(presentSeeks[next++ & (presentSeeks.length - 1)]);
    }

    /** A point lookup of an absent key: mostly answered by the bloom filter. */
    @Benchmark
    public Table.Entry getAbsent() throws IOException {
        return table.get(absentSeeks[next++ & (absentSeeks.length - 1)]);
    }

    /** A seek of a reused table iterator. */
    @Benchmark
    public byte[] iteratorSeek() {
        cursor.seek(presentSeeks[next++ & (presentSeeks.length - 1)]);
        return cursor.key();
    }
}
