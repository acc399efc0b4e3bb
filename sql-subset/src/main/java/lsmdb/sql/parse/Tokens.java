package lsmdb.sql.parse;

/**
 * The tokens of one SQL text, as {@link SqlLexer} found them: for token {@code i}, its kind and the
 * [start, end) character range in {@link #text()}. Comments and white space are not tokens.
 */
public final class Tokens {

    /** An identifier or keyword: the lexer does not tell them apart (see {@link #isWord}). */
    public static final int WORD = 1;
    public static final int QUOTED_IDENTIFIER = 2;
    public static final int NUMBER = 3;
    public static final int STRING = 4;
    public static final int BLOB = 5;
    public static final int PARAMETER = 6;
    public static final int OPERATOR = 7;
    public static final int OPEN = 8;
    public static final int CLOSE = 9;
    public static final int SEMICOLON = 10;

    private final String text;
    private final int[] data;
    private final int count;

    Tokens(String text, int[] data, int count) {
        this.text = text;
        this.data = data;
        this.count = count;
    }

    public String text() {
        return text;
    }

    public int count() {
        return count;
    }

    public int kind(int i) {
        return data[3 * i];
    }

    public int start(int i) {
        return data[3 * i + 1];
    }

    public int end(int i) {
        return data[3 * i + 2];
    }

    /** The ')' closing the '(' at {@code open}, searched before token {@code limit}; -1 if there is none. */
    public int closing(int open, int limit) {
        int depth = 0;
        for (int j = open; j < limit; j++) {
            if (kind(j) == OPEN) {
                depth++;
            } else if (kind(j) == CLOSE && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The token's text, as written (allocates: for messages and names, not for matching). */
    public String image(int i) {
        return text.substring(start(i), end(i));
    }

    /** Whether token {@code i} exists and is the keyword {@code upper} (given in upper case), in any case. */
    public boolean isWord(int i, String upper) {
        return i < count && kind(i) == WORD && end(i) - start(i) == upper.length()
                && text.regionMatches(true, start(i), upper, 0, upper.length());
    }
}
