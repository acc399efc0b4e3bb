package lsmdb.sql.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import lsmdb.core.format.ForwardCount.ValueTest;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;
import org.junit.jupiter.api.Test;

/**
 * {@link StoredPrefix} against the decoded row: for random layouts (key columns before and after the tested one, a
 * TIMESTAMP WITH TIME ZONE key whose offset is stored, more than eight columns), NULLs, strings of 128 bytes and
 * more, and multi-byte characters, the head test never contradicts the string's own {@code startsWith}, and the
 * whole-value test always agrees with it. The head test is also asked with the value's first eight bytes as one word
 * ({@code testHeadWord}, as a block asks it), with other bytes past a short value.
 */
class StoredPrefixTest {

    private static final SqlType[] OTHERS = {SqlType.BIGINT, SqlType.INTEGER, SqlType.DOUBLE, SqlType.BOOLEAN,
        SqlType.VARCHAR, SqlType.TIMESTAMP_WITH_TIME_ZONE};

    @Test
    void headAndWholeValueAgreeWithTheDecodedString() {
        Random r = new Random(42);
        int decidedByHead = 0;
        int decidedByWord = 0;
        int passed = 0;
        for (int layout = 0; layout < 300; layout++) {
            int n = 2 + r.nextInt(11);
            int column = r.nextInt(n);
            List<ColumnInfo> columns = new ArrayList<>();
            boolean[] inKey = new boolean[n];
            for (int i = 0; i < n; i++) {
                SqlType t = i == column ? SqlType.VARCHAR : OTHERS[r.nextInt(OTHERS.length)];
                columns.add(new ColumnInfo("C" + i, t, 0, 0, true, false, "T"));
                // the columns before the tested one are usually all in the key, as in a table keyed by its first column
                inKey[i] = i != column && (i < column ? r.nextInt(6) != 0 : r.nextInt(4) == 0);
            }
            for (int row = 0; row < 200; row++) {
                Object[] values = new Object[n];
                for (int i = 0; i < n; i++) {
                    values[i] = r.nextInt(8) == 0 ? null : value(columns.get(i).type(), r);
                }
                byte[] stored = RowEncoder.encode(values, columns, inKey);
                String s = (String) values[column];
                String prefix = s != null && r.nextInt(3) != 0 ? s.substring(0,
                        s.offsetByCodePoints(0, Math.min(s.codePointCount(0, s.length()), r.nextInt(5))))
                        : randomString(r, r.nextInt(4));
                byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
                boolean expected = s != null && s.startsWith(prefix);
                ValueTest test = new StoredPrefix(columns, inKey, column, p);
                // the whole value, in a buffer with bytes past its end as a reused one has
                byte[] buffer = Arrays.copyOf(stored, stored.length + 16);
                Arrays.fill(buffer, stored.length, buffer.length, (byte) 'a');
                assertEquals(expected, test.test(buffer, stored.length), "whole value " + Arrays.toString(values));
                if (test.headBytes() > 0) {
                    byte[] head = new byte[test.headBytes() + 8];
                    Arrays.fill(head, (byte) 'a');
                    System.arraycopy(stored, 0, head, 0, Math.min(test.headBytes(), stored.length));
                    int verdict = test.testHead(head, stored.length);
                    if (verdict != ValueTest.UNSURE) {
                        decidedByHead++;
                        assertEquals(expected ? ValueTest.PASS : ValueTest.FAIL, verdict,
                                "head of " + Arrays.toString(values) + " for '" + prefix + "'");
                    }
                    // the first eight bytes as one little-endian word, bytes past the value as a block has them
                    byte[] eight = Arrays.copyOf(stored, Math.max(8, stored.length));
                    Arrays.fill(eight, stored.length, eight.length, (byte) 0xa5);
                    int wordVerdict = test.testHeadWord(java.nio.ByteBuffer.wrap(eight)
                            .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0), stored.length);
                    if (wordVerdict != ValueTest.UNSURE) {
                        decidedByWord++;
                        assertEquals(expected ? ValueTest.PASS : ValueTest.FAIL, wordVerdict,
                                "head word of " + Arrays.toString(values) + " for '" + prefix + "'");
                    }
                }
                passed += expected ? 1 : 0;
            }
        }
        assertTrue(decidedByHead > 10_000, "the head test decided " + decidedByHead);
        assertTrue(decidedByWord > 5_000, "the head word test decided " + decidedByWord);
        assertTrue(passed > 5_000, passed + " rows passed");
    }

    private static Object value(SqlType t, Random r) {
        return switch (t) {
            case BIGINT -> r.nextLong();
            case INTEGER -> r.nextInt();
            case DOUBLE -> r.nextDouble();
            case BOOLEAN -> r.nextBoolean();
            case TIMESTAMP_WITH_TIME_ZONE -> java.time.OffsetDateTime.of(2020, 1, 1, 0, 0, r.nextInt(60), 0,
                    java.time.ZoneOffset.ofHours(r.nextInt(20) - 10));
            default -> randomString(r, r.nextInt(5) == 0 ? 100 + r.nextInt(100) : r.nextInt(12));
        };
    }

    private static String randomString(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(switch (r.nextInt(10)) {
                case 0 -> 0x80 + r.nextInt(0x700);
                case 1 -> 0x1F600 + r.nextInt(0x10);
                default -> 'a' + r.nextInt(3);
            });
        }
        return sb.toString();
    }
}
