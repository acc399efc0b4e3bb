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
        Object[] out = given.clone();
        for (int i = 0; i < out.length; i++) {
            Object v = out[i];
            if (v instanceof Short || v instanceof Byte) {
                out[i] = ((Number) v).longValue();
            } else if (v instanceof Float f) {
                out[i] = f.doubleValue();
            } else if (v instanceof BigInteger b) {
                out[i] = new BigDecimal(b);
            } else if (v instanceof Character c) {
                out[i] = c.toString();
            } else if (v instanceof LocalDate d) {
                out[i] = java.sql.Date.valueOf(d);
            } else if (v instanceof LocalDateTime t) {
                out[i] = Timestamp.valueOf(t);
            } else if (v instanceof java.util.Date d && !(v instanceof java.sql.Date) && !(v instanceof Timestamp)
                    && !(v instanceof java.sql.Time)) {
                out[i] = new Timestamp(d.getTime());
            }
        }
        return out;
    }
}
