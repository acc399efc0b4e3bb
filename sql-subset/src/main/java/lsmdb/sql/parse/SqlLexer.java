package lsmdb.sql.parse;

import java.sql.SQLSyntaxErrorException;
import lsmdb.sql.Errors;

/**
 * One linear pass over SQL text producing {@link Tokens}; the guard in front of JSqlParser, whose backtracking
 * explodes on unbalanced or deeply nested input. It refuses (42000, naming the position) unterminated strings,
 * quoted identifiers and comments, unbalanced parentheses, nesting deeper than {@link #MAX_DEPTH}, more than
 * {@link #MAX_OPERATORS_IN_A_ROW} operators in one expression, text longer than {@link #MAX_CHARS} and more than
 * {@link #MAX_TOKENS} tokens. It runs on every statement: no regex, no
 * per-token objects (tokens are three ints in one array).
 */
public final class SqlLexer {

    /** Deeper nesting is never written by hand and makes JSqlParser's lookahead explode. */
    public static final int MAX_DEPTH = 200;
    /** One statement or script; bulk loads belong in batches of prepared statements. */
    public static final int MAX_CHARS = 1 << 20;
    public static final int MAX_TOKENS = 200_000;
    /**
     * Operators in one expression, counted between commas at one nesting depth. Each nests the expression a level
     * deeper (SQLite refuses trees deeper than 1,000 too), and JSqlParser's lookahead rescans a long chain without
     * reaching a point where its deadline is checked: 5,000 {@code +} took 80–240 ms of CPU to refuse.
     */
    public static final int MAX_OPERATORS_IN_A_ROW = 1000;

    private final String sql;
    private final int n;
    private int[] data = new int[3 * 32];
    private int count;
    /** Positions of the open parentheses not closed yet, innermost last. */
    private int[] open = new int[16];
    private int depth;
    /** Operators since the last comma at each open depth (index 0: outside all parentheses). */
    private final int[] operators = new int[MAX_DEPTH + 1];

    private SqlLexer(String sql) {
        this.sql = sql;
        this.n = sql.length();
    }

    /** Tokenizes {@code sql} or refuses it with 42000. */
    public static Tokens lex(String sql) throws SQLSyntaxErrorException {
        if (sql.length() > MAX_CHARS) {
            throw Errors.syntax("statement of " + sql.length() + " characters is longer than the limit of "
                    + MAX_CHARS);
        }
        return new SqlLexer(sql).run();
    }

    private Tokens run() throws SQLSyntaxErrorException {
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i + 2);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw error("unterminated comment", i);
                }
                i = end + 2;
            } else if (c == '\'') {
                i = quoted(i, i, '\'', Tokens.STRING, "unterminated string");
            } else if (c == '"' || c == '`') {
                i = quoted(i, i, c, Tokens.QUOTED_IDENTIFIER, "unterminated quoted identifier");
            } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                i = quoted(i, i + 1, '\'', Tokens.BLOB, "unterminated binary literal");
            } else if (isIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && isIdentifierPart(sql.charAt(j))) {
                    j++;
                }
                add(Tokens.WORD, i, j);
                if (j - i == 2 && sql.regionMatches(true, i, "OR", 0, 2)
                        || j - i == 3 && sql.regionMatches(true, i, "AND", 0, 3)) {
                    operator(i);
                }
                i = j;
            } else if (isDigit(c) || c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1))) {
                i = number(i);
            } else if (c == '(') {
                if (depth == MAX_DEPTH) {
                    throw error("parentheses nested deeper than " + MAX_DEPTH, i);
                }
                if (depth == open.length) {
                    open = java.util.Arrays.copyOf(open, depth * 2);
                }
                open[depth++] = i;
                operators[depth] = 0;
                add(Tokens.OPEN, i, i + 1);
                i++;
            } else if (c == ')') {
                if (depth == 0) {
                    throw error("unmatched ')'", i);
                }
                depth--;
                add(Tokens.CLOSE, i, i + 1);
                i++;
            } else if (c == ';') {
                if (depth > 0) {
                    throw error("unmatched '('", open[0]);
                }
                operators[0] = 0;
                add(Tokens.SEMICOLON, i, i + 1);
                i++;
            } else if (c == '?') {
                add(Tokens.PARAMETER, i, i + 1);
                i++;
            } else if (c < ' ' || c == 0x7f) {
                throw error("unexpected control character U+" + String.format("%04X", (int) c), i);
            } else {
                int len = i + 1 < n && isTwoCharOperator(c, sql.charAt(i + 1)) ? 2 : 1;
                add(Tokens.OPERATOR, i, i + len);
                if (c == ',') {
                    operators[depth] = 0;
                } else if (c != '.') {
                    operator(i);
                }
                i += len;
            }
        }
        if (depth > 0) {
            throw error("unmatched '('", open[0]);
        }
        return new Tokens(sql, data, count);
    }

    /** A literal from {@code start} whose quote opens at {@code quote}; a doubled quote stands for itself. */
    private int quoted(int start, int quote, char q, int kind, String what) throws SQLSyntaxErrorException {
        int j = quote + 1;
        while (true) {
            j = sql.indexOf(q, j);
            if (j < 0) {
                throw error(what, start);
            }
            if (j + 1 < n && sql.charAt(j + 1) == q) {
                j += 2;
            } else {
                break;
            }
        }
        add(kind, start, j + 1);
        return j + 1;
    }

    private int number(int i) throws SQLSyntaxErrorException {
        int j = i;
        while (j < n && isDigit(sql.charAt(j))) {
            j++;
        }
        if (j < n && sql.charAt(j) == '.') {
            j++;
            while (j < n && isDigit(sql.charAt(j))) {
                j++;
            }
        }
        if (j + 1 < n && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) {
                k++;
            }
            if (k < n && isDigit(sql.charAt(k))) {
                j = k;
                while (j < n && isDigit(sql.charAt(j))) {
                    j++;
                }
            }
        }
        add(Tokens.NUMBER, i, j);
        return j;
    }

    private void add(int kind, int start, int end) throws SQLSyntaxErrorException {
        if (count == MAX_TOKENS) {
            throw error("more than " + MAX_TOKENS + " tokens", start);
        }
        int at = 3 * count;
        if (at == data.length) {
            data = java.util.Arrays.copyOf(data, data.length * 2);
        }
        data[at] = kind;
        data[at + 1] = start;
        data[at + 2] = end;
        count++;
    }

    /** Counts an operator at {@code at}; refuses the statement past {@link #MAX_OPERATORS_IN_A_ROW}. */
    private void operator(int at) throws SQLSyntaxErrorException {
        if (++operators[depth] > MAX_OPERATORS_IN_A_ROW) {
            throw error("more than " + MAX_OPERATORS_IN_A_ROW + " operators in one expression (each nests it a"
                    + " level deeper); for a long list of alternatives use IN (...)", at);
        }
    }

    private SQLSyntaxErrorException error(String what, int position) {
        return Errors.syntax("syntax error: " + what + " at " + position(sql, position));
    }

    /** "line L, column C" (both from 1) of a character offset, for messages. */
    static String position(String sql, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (offset - lineStart + 1);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c > 0x7f && Character.isLetter(c);
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$' || c > 0x7f && Character.isLetterOrDigit(c);
    }

    private static boolean isTwoCharOperator(char a, char b) {
        return switch (a) {
            case '<' -> b == '=' || b == '>';
            case '>', '!' -> b == '=';
            case '|' -> b == '|';
            case ':' -> b == ':';
            default -> false;
        };
    }
}
