package lsmdb.sql.session;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Parameter values as JDBC setters give them, in the classes the SQL layer computes with. */
final class Parameters {

    private static final Object[] NONE = new Object[0];

    private Parameters() {
    }

    static Object[] normalise(Object[] given) {
        if (given == null || given.length == 0) {
            return NONE;
        }
        // Copied only when a value changes class: the caller hands over an array it no longer changes (Session).
        Object[] out = given;
        for (int i = 0; i < out.length; i++) {
            Object v = out[i];
            Object n = normalise(v);
            if (n != v) {
                if (out == given) {
                    out = given.clone();
                }
                out[i] = n;
            }
        }
        return out;
    }

    private static Object normalise(Object v) {
        if (v == null || v instanceof Long || v instanceof String || v instanceof Integer || v instanceof Double) {
            return v; // the usual classes, decided in one test each
        }
        if (v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        } else if (v instanceof Float f) {
            return f.doubleValue();
        } else if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        } else if (v instanceof Character c) {
            return c.toString();
        } else if (v instanceof LocalDate d) {
            return java.sql.Date.valueOf(d);
        } else if (v instanceof LocalDateTime t) {
            return Timestamp.valueOf(t);
        } else if (v instanceof java.util.Date d && !(v instanceof java.sql.Date) && !(v instanceof Timestamp)
                && !(v instanceof java.sql.Time)) {
            return new Timestamp(d.getTime());
        }
        return v;
    }
}
