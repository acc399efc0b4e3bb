package lsmdb.sql.bind;

import java.sql.SQLException;
import lsmdb.sql.Errors;
import lsmdb.sql.types.LiteralText;
import lsmdb.sql.types.Temporal;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;

/**
 * Literal values: integers as Long (or DECIMAL past its range), numbers with a point as exact DECIMAL and with an
 * exponent as DOUBLE (SQL's exact and approximate numerics), strings with {@code ''} unescaped, typed date and
 * timestamp literals, {@code X'..'} binaries.
 */
final class Literals {

    static final Object NOT_A_LITERAL = new Object();

    private Literals() {
    }

    static Object value(Expression e) throws SQLException {
        if (e instanceof LongValue l) {
            return LiteralText.integer(l.getStringValue());
        }
        if (e instanceof DoubleValue d) {
            Object v = LiteralText.decimal(d.toString());
            return v != null ? v : d.getValue();
        }
        if (e instanceof StringValue s) {
            String prefix = s.getPrefix();
            if (prefix != null && !prefix.equalsIgnoreCase("N")) {
                throw Errors.unsupported("string literals with the prefix " + prefix);
            }
            return LiteralText.string(s.getValue());
        }
        if (e instanceof BooleanValue b) {
            return b.getValue();
        }
        if (e instanceof HexValue h) {
            String v = h.getValue().strip();
            if (!v.toUpperCase(java.util.Locale.ROOT).startsWith("X'")) {
                return h.getLong();
            }
            // Taken from the token itself: the value keeps a stray closing quote in some contexts.
            int close = v.indexOf('\'', 2);
            if (close < 0) {
                throw Errors.syntax("bad binary literal " + v);
            }
            return Temporal.parseHex(v.substring(2, close));
        }
        if (e instanceof DateTimeLiteralExpression d) {
            String v = d.getValue();
            String text = v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
            return switch (d.getType()) {
                case DATE -> Temporal.parseDate(text, null);
                // with an offset ('2026-01-31 12:00:00+02:00') a TIMESTAMP WITH TIME ZONE, as SPEC §3.1 writes it
                case TIMESTAMP -> Temporal.hasOffset(text) ? Temporal.parseTimestampTz(text, null)
                        : Temporal.parseTimestamp(text, null);
                case TIME -> Temporal.parseTime(text, null, false);
                default -> throw Errors.unsupported(d.getType() + " literals");
            };
        }
        if (e instanceof DateValue d) {
            return d.getValue();
        }
        if (e instanceof TimestampValue t) {
            return t.getValue();
        }
        return NOT_A_LITERAL;
    }
}
