package lsmdb.sql.parse;

import java.util.Set;

/**
 * JSqlParser 5.3 parses {@code a IN (1, 2) AND b = 1} as {@code a IN ((1, 2) AND b = 1)}, in every mode: what
 * follows the list is swallowed into the IN's right side (this is why {@code id IN (1, 2, 3) AND active = FALSE}
 * failed with "IN with a subquery"). A tree repair cannot restore precedence in general ({@code a IN (1) AND
 * b IN (2) OR c = 1}), so the text handed to JSqlParser puts parentheses around {@code operand [NOT] IN (...)}
 * when an operator follows the list; the tree then has a one-element parenthesised list there.
 */
final class InWrap {

    /** Words that end an operand to the left: a parenthesis after one of these is not a function call. */
    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "WHERE", "ON", "WHEN", "THEN", "ELSE",
            "HAVING", "SELECT", "SET", "IN", "EXISTS", "BETWEEN", "LIKE", "IS", "CASE", "BY", "VALUES", "RETURNING",
            "ALL", "ANY", "SOME", "DISTINCT", "AS", "FROM", "JOIN", "USING", "IF", "CHECK", "DEFAULT");

    private InWrap() {
    }

    /**
     * For tokens [0, count): how many '(' to insert before each token ({@code opens}) and ')' after each
     * ({@code closes}); false (arrays untouched) when no IN needs it.
     */
    static boolean marks(Tokens t, int count, int[] opens, int[] closes) {
        boolean any = false;
        for (int i = 1; i + 1 < count; i++) {
            if (!t.isWord(i, "IN") || t.kind(i + 1) != Tokens.OPEN) {
                continue;
            }
            int close = t.closing(i + 1, count);
            if (close < 0 || close + 1 >= count || !continues(t, close + 1)) {
                continue;
            }
            int end = t.isWord(i - 1, "NOT") ? i - 2 : i - 1;
            int start = operandStart(t, end);
            if (start < 0) {
                continue;
            }
            opens[start]++;
            closes[close]++;
            any = true;
        }
        return any;
    }

    private static boolean continues(Tokens t, int next) {
        if (t.isWord(next, "AND") || t.isWord(next, "OR")) {
            return true;
        }
        return t.kind(next) == Tokens.OPERATOR && !(t.end(next) - t.start(next) == 1
                && t.text().charAt(t.start(next)) == ',');
    }

    /** The first token of the operand ending at {@code end}, or -1 when it is not a shape this knows. */
    private static int operandStart(Tokens t, int end) {
        if (end < 0) {
            return -1;
        }
        int kind = t.kind(end);
        if (kind == Tokens.CLOSE) {
            int depth = 0;
            for (int j = end; j >= 0; j--) {
                if (t.kind(j) == Tokens.CLOSE) {
                    depth++;
                } else if (t.kind(j) == Tokens.OPEN && --depth == 0) {
                    boolean call = j > 0 && t.kind(j - 1) == Tokens.WORD
                            && !KEYWORDS.contains(t.image(j - 1).toUpperCase(java.util.Locale.ROOT));
                    return call ? j - 1 : j;
                }
            }
            return -1;
        }
        if (kind == Tokens.WORD || kind == Tokens.QUOTED_IDENTIFIER) {
            int s = end;
            while (s >= 2 && t.kind(s - 1) == Tokens.OPERATOR && t.text().charAt(t.start(s - 1)) == '.'
                    && (t.kind(s - 2) == Tokens.WORD || t.kind(s - 2) == Tokens.QUOTED_IDENTIFIER)) {
                s -= 2;
            }
            return s;
        }
        return kind == Tokens.NUMBER || kind == Tokens.STRING || kind == Tokens.PARAMETER ? end : -1;
    }
}
