package lsmdb.sql.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** For random values of every type: key encodings sort like the values, and keys and rows decode to what went in. */
class CodecPropertyTest {

    private static ColumnInfo column(SqlType t) {
        return new ColumnInfo("C", t, t == SqlType.DECIMAL ? 20 : 0, t == SqlType.DECIMAL ? 4 : 0, true, false, "T");
    }

    private static Supplier<Object> generator(SqlType t, Random r) {
        return switch (t) {
            case TINYINT -> () -> r.nextInt(256) - 128;
            case SMALLINT -> () -> r.nextInt(5) == 0 ? (r.nextBoolean() ? -32768 : 32767) : r.nextInt(65536) - 32768;
            // both halves' sign bits vary, so signed and unsigned order disagree often
            case UUID -> () -> new java.util.UUID(r.nextInt(4) == 0 ? r.nextInt(3) - 1 : r.nextLong(),
                    r.nextInt(4) == 0 ? r.nextInt(3) - 1 : r.nextLong());
            case TIME -> () -> java.time.LocalTime.ofNanoOfDay(r.nextInt(4) == 0 ? r.nextInt(2) * 86_399_999_999_999L
                    : (long) (r.nextDouble() * 86_400_000_000_000L));
            // instants near each other with offsets far apart: offset order and instant order disagree
            case TIMESTAMP_WITH_TIME_ZONE -> () -> java.time.OffsetDateTime.of(java.time.LocalDateTime.of(
                    1900 + r.nextInt(300), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
                    r.nextInt(60), r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000)),
                    java.time.ZoneOffset.ofTotalSeconds((r.nextInt(35) - 17) * 3600 + (r.nextBoolean() ? 0 : 1800)));
            case INTEGER -> () -> r.nextInt(5) == 0 ? (r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE) : r.nextInt();
            case BIGINT -> () -> r.nextInt(5) == 0 ? (long) r.nextInt(100) - 50 : r.nextLong();
            case DOUBLE -> () -> r.nextInt(4) == 0 ? (double) (r.nextInt(7) - 3) : r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10);
            case BOOLEAN -> r::nextBoolean;
            case VARCHAR, CHAR -> () -> {
                StringBuilder sb = new StringBuilder();
                for (int n = r.nextInt(6); n > 0; n--) {
                    sb.appendCodePoint(switch (r.nextInt(8)) {
                        case 0 -> 0x80 + r.nextInt(0x3000);
                        case 1 -> 0x1F600 + r.nextInt(0x40); // outside the BMP: UTF-16 order differs
                        case 2 -> r.nextBoolean() ? 0 : 0xFFFF;
                        default -> 'a' + r.nextInt(3);
                    });
                }
                return sb.toString();
            };
            case VARBINARY -> () -> {
                byte[] b = new byte[r.nextInt(5)];
                r.nextBytes(b);
                return b;
            };
            case DATE -> () -> Date.valueOf(LocalDate.ofEpochDay(r.nextInt(200_000) - 100_000));
            case TIMESTAMP -> () -> Timestamp.valueOf(LocalDateTime.of(1900 + r.nextInt(300), 1 + r.nextInt(12),
                    1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000));
            case DECIMAL -> () -> new BigDecimal(new BigInteger(r.nextInt(60) + 1, r).multiply(
                    BigInteger.valueOf(r.nextBoolean() ? 1 : -1)), 4).remainder(BigDecimal.TEN.pow(15));
        };
    }

    private static int natural(Object a, Object b) throws Exception {
        return lsmdb.sql.types.Comparison.compare(a, b);
    }

    @ParameterizedTest
    @EnumSource(SqlType.class)
    void keyEncodingSortsLikeTheValuesAndDecodesBack(SqlType type) throws Exception {
        Random r = new Random(type.ordinal());
        ColumnInfo c = column(type);
        Supplier<Object> gen = generator(type, r);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            values.add(lsmdb.sql.types.Coercion.store(gen.get(), c));
        }
        for (int i = 0; i < 2000; i++) {
            Object a = values.get(r.nextInt(values.size()));
            Object b = values.get(r.nextInt(values.size()));
            byte[] ka = KeyCodec.encode(a, c);
            byte[] kb = KeyCodec.encode(b, c);
            assertEquals(Integer.signum(natural(a, b)), Integer.signum(Arrays.compareUnsigned(ka, kb)),
                    type + ": " + lsmdb.sql.types.SqlValues.show(a) + " vs " + lsmdb.sql.types.SqlValues.show(b));
            Object back = KeyCodec.decode(ka, 0, ka.length, c);
            assertEquals(0, natural(a, back), type + " key round trip of " + lsmdb.sql.types.SqlValues.show(a));
        }
    }

    @ParameterizedTest
    @EnumSource(SqlType.class)
    void rowsRoundTripWithNulls(SqlType type) throws Exception {
        Random r = new Random(100 + type.ordinal());
        List<ColumnInfo> cols = List.of(new ColumnInfo("K", SqlType.BIGINT, 0, 0, false, true, "T"), column(type),
                column(type), column(SqlType.VARCHAR));
        Supplier<Object> gen = generator(type, r);
        for (int i = 0; i < 300; i++) {
            Object[] row = {(long) i, r.nextInt(4) == 0 ? null : lsmdb.sql.types.Coercion.store(gen.get(), cols.get(1)),
                lsmdb.sql.types.Coercion.store(gen.get(), cols.get(2)), r.nextBoolean() ? null : "s" + i};
            Object[] back = RowCodec.decode(RowEncoder.encode(row, cols, 0), (long) i, cols, 0);
            for (int j = 0; j < row.length; j++) {
                if (row[j] instanceof byte[] b) {
                    assertArrayEquals(b, (byte[]) back[j]);
                } else {
                    assertEquals(row[j], back[j], type + " column " + j);
                }
            }
        }
    }

    /**
     * A stored row cut short never decodes, and one with damaged bytes either decodes or fails as corruption: never
     * with the decoder's own exception, and never by reading past its end.
     */
    @ParameterizedTest
    @EnumSource(SqlType.class)
    void damagedRowsFailAsCorruption(SqlType type) throws Exception {
        Random r = new Random(200 + type.ordinal());
        List<ColumnInfo> cols = List.of(new ColumnInfo("K", SqlType.BIGINT, 0, 0, false, true, "T"), column(type),
                column(SqlType.VARCHAR), column(type));
        Supplier<Object> gen = generator(type, r);
        int corrupt = 0;
        for (int i = 0; i < 200; i++) {
            Object[] row = {(long) i, lsmdb.sql.types.Coercion.store(gen.get(), cols.get(1)),
                r.nextBoolean() ? null : "s" + i, lsmdb.sql.types.Coercion.store(gen.get(), cols.get(3))};
            byte[] stored = RowEncoder.encode(row, cols, 0);
            for (int cut = 0; cut < stored.length; cut++) {
                byte[] shortened = Arrays.copyOf(stored, cut);
                java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                        () -> RowCodec.decode(shortened, 0L, cols, 0), type + " cut at " + cut);
                assertInstanceOf(lsmdb.core.CorruptionException.class, e.getCause());
            }
            byte[] damaged = stored.clone();
            damaged[r.nextInt(damaged.length)] ^= (byte) (1 << r.nextInt(8));
            try {
                RowCodec.decode(damaged, 0L, cols, 0);
            } catch (java.io.UncheckedIOException e) {
                assertInstanceOf(lsmdb.core.CorruptionException.class, e.getCause());
                corrupt++;
            }
        }
        assertTrue(corrupt > 0, "some damage is detected");
    }

    @ParameterizedTest
    @EnumSource(SqlType.class)
    void patchingAStoredRowEqualsEncodingTheChangedRow(SqlType type) throws Exception {
        Random r = new Random(300 + type.ordinal());
        List<ColumnInfo> cols = List.of(new ColumnInfo("K", SqlType.BIGINT, 0, 0, false, true, "T"), column(type),
                column(SqlType.VARCHAR), column(type), column(type));
        boolean[] inKey = {true, false, false, false, false};
        Supplier<Object> gen = generator(type, r);
        Supplier<Object> text = generator(SqlType.VARCHAR, r);
        for (int i = 0; i < 300; i++) {
            Object[] row = {(long) i, null, null, null, null};
            for (int j = 1; j < row.length; j++) {
                row[j] = r.nextInt(4) == 0 ? null : lsmdb.sql.types.Coercion.store(j == 2 ? text.get() : gen.get(),
                        cols.get(j));
            }
            byte[] old = RowEncoder.encode(row, cols, inKey);
            int[] slots = r.ints(1 + r.nextInt(3), 1, row.length).distinct().toArray();
            Object[] values = new Object[slots.length];
            Object[] changed = row.clone();
            for (int j = 0; j < slots.length; j++) {
                values[j] = r.nextInt(4) == 0 ? null : lsmdb.sql.types.Coercion.store(
                        slots[j] == 2 ? text.get() : gen.get(), cols.get(slots[j]));
                changed[slots[j]] = values[j];
            }
            assertArrayEquals(RowEncoder.encode(changed, cols, inKey), RowEncoder.patch(old, cols, inKey, slots, values),
                    type + " row " + i + " slots " + Arrays.toString(slots));
        }
        // A row stored with fewer columns (before ADD COLUMN) is not patched: the caller rebuilds it.
        byte[] shorter = RowEncoder.encode(new Object[] {1L, null, "x"}, cols.subList(0, 3), new boolean[] {true, false, false});
        assertEquals(null, RowEncoder.patch(shorter, cols, inKey, new int[] {2}, new Object[] {"y"}));
    }

    /**
     * Wide rows as YCSB stores them (ten text fields) mixed with other types: patching any set of columns, none,
     * the first or the last (whose runs before and after are copied whole) equals encoding the changed row.
     */
    @org.junit.jupiter.api.Test
    void patchingWideRowsCopiesTheUnchangedRunsExactly() throws Exception {
        Random r = new Random(77);
        SqlType[] types = {SqlType.VARCHAR, SqlType.VARCHAR, SqlType.BIGINT, SqlType.VARCHAR, SqlType.DOUBLE,
                SqlType.VARCHAR, SqlType.VARCHAR, SqlType.TIMESTAMP, SqlType.VARCHAR, SqlType.VARCHAR, SqlType.VARCHAR};
        List<ColumnInfo> cols = new java.util.ArrayList<>();
        cols.add(new ColumnInfo("K", SqlType.VARCHAR, 0, 0, false, true, "T"));
        for (SqlType t : types) {
            cols.add(column(t));
        }
        boolean[] inKey = new boolean[cols.size()];
        inKey[0] = true;
        List<Supplier<Object>> gens = new java.util.ArrayList<>();
        for (ColumnInfo c : cols) {
            gens.add(generator(c.type(), r));
        }
        for (int i = 0; i < 2000; i++) {
            Object[] row = new Object[cols.size()];
            row[0] = "user" + i;
            for (int j = 1; j < row.length; j++) {
                row[j] = r.nextInt(5) == 0 ? null : lsmdb.sql.types.Coercion.store(gens.get(j).get(), cols.get(j));
            }
            byte[] old = RowEncoder.encode(row, cols, inKey);
            int[] slots = switch (i % 4) {
                case 0 -> new int[] {row.length - 1};
                case 1 -> new int[] {1};
                case 2 -> new int[0];
                default -> r.ints(1 + r.nextInt(4), 1, row.length).distinct().toArray();
            };
            Object[] values = new Object[slots.length];
            Object[] changed = row.clone();
            for (int j = 0; j < slots.length; j++) {
                values[j] = r.nextInt(5) == 0 ? null
                        : lsmdb.sql.types.Coercion.store(gens.get(slots[j]).get(), cols.get(slots[j]));
                changed[slots[j]] = values[j];
            }
            assertArrayEquals(RowEncoder.encode(changed, cols, inKey), RowEncoder.patch(old, cols, inKey, slots, values),
                    "row " + i + " slots " + Arrays.toString(slots));
        }
    }

    @org.junit.jupiter.api.Test
    void stringsCompareInUtf8ByteOrder() {
        Random r = new Random(7);
        Supplier<Object> gen = generator(SqlType.VARCHAR, r);
        for (int i = 0; i < 20_000; i++) {
            String a = (String) gen.get();
            String b = (String) gen.get();
            int bytes = Integer.signum(Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    b.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(bytes, Integer.signum(lsmdb.sql.types.Comparison.compareCodePoints(a, b)), a + " vs " + b);
        }
        assertEquals(-1, Integer.signum(lsmdb.sql.types.Comparison.compareCodePoints("\uFFFF", "\uD83D\uDE00")), "BMP max before emoji");
    }
}
