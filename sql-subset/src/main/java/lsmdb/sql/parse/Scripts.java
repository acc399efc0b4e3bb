package lsmdb.sql.parse;

import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;

/** Splits a {@code ;}-separated script into statements, using the lexer so quotes and comments are respected. */
public final class Scripts {

    private Scripts() {
    }

    /**
     * The statements of {@code script}, each from its first token to its last (comments around it dropped),
     * empty ones skipped. Refuses with 42000 what the lexer refuses.
     */
    public static List<String> split(String script) throws SQLSyntaxErrorException {
        Tokens t = SqlLexer.lex(script);
        List<String> out = new ArrayList<>();
        int first = -1;
        for (int i = 0; i < t.count(); i++) {
            if (t.kind(i) == Tokens.SEMICOLON) {
                if (first >= 0) {
                    out.add(script.substring(t.start(first), t.end(i - 1)));
                    first = -1;
                }
            } else if (first < 0) {
                first = i;
            }
        }
        if (first >= 0) {
            out.add(script.substring(t.start(first), t.end(t.count() - 1)));
        }
        return out;
    }
}
