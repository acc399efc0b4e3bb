package lsmdb.e2e.slt;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Prints a JDBC value the way the corpus expects for its column letter, following the reference runner: {@code I}
 * an integer (reals truncated, text read as a leading number), {@code R} with three decimals, {@code T} as text with
 * the empty string as {@code (empty)} and characters outside printable ASCII as {@code @}; NULL is {@code NULL}.
 */
final class ValueFormatter {

    private ValueFormatter() {
    }

    static String format(Object value, char type) {
        if (value == null) {
            return "NULL";
        }
        return switch (type) {
            case 'I' -> Long.toString(asLong(value));
            case 'R' -> String.format(Locale.ROOT, "%.3f", asDouble(value));
            default -> asText(value);
        };
    }

    private static long asLong(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof BigDecimal d) {
            return d.longValue();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return (long) leadingNumber(value.toString());
    }

    private static double asDouble(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return leadingNumber(value.toString());
    }

    /** SQLite reads text as a number by its longest numeric prefix, 0 when there is none. */
    private static double leadingNumber(String text) {
        String s = text.trim();
        for (int end = s.length(); end > 0; end--) {
            try {
                return Double.parseDouble(s.substring(0, end));
            } catch (NumberFormatException e) {
                // shorter prefix
            }
        }
        return 0;
    }

    private static String asText(Object value) {
        String s = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (s.isEmpty()) {
            return "(empty)";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c < ' ' || c > '~' ? '@' : c);
        }
        return out.toString();
    }
}
