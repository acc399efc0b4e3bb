package lsmdb.sql.types;

import java.math.BigDecimal;

/**
 * The values number and string literals denote, from their text: one rule for the binder's literals and for the
 * literals a statement run as text passes as parameters (parse.LiteralParameters), so both store the same value.
 */
public final class LiteralText {

    private LiteralText() {
    }

    /** An integer literal's value: a Long, or an exact DECIMAL past BIGINT's range. */
    public static Object integer(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return new BigDecimal(digits);
        }
    }

    /**
     * A literal with a point or an exponent: with an exponent an approximate DOUBLE, else an exact DECIMAL (SQL's
     * approximate and exact numerics); null if the text is no number.
     */
    public static Object decimal(String text) {
        if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            return Double.parseDouble(text);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A string literal's value from the text between its quotes: each doubled quote stands for one. */
    public static String string(String inner) {
        return inner.indexOf('\'') < 0 ? inner : inner.replace("''", "'");
    }
}
