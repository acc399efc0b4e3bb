package lsmdb.sql.types;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
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

    /** {@code hh:mm[:ss[.fffffffff]]}; for a CAST also a timestamp's time of day. */
    public static LocalTime parseTime(String s, String column, boolean fromTimestamp) throws SQLException {
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            if (fromTimestamp && s.length() > 10) {
                try {
                    return LocalDateTime.parse(s.replace(' ', 'T')).toLocalTime();
                } catch (DateTimeParseException e2) {
                    // reported below
                }
            }
            throw Errors.wrongType("'" + s + "' is not a time (hh:mm:ss[.f])" + forColumn(column));
        }
    }

    /** A time as SQL writes it: {@code hh:mm:ss}, then the fraction of a second without trailing zeros. */
    public static String formatTime(LocalTime t) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() == 0) {
            return s;
        }
        String f = String.format("%09d", t.getNano()).replaceAll("0+$", "");
        return s + "." + f;
    }

    /** The 8-4-4-4-12 hexadecimal form (either case), and nothing looser. */
    public static java.util.UUID parseUuid(String s, String column) throws SQLException {
        if (s.length() != 36 || !UUID_FORM.matcher(s).matches()) {
            throw Errors.wrongType("'" + s + "' is not a UUID (8-4-4-4-12 hexadecimal digits)" + forColumn(column));
        }
        return java.util.UUID.fromString(s);
    }

    private static final java.util.regex.Pattern UUID_FORM = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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
