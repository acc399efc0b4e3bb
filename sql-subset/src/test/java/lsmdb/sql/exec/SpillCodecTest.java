package lsmdb.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A spilled sort's values come back from its run file equal and of the same class as they went in. */
class SpillCodecTest {

    @Test
    void everyValueClassComesBackEqualAndOfItsClass() throws Exception {
        Timestamp ts = Timestamp.valueOf(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_789));
        Object[] values = {
            null, 7, -7L, Long.MIN_VALUE, (short) 3, (byte) -2, 2.5, -0.0, Double.NaN, 1.5f,
            new BigDecimal("-12345678901234567890.123"), new BigDecimal("1E+5"), BigInteger.TEN.pow(30),
            "", "plain", "été 日本語 \uD83D\uDE00", "\uD800 lone surrogate", "nul\u0000char", "x".repeat(70_000),
            true, false, new byte[0], new byte[] {-1, 0, 127},
            new UUID(-1L, 42L), LocalTime.of(23, 59, 59, 999_999_999),
            OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 5, ZoneOffset.ofHoursMinutes(-3, -30)),
            ts, java.sql.Date.valueOf("2020-02-02"), new java.sql.Time(3_600_000L), new java.util.Date(99L),
            LocalDate.of(-44, 3, 15), LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1),
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[][] scratch = {new byte[4]};
        SpillCodec.writeAll(out, values, scratch);
        SpillCodec.writeAll(out, new Object[0], scratch);
        out.flush();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Object[] back = SpillCodec.readAll(in);
        assertEquals(values.length, back.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                assertEquals(null, back[i]);
                continue;
            }
            assertEquals(values[i].getClass(), back[i].getClass(), "value " + i);
            if (values[i] instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) back[i]);
            } else if (values[i] instanceof Double d) {
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) back[i]));
            } else if (values[i] instanceof BigDecimal d) {
                assertEquals(d.scale(), ((BigDecimal) back[i]).scale());
                assertEquals(d, back[i]);
            } else {
                assertEquals(values[i], back[i], "value " + i);
            }
        }
        assertEquals(ts.getNanos(), ((Timestamp) back[26]).getNanos());
        assertEquals(0, SpillCodec.readAll(in).length);
        assertEquals(-1, in.read(), "everything written was read");
    }

    @Test
    void aValueOfAnUnknownClassIs53200NotACorruptRun() {
        DataOutputStream out = new DataOutputStream(new ByteArrayOutputStream());
        SQLException e = assertThrows(SQLException.class,
                () -> SpillCodec.write(out, new StringBuilder("x"), new byte[][] {new byte[4]}));
        assertEquals("53200", e.getSQLState());
        assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
    }
}
