package lsmdb.sql.types;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
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

    /** An ISO date and time with an offset ({@code Z}, {@code +hh}, {@code +hh:mm}), a space allowed before it. */
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendLiteral(' ').optionalEnd()
            .parseLenient().appendOffset("+HH:MM:ss", "Z").toFormatter();

    /**
     * {@code yyyy-mm-dd hh:mm:ss[.f]+hh:mm}; without an offset, a timestamp in the session's (the JVM's) time zone,
     * as H2 reads one.
     */
    public static OffsetDateTime parseTimestampTz(String s, String column) throws SQLException {
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            return OffsetDateTime.parse(iso, WITH_OFFSET);
        } catch (DateTimeParseException e) {
            try {
                return atSessionZone(parseTimestamp(s, column).toLocalDateTime());
            } catch (SQLException e2) {
                throw Errors.wrongType("'" + s + "' is not a timestamp with time zone (yyyy-mm-dd hh:mm:ss[.f]+hh:mm)"
                        + forColumn(column));
            }
        }
    }

    /** Whether a timestamp's text ends with an offset: {@code Z} or a sign after the time of day. */
    public static boolean hasOffset(String s) {
        String t = s.trim();
        if (t.length() <= 10) {
            return false;
        }
        String time = t.substring(10);
        return time.endsWith("Z") || time.endsWith("z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }

    /** A local date and time in the session's (the JVM's) time zone. */
    public static OffsetDateTime atSessionZone(LocalDateTime t) {
        return t.atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }

    /** As SQL writes it: {@code yyyy-mm-dd hh:mm:ss[.f]+hh:mm}. */
    public static String formatTimestampTz(OffsetDateTime t) {
        String offset = t.getOffset().getTotalSeconds() == 0 ? "+00:00" : t.getOffset().getId();
        return t.toLocalDate() + " " + formatTime(t.toLocalTime()) + offset;
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
        if (v instanceof OffsetDateTime o) {
            return Timestamp.valueOf(o.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime());
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
