package lsmdb.core.format;

import java.nio.file.Path;

/**
 * The names of the files in a database directory (SPEC §6): {@code NNNNNN.log} write-ahead logs,
 * {@code NNNNNN.sst} tables, {@code MANIFEST-NNNNNN}, {@code CURRENT} (names the live manifest), {@code LOCK},
 * {@code LOG} (human-readable events) and {@code LOG.old}. File numbers come from one counter.
 */
public final class DbFiles {

    public enum Kind { LOG, TABLE, MANIFEST, CURRENT, LOCK, INFO_LOG, TEMP }

    /** A parsed file name. */
    public record Parsed(Kind kind, long number) {
    }

    public static final String CURRENT = "CURRENT";
    public static final String LOCK = "LOCK";
    public static final String INFO_LOG = "LOG";
    public static final String INFO_LOG_OLD = "LOG.old";

    private DbFiles() {
    }

    public static String logName(long number) {
        return sixDigits(number) + ".log";
    }

    public static String tableName(long number) {
        return sixDigits(number) + ".sst";
    }

    public static String manifestName(long number) {
        return "MANIFEST-" + sixDigits(number);
    }

    public static String tempName(long number) {
        return sixDigits(number) + ".dbtmp";
    }

    /**
     * {@code number} in decimal, zero-padded to six digits, as {@code String.format("%06d")} writes it (which cost a
     * Formatter and a locale lookup per name: a few percent of a compaction thread's samples).
     */
    static String sixDigits(long number) {
        if (number < 0) {
            return String.format("%06d", number);
        }
        String s = Long.toString(number);
        return s.length() >= 6 ? s : "000000".substring(s.length()) + s;
    }

    public static Path log(Path dir, long number) {
        return dir.resolve(logName(number));
    }

    public static Path table(Path dir, long number) {
        return dir.resolve(tableName(number));
    }

    /** The kind and number of a file name, or null for a file that is not the engine's. */
    public static Parsed parse(String name) {
        switch (name) {
            case CURRENT: return new Parsed(Kind.CURRENT, 0);
            case LOCK: return new Parsed(Kind.LOCK, 0);
            case INFO_LOG: case INFO_LOG_OLD: return new Parsed(Kind.INFO_LOG, 0);
            default: break;
        }
        if (name.startsWith("MANIFEST-")) {
            long n = number(name.substring("MANIFEST-".length()));
            return n < 0 ? null : new Parsed(Kind.MANIFEST, n);
        }
        int dot = name.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        long n = number(name.substring(0, dot));
        if (n < 0) {
            return null;
        }
        return switch (name.substring(dot)) {
            case ".log" -> new Parsed(Kind.LOG, n);
            case ".sst" -> new Parsed(Kind.TABLE, n);
            case ".dbtmp" -> new Parsed(Kind.TEMP, n);
            default -> null;
        };
    }

    private static long number(String digits) {
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }
}
