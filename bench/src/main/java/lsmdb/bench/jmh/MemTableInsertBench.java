package lsmdb.bench.jmh;

import java.util.concurrent.TimeUnit;
import lsmdb.core.format.InternalKey;
import lsmdb.core.memtable.MemTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One put into the memtable: 16-byte random keys, 100-byte values, a fresh memtable every 4 MiB (write buffer). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemTableInsertBench {

    private static final long WRITE_BUFFER = 4 << 20;

    private final byte[][] keys = Keys.random16(1 << 16, 7);
    private final byte[] value = Keys.value100(8);
    private MemTable memTable;
    private long sequence;
    private int next;

    @Setup(Level.Iteration)
    public void freshMemTable() {
        memTable = new MemTable();
    }

    @Benchmark
    public MemTable insert() {
        if (memTable.approximateMemoryUsage() >= WRITE_BUFFER) {
            memTable = new MemTable();
        }
        memTable.add(++sequence, InternalKey.KIND_PUT, keys[next++ & (keys.length - 1)], value);
        return memTable;
    }
}
