package lsmdb.sql.bind;


/** Identifiers: unquoted ones are case-insensitive (kept upper case); double-quoted ones keep their case. */
public final class Names {

    private Names() {
    }

    public static String identifier(String raw) {
        return lsmdb.sql.parse.Identifiers.normalise(raw);
    }

    /** The first line of {@code s}, for messages. */
    static String firstLine(String s) {
        if (s == null) {
            return "unparsable statement";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
