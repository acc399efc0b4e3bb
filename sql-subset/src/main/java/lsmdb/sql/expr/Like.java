package lsmdb.sql.expr;

import java.sql.SQLException;
import lsmdb.sql.Errors;

/**
 * {@code e [NOT] LIKE pattern [ESCAPE c]}, case-sensitive (SPEC §3.2): {@code %} matches any run of characters,
 * {@code _} one character. Matching is linear-time with one backtrack point, so no pattern can blow up.
 */
public record Like(Expr operand, Expr pattern, Expr escape, boolean not) implements Expr {

    @Override
    public Object eval(Env env) throws SQLException {
        Object v = operand.eval(env);
        Object p = pattern.eval(env);
        if (v == null || p == null) {
            return null;
        }
        int esc = -1;
        if (escape != null) {
            Object e = escape.eval(env);
            if (e == null) {
                return null;
            }
            String s = e.toString();
            if (s.codePointCount(0, s.length()) != 1) {
                throw Errors.syntax("the LIKE escape must be one character, not '" + s + "'");
            }
            esc = s.codePointAt(0);
        }
        return matches(text(v), text(p), esc) != not;
    }

    private static String text(Object v) {
        return v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString();
    }

    /** The fixed text before the first wildcard, or null if the pattern starts with one (for prefix scans). */
    public static String literalPrefix(String pattern, int escape) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == escape && i + 1 < pattern.length()) {
                out.append(pattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean matches(String s, String p, int esc) throws SQLException {
        int si = 0;
        int pi = 0;
        int starP = -1;
        int starS = -1;
        while (si < s.length()) {
            if (pi < p.length()) {
                char pc = p.charAt(pi);
                if (pc == esc) {
                    if (pi + 1 >= p.length()) {
                        throw Errors.syntax("LIKE pattern ends with its escape character");
                    }
                    if (p.charAt(pi + 1) == s.charAt(si)) {
                        pi += 2;
                        si++;
                        continue;
                    }
                } else if (pc == '%') {
                    starP = ++pi;
                    starS = si;
                    continue;
                } else if (pc == '_' || pc == s.charAt(si)) {
                    pi++;
                    si++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP;
            si = ++starS;
        }
        while (pi < p.length() && p.charAt(pi) == '%') {
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public String toString() {
        return operand + (not ? " NOT LIKE " : " LIKE ") + pattern + (escape == null ? "" : " ESCAPE " + escape);
    }
}
