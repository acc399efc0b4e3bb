package lsmdb.sql.types;

import java.math.BigDecimal;

/**
 * The order of two DECIMAL values as a sort ranks them row after row, without a branch that only equal values take.
 * {@link BigDecimal#compareTo} returns 0 on a branch of its own; a top-N whose warm-up never met two equal amounts
 * has that branch compiled as a trap, and the first tie then throws the compiled ranking away (a deoptimization and
 * a recompile inside a short query phase). Here equal values flow through the same instructions as unequal ones.
 */
public final class DecimalOrder {

    private DecimalOrder() {
    }

    /**
     * Significant digits up to which distinct decimals have distinct nearest doubles (IEEE 754's 15-digit round
     * trip) in the normal range, so comparing the doubles ({@link BigDecimal#doubleValue} rounds correctly) is exact.
     */
    static final int EXACT_DIGITS = 15;

    /** Scales within which such a decimal's magnitude stays between 1e-22 and 1e37, far inside the normal range. */
    static final int MAX_SCALE = 22;

    /** Negative, zero or positive as {@code a} is less than, equal to or greater than {@code b}, by value. */
    public static int compare(BigDecimal a, BigDecimal b) {
        if (exactAsDouble(a) && exactAsDouble(b)) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            // two flags subtracted: no branch of its own for equal values
            return (x > y ? 1 : 0) - (x < y ? 1 : 0);
        }
        return a.compareTo(b);
    }

    /** Whether {@code d}'s nearest double orders it exactly among every other such decimal. */
    private static boolean exactAsDouble(BigDecimal d) {
        int scale = d.scale();
        return d.precision() <= EXACT_DIGITS && scale <= MAX_SCALE && scale >= -MAX_SCALE;
    }
}
