package lsmdb.sql.types;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import lsmdb.sql.Errors;

/** Parsing of date, timestamp and binary literals (ISO forms, as SPEC §7 accepts them). */
public final class Temporal {

    private Temporal() {
    }

    public static Date parseDate(String s, String column) throws SQLException {
        try {
            return Date.valueOf(LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw Errors.wrongType("'" + s + "' is not a date (yyyy-mm-dd)" + forColumn(column));
        }
    }

    public static Timestamp parseTimestamp(String s, String column) throws SQLException {
        try {
            if (s.length() == 10) {
                return Timestamp.valueOf(LocalDate.parse(s).atStartOfDay());
            }
            return Timestamp.valueOf(LocalDateTime.parse(s.replace(' ', 'T')));
        } catch (DateTimeParseException e) {
            throw Errors.wrongType("'" + s + "' is not a timestamp (yyyy-mm-dd hh:mm:ss[.f])" + forColumn(column));
        }
    }

    public static byte[] parseHex(String digits) throws SQLException {
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw Errors.syntax("bad binary literal X'" + digits + "'");
        }
    }

    /** A date or timestamp as a timestamp (dates at midnight); null for anything else or an unparsable string. */
    static Timestamp asTimestamp(Object v) {
        if (v instanceof Timestamp t) {
            return t;
        }
        if (v instanceof Date d) {
            return Timestamp.valueOf(d.toLocalDate().atStartOfDay());
        }
        if (v instanceof String s) {
            try {
                return parseTimestamp(s.trim(), null);
            } catch (SQLException e) {
                return null;
            }
        }
        return null;
    }

    private static String forColumn(String column) {
        return column == null ? "" : " for column " + column;
    }
}
