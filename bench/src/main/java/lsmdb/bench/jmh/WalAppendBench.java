package lsmdb.bench.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import lsmdb.core.io.WritableFile;
import lsmdb.core.wal.LogWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One WAL record append: framing into 32 KiB blocks and CRC32C. The file keeps only a byte count, so this measures
 * the log writer's own cost, not the OS (DbBench's fill phases measure the whole path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WalAppendBench {

    /** A put of a 16-byte key and 100-byte value is ~130 bytes as a batch record; 4 KiB is a large batch. */
    @Param({"130", "4096"})
    public int recordSize;

    private final CountingFile file = new CountingFile();
    private final LogWriter log = new LogWriter(file);
    private byte[] record;

    @org.openjdk.jmh.annotations.Setup
    public void setUp() {
        record = new byte[recordSize];
        for (int i = 0; i < record.length; i++) {
            record[i] = (byte) (i * 31);
        }
    }

    @Benchmark
    public long append() throws IOException {
        log.addRecord(record);
        return log.size();
    }

    /** Counts appended bytes and drops them. */
    private static final class CountingFile implements WritableFile {
        private long size;

        @Override
        public void append(byte[] data, int offset, int length) {
            size += length;
        }

        @Override
        public void flush() {
        }

        @Override
        public void sync() {
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void close() {
        }
    }
}
