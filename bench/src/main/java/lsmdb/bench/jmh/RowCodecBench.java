package lsmdb.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;
import lsmdb.sql.codec.KeyCodec;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.codec.RowEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Key and row encoding of peer-bench's jdbc table {@code kv (k BIGINT PRIMARY KEY, v VARCHAR(100))}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RowCodecBench {

    private static final ColumnInfo K = new ColumnInfo("K", SqlType.BIGINT, 0, 0, false, true, "KV");
    private static final ColumnInfo V = new ColumnInfo("V", SqlType.VARCHAR, 100, 0, true, false, "KV");
    private static final List<ColumnInfo> COLUMNS = List.of(K, V);

    private final Object[] row = {123_456_789L, "aZ3".repeat(33) + "q"};
    private final byte[] encodedKey = KeyCodec.encode(row[0], K);
    private final byte[] encodedRow = RowEncoder.encode(row, COLUMNS, 0);

    @Benchmark
    public byte[] encodeKey() {
        return KeyCodec.encode(row[0], K);
    }

    @Benchmark
    public Object decodeKey() {
        return KeyCodec.decode(encodedKey, 0, encodedKey.length, K);
    }

    @Benchmark
    public byte[] encodeRow() {
        return RowEncoder.encode(row, COLUMNS, 0);
    }

    @Benchmark
    public Object[] decodeRow() {
        return RowCodec.decode(encodedRow, row[0], COLUMNS, 0);
    }
}
