package lsmdb.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** The driver's own errors (SPEC §5). */
final class Jdbc {

    private Jdbc() {
    }

    /** An optional JDBC method this driver does not implement. Only for methods tools do not call routinely. */
    static SQLFeatureNotSupportedException unsupported(String method) {
        return new SQLFeatureNotSupportedException(method + " is not supported by lsmdb", "0A000");
    }

    static SQLException closedStatement(String what) {
        return new SQLException(what + " is closed", "HY010");
    }

    /** The time of day of {@code t}, milliseconds included ({@code Time.toLocalTime} drops them). */
    static java.time.LocalTime localTime(java.sql.Time t) {
        return t.toLocalTime().plusNanos(Math.floorMod(t.getTime(), 1000L) * 1_000_000L);
    }

    static SQLException badValue(String message) {
        return new java.sql.SQLDataException(message, "22018");
    }
}
