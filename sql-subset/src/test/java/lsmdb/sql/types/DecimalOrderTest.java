package lsmdb.sql.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DecimalOrder} against {@link BigDecimal#compareTo}, the exact order: equal values of different scales,
 * neighbours one unit in the last place apart at 14 to 18 significant digits (past 15 their doubles collide, so those
 * must be compared exactly), zeros, negatives, scales far outside the doubles' exact range, and values too large for
 * a long.
 */
class DecimalOrderTest {

    private final Random r = new Random(29);

    @Test
    void ordersAsCompareToDoes() {
        for (int i = 0; i < 200_000; i++) {
            BigDecimal a = random();
            BigDecimal b = switch (r.nextInt(4)) {
                case 0 -> a.setScale(a.scale() + r.nextInt(3), java.math.RoundingMode.UNNECESSARY); // equal, rescaled
                case 1 -> a.add(BigDecimal.ONE.movePointLeft(a.scale())); // one unit in the last place above
                case 2 -> a.subtract(BigDecimal.ONE.movePointLeft(a.scale())).negate(); // a neighbour's negation
                default -> random();
            };
            assertEquals(a.compareTo(b), DecimalOrder.compare(a, b), a + " vs " + b);
            assertEquals(b.compareTo(a), DecimalOrder.compare(b, a), b + " vs " + a);
        }
    }

    @Test
    void neighboursPastFifteenDigitsStayApart() {
        // 0.10000000000000000 and 0.10000000000000001 (17 digits) are the same nearest double
        BigDecimal a = new BigDecimal("0.10000000000000000");
        BigDecimal b = new BigDecimal("0.10000000000000001");
        assertEquals(a.doubleValue(), b.doubleValue(), "the case needs colliding doubles");
        assertEquals(-1, DecimalOrder.compare(a, b));
        assertEquals(1, DecimalOrder.compare(b, a));
        // 1E-400 and 2E-400 are both 0.0 as doubles
        assertEquals(-1, DecimalOrder.compare(new BigDecimal("1E-400"), new BigDecimal("2E-400")));
        assertEquals(0, DecimalOrder.compare(new BigDecimal("1.50"), new BigDecimal("1.5")));
        assertEquals(0, DecimalOrder.compare(BigDecimal.ZERO, new BigDecimal("0.000")));
    }

    private BigDecimal random() {
        int digits = 1 + r.nextInt(r.nextInt(5) == 0 ? 30 : 18);
        BigInteger u = new BigInteger(digits * 4, r).mod(BigInteger.TEN.pow(digits));
        if (r.nextBoolean()) {
            u = u.negate();
        }
        int scale = r.nextInt(8) == 0 ? r.nextInt(80) - 40 : r.nextInt(6);
        return new BigDecimal(u, scale);
    }
}
