package lsmdb.sql.plan;

import java.sql.SQLException;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;

/**
 * One end of the key range that {@code column LIKE pattern} allows: the pattern's fixed prefix (the lower bound,
 * inclusive) or the least string above every string with that prefix (the upper bound, exclusive). Patterns are
 * often parameters, so the bound is worked out per execution; without a fixed prefix (or with an escape the LIKE
 * itself will refuse) it does not bound the range. The LIKE stays in the filter and decides every row.
 */
record LikeBound(Expr pattern, Expr escape, boolean upper) implements Expr {

    @Override
    public Object eval(Env env) throws SQLException {
        Object p = pattern.eval(env);
        if (p == null) {
            return null; // LIKE NULL matches nothing
        }
        if (!(p instanceof String pat)) {
            return KeyAccess.UNBOUNDED;
        }
        int esc = -1;
        if (escape != null) {
            Object e = escape.eval(env);
            if (e == null) {
                return null;
            }
            String s = e.toString();
            if (s.codePointCount(0, s.length()) != 1) {
                return KeyAccess.UNBOUNDED;
            }
            esc = s.codePointAt(0);
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < pat.length(); i++) {
            char c = pat.charAt(i);
            if (c == esc) {
                if (i + 1 >= pat.length()) {
                    return KeyAccess.UNBOUNDED;
                }
                prefix.append(pat.charAt(++i));
            } else if (c == '%' || c == '_') {
                break;
            } else {
                prefix.append(c);
            }
        }
        if (prefix.isEmpty()) {
            return KeyAccess.UNBOUNDED;
        }
        return upper ? successor(prefix.toString()) : prefix.toString();
    }

    /** The least string greater than every string starting with {@code s} (strings order by code points). */
    private static Object successor(String s) {
        int[] cps = s.codePoints().toArray();
        int n = cps.length;
        while (n > 0 && cps[n - 1] == Character.MAX_CODE_POINT) {
            n--;
        }
        if (n == 0) {
            return KeyAccess.UNBOUNDED;
        }
        int next = cps[n - 1] + 1;
        cps[n - 1] = next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE ? Character.MAX_SURROGATE + 1
                : next;
        return new String(cps, 0, n);
    }

    @Override
    public String toString() {
        return (upper ? "PREFIX_END(" : "PREFIX(") + pattern + ")";
    }
}
