package lsmdb.sql.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;
import org.junit.jupiter.api.Test;

/**
 * {@link StoredSpan} against {@code RowSpans.spans} (the model) over random rows of every type, NULLs, key columns
 * and rows stored before columns were added.
 */
class StoredSpanTest {

    private static final SqlType[] TYPES = SqlType.values();

    private static Object value(SqlType type, Random r) {
        return switch (type) {
            case TINYINT, SMALLINT, INTEGER -> r.nextInt(1 << r.nextInt(31)) - (1 << 20);
            case BIGINT -> r.nextLong() >> r.nextInt(64);
            case DOUBLE -> r.nextDouble();
            case BOOLEAN -> r.nextBoolean();
            case VARCHAR, CHAR -> "x".repeat(r.nextInt(r.nextBoolean() ? 20 : 300)) + "é";
            case VARBINARY -> new byte[r.nextInt(200)];
            case TIMESTAMP -> new Timestamp(r.nextLong() >> 20);
            case DATE -> Date.valueOf(java.time.LocalDate.ofEpochDay(r.nextInt(100_000) - 50_000));
            case DECIMAL -> new BigDecimal(new BigInteger(r.nextInt(200) + 1, r), r.nextInt(20));
            case UUID -> new UUID(r.nextLong(), r.nextLong());
            case TIME -> LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L));
            case TIMESTAMP_WITH_TIME_ZONE -> OffsetDateTime.of(2020, 1, 1, 0, 0, 0, r.nextInt(1_000_000_000),
                    ZoneOffset.ofTotalSeconds((r.nextInt(36) - 18) * 3600)).plusSeconds(r.nextInt());
        };
    }

    @Test
    void findsWhatRowCodecSpansFinds() {
        Random r = new Random(11);
        for (int round = 0; round < 3000; round++) {
            int n = 1 + r.nextInt(8);
            List<ColumnInfo> columns = new ArrayList<>();
            boolean[] inKey = new boolean[n];
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                SqlType t = TYPES[r.nextInt(TYPES.length)];
                columns.add(new ColumnInfo("c" + i, t, 0, 0, true, false, "t"));
                inKey[i] = r.nextInt(6) == 0;
                row[i] = r.nextInt(4) == 0 ? null : value(t, r);
            }
            byte[] stored = RowEncoder.encode(row, columns, inKey);
            // a row stored before the last columns were added: fewer columns, the rest read as NULL
            int storedColumns = r.nextInt(4) == 0 ? 1 + r.nextInt(n) : n;
            if (storedColumns < n) {
                stored = RowEncoder.encode(Arrays.copyOf(row, storedColumns), columns.subList(0, storedColumns),
                        Arrays.copyOf(inKey, storedColumns));
            }
            byte[] buffer = Arrays.copyOf(stored, stored.length + 16 + r.nextInt(3)); // a reused, longer buffer
            for (int c = 0; c < n; c++) {
                if (inKey[c]) {
                    continue;
                }
                int[] starts = new int[1];
                int[] ends = new int[1];
                RowSpans.spans(stored, columns, inKey, new int[] {c}, starts, ends);
                StoredSpan span = new StoredSpan(columns, inKey, c);
                boolean found = span.find(buffer, stored.length);
                String what = "round " + round + " column " + c + " of " + columns;
                assertEquals(starts[0] >= 0, found, what);
                if (found) {
                    assertEquals(starts[0], span.start(), what);
                    assertEquals(ends[0], span.end(), what);
                }
            }
        }
    }

    @Test
    void aRowCutShortIsRefused() {
        List<ColumnInfo> columns = List.of(new ColumnInfo("a", SqlType.VARCHAR, 0, 0, true, false, "t"),
                new ColumnInfo("b", SqlType.BIGINT, 0, 0, true, false, "t"));
        boolean[] inKey = new boolean[2];
        byte[] stored = RowEncoder.encode(new Object[] {"hello", 1L << 40}, columns, inKey);
        StoredSpan span = new StoredSpan(columns, inKey, 1);
        for (int cut = 0; cut < stored.length; cut++) {
            int length = cut;
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                    () -> span.find(stored, length), "cut at " + cut);
            assertInstanceOf(lsmdb.core.CorruptionException.class, e.getCause(), "a row cut short is corruption");
        }
    }
}
