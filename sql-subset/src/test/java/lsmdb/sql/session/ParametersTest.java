package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Parameter values in the SQL layer's classes, without ever writing into the caller's array. */
class ParametersTest {

    @Test
    void convertsSetterClassesAndLeavesTheCallersArrayAlone() {
        Object[] given = {(short) 3, (byte) 4, 1.5f, BigInteger.TEN, 'c', LocalDate.of(2020, 1, 2),
            LocalDateTime.of(2020, 1, 2, 3, 4, 5), new java.util.Date(1000), 7L, "s", 8, 9.5, null};
        Object[] copy = given.clone();
        Object[] out = Parameters.normalise(given);
        assertArrayEquals(copy, given, "the caller's array was changed");
        assertArrayEquals(new Object[] {3L, 4L, 1.5d, new BigDecimal(10), "c", java.sql.Date.valueOf("2020-01-02"),
            Timestamp.valueOf("2020-01-02 03:04:05"), new Timestamp(1000), 7L, "s", 8, 9.5, null}, out);
        assertEquals(Timestamp.class, out[7].getClass());
    }

    @Test
    void valuesAlreadyInTheirClassesComeBackAsGiven() {
        Object[] given = {1L, "a", 2, 3.0, null, true, new byte[] {1}, BigDecimal.ONE};
        Object[] out = Parameters.normalise(given);
        assertArrayEquals(given, out);
        assertEquals(0, Parameters.normalise(new Object[0]).length);
        assertEquals(0, Parameters.normalise(null).length);
    }
}
