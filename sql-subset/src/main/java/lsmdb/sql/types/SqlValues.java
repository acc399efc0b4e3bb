package lsmdb.sql.types;

import java.math.BigDecimal;
import java.util.HexFormat;

/**
 * What the SQL layer computes with: Long for every integer (Integer only at the storage edge), Double, BigDecimal,
 * String, Boolean, byte[], java.sql.Date, java.sql.Timestamp, java.time.LocalTime (TIME) and java.util.UUID; null is
 * SQL NULL.
 */
public final class SqlValues {

    private SqlValues() {
    }

    public static boolean isIntegral(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    public static boolean isApproximate(Object v) {
        return v instanceof Double || v instanceof Float;
    }

    /** The name of a value's type, for messages. */
    public static String typeName(Object v) {
        if (isIntegral(v)) {
            return "integer";
        }
        if (isApproximate(v)) {
            return "double";
        }
        if (v instanceof BigDecimal) {
            return "decimal";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof byte[]) {
            return "binary";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof java.util.UUID) {
            return "uuid";
        }
        if (v instanceof java.time.LocalTime) {
            return "time";
        }
        if (v instanceof java.time.OffsetDateTime) {
            return "timestamp with time zone";
        }
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    /** A value as SQL text, for messages. */
    public static String show(Object v) {
        if (v instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (v instanceof byte[] b) {
            return "X'" + HexFormat.of().formatHex(b) + "'";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof java.util.UUID || v instanceof java.time.LocalTime || v instanceof java.time.OffsetDateTime) {
            return "'" + (v instanceof java.time.LocalTime t ? Temporal.formatTime(t)
                    : v instanceof java.time.OffsetDateTime o ? Temporal.formatTimestampTz(o) : v) + "'";
        }
        return String.valueOf(v);
    }

    /** SQL truth of a condition's value: TRUE only for Boolean.TRUE or a non-zero number (as SQLite allows). */
    public static boolean isTrue(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n instanceof BigDecimal d ? d.signum() != 0 : n.doubleValue() != 0;
        }
        return false;
    }
}
