package lsmdb.sql.parse;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;

/**
 * JSqlParser's lookahead is exponential in the nesting of parentheses: a 2,700-character WHERE clause nested ten
 * deep costs it over a second, while the same clause cut at its parentheses parses in a few milliseconds. For
 * deeply nested statements, every parenthesised expression is therefore cut out (innermost first), replaced in
 * the text by a placeholder name, parsed on its own as an expression, and put back into the tree as the
 * parenthesised expression JSqlParser would have built ({@link ParenthesedExpressionList} of one element).
 * <p>
 * Only groups that can only be expressions are cut: after an operator, {@code (}, or one of {@link #BEFORE};
 * not subqueries, not lists (a comma at their top level), not function arguments, not after a comma (a VALUES
 * row), and only in statements whose first word says they hold expressions of this kind. Statements with
 * {@code ?} parameters are left alone (each piece would number them from 1), as are texts that already use the
 * placeholder prefix. If any piece does not parse, the caller parses the whole text as before.
 */
final class ParenSplitting {

    /** Nesting from which the text is cut: shallower statements parse quickly whole. */
    static final int MIN_DEPTH = 4;
    static final String PREFIX = "lsmdb_piece_";

    private static final Set<String> BEFORE = Set.of("AND", "OR", "NOT", "WHERE", "ON", "HAVING", "WHEN", "THEN",
            "ELSE");
    private static final Set<String> OPERATORS = Set.of("=", "<", ">", "<=", ">=", "<>", "!=", "+", "-", "*", "/",
            "%", "||");
    private static final Set<String> STATEMENTS = Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "VALUES",
            "EXPLAIN", "CREATE");
    private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES");

    private final String top;
    private final List<String> pieces;

    private ParenSplitting(String top, List<String> pieces) {
        this.top = top;
        this.pieces = pieces;
    }

    /** The cut of {@code t}'s tokens [0, count), or null when the statement is not one to cut. */
    static ParenSplitting of(Tokens t, int count) {
        if (count == 0 || !(t.kind(0) == Tokens.OPEN || STATEMENTS.contains(upper(t, 0)))
                || t.kind(0) == Tokens.WORD && upper(t, 0).equals("CREATE") && !isCreateView(t, count)
                || t.text().toLowerCase(Locale.ROOT).contains(PREFIX)) {
            return null;
        }
        int depth = 0;
        int maxDepth = 0;
        for (int i = 0; i < count; i++) {
            int kind = t.kind(i);
            if (kind == Tokens.PARAMETER) {
                return null;
            }
            if (kind == Tokens.OPEN) {
                maxDepth = Math.max(maxDepth, ++depth);
            } else if (kind == Tokens.CLOSE) {
                depth--;
            }
        }
        if (maxDepth < MIN_DEPTH || depth != 0) {
            return null;
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder topText = new StringBuilder(t.text().length());
        int end = cut(t, 0, count, topText, pieces);
        if (end != count || pieces.isEmpty()) {
            return null;
        }
        return new ParenSplitting(topText.toString(), pieces);
    }

    /** Whether tokens [0, count) nest at least {@link #MIN_DEPTH} deep: the cheap test before any cutting. */
    static boolean deepEnough(Tokens t, int count) {
        int depth = 0;
        for (int i = 0; i < count; i++) {
            int kind = t.kind(i);
            if (kind == Tokens.OPEN && ++depth >= MIN_DEPTH) {
                return true;
            } else if (kind == Tokens.CLOSE) {
                depth--;
            }
        }
        return false;
    }

    private static boolean isCreateView(Tokens t, int count) {
        for (int i = 1; i < Math.min(count, 4); i++) {
            if (t.isWord(i, "VIEW")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the text of tokens [from, to) to {@code out}, spacing kept, with every cuttable group replaced by a
     * placeholder (its text added to {@code pieces} after the pieces cut inside it); returns {@code to}.
     */
    private static int cut(Tokens t, int from, int to, StringBuilder out, List<String> pieces) {
        if (from >= to) {
            return to;
        }
        String text = t.text();
        int pos = t.start(from);
        int i = from;
        while (i < to) {
            if (t.kind(i) != Tokens.OPEN) {
                i++;
                continue;
            }
            int close = matching(t, i, to);
            if (cuttable(t, i, close)) {
                out.append(text, pos, t.start(i));
                StringBuilder inner = new StringBuilder();
                cut(t, i + 1, close, inner, pieces);
                pieces.add(inner.toString());
                out.append(' ').append(PREFIX).append(pieces.size() - 1).append(' ');
                pos = t.end(close);
            } else {
                out.append(text, pos, t.end(i));
                cut(t, i + 1, close, out, pieces);
                pos = t.start(close);
            }
            i = close + 1;
        }
        out.append(text, pos, t.end(to - 1));
        return to;
    }

    private static int matching(Tokens t, int open, int to) {
        int close = t.closing(open, to);
        if (close < 0) {
            throw new IllegalStateException("unbalanced parentheses after the lexer's check");
        }
        return close;
    }

    /** Whether the group (open, close) can only be an expression, and one JSqlParser would parse on its own. */
    private static boolean cuttable(Tokens t, int open, int close) {
        if (close == open + 1) {
            return false;
        }
        if (open > 0) {
            int before = t.kind(open - 1);
            boolean ok = before == Tokens.OPEN
                    || before == Tokens.OPERATOR && OPERATORS.contains(t.image(open - 1))
                    || before == Tokens.WORD && BEFORE.contains(upper(t, open - 1));
            if (!ok) {
                return false;
            }
        } else {
            return false;
        }
        int first = open + 1;
        if (t.kind(first) == Tokens.WORD && QUERY_STARTS.contains(upper(t, first))) {
            return false;
        }
        if (t.kind(first) == Tokens.OPEN && first + 1 < close && t.kind(first + 1) == Tokens.WORD
                && QUERY_STARTS.contains(upper(t, first + 1))) {
            return false; // ((SELECT ...)): JSqlParser builds that differently from a parenthesised expression
        }
        int depth = 0;
        for (int j = first; j < close; j++) {
            int kind = t.kind(j);
            if (kind == Tokens.OPEN) {
                depth++;
            } else if (kind == Tokens.CLOSE) {
                depth--;
            } else if (depth == 0 && kind == Tokens.OPERATOR && t.image(j).equals(",")) {
                return false;
            }
        }
        return true;
    }

    private static String upper(Tokens t, int i) {
        return t.kind(i) == Tokens.WORD ? t.image(i).toUpperCase(Locale.ROOT) : "";
    }

    /** The statement text with placeholders. */
    String top() {
        return top;
    }

    /** The cut-out expressions' texts; piece {@code i} is named {@code PREFIX + i} and names only earlier pieces. */
    List<String> pieces() {
        return pieces;
    }

    /**
     * Puts the parsed pieces back into {@code statement} (and into each other: a piece names only pieces cut
     * before it); false when a placeholder is missing, found twice or sits where an expression cannot (then the
     * caller parses the whole text).
     */
    boolean restore(Statement statement, List<Expression> parsed) {
        int[] uses = new int[parsed.size()];
        replaceIn(statement, parsed, uses);
        for (int u : uses) {
            if (u != 1) {
                return false;
            }
        }
        return true;
    }

    private static ParenthesedExpressionList<Expression> wrapped(List<Expression> parsed, int index) {
        return new ParenthesedExpressionList<>(parsed.get(index));
    }

    /** The piece a placeholder column names, or -1 when {@code node} is not one. */
    private static int placeholder(Object node, int pieceCount) {
        if (node instanceof Column c && c.getTable() == null && c.getColumnName() != null
                && c.getColumnName().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            try {
                int index = Integer.parseInt(c.getColumnName().substring(PREFIX.length()));
                return index < pieceCount ? index : -1;
            } catch (NumberFormatException ex) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Replaces, in place, every placeholder reachable from {@code root} (fields and list elements), and those of
     * the pieces put in, each node visited once.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void replaceIn(Object root, List<Expression> parsed, int[] uses) {
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        List<Object> todo = new ArrayList<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Object node = todo.remove(todo.size() - 1);
            if (node == null || seen.put(node, Boolean.TRUE) != null) {
                continue;
            }
            if (node instanceof List list) {
                for (int k = 0; k < list.size(); k++) {
                    Object v = list.get(k);
                    int index = placeholder(v, parsed.size());
                    if (index >= 0) {
                        Object w = wrapped(parsed, index);
                        list.set(k, w);
                        uses[index]++;
                        todo.add(w); // the piece's own placeholders
                    } else if (v != null) {
                        todo.add(v);
                    }
                }
            } else if (node instanceof java.util.Collection<?> c) {
                todo.addAll(c);
            }
            if (NodeShape.isJsqlparser(node.getClass()) && !node.getClass().isEnum()) {
                for (Field f : NodeShape.fields(node.getClass())) {
                    Object v = NodeShape.read(f, node);
                    if (v == null) {
                        continue;
                    }
                    int index = placeholder(v, parsed.size());
                    if (index >= 0) {
                        if (f.getType().isAssignableFrom(ParenthesedExpressionList.class)) {
                            Object w = wrapped(parsed, index);
                            write(f, node, w);
                            uses[index]++;
                            todo.add(w);
                        } // else left in place: the use count then refuses the cut
                    } else if (v instanceof java.util.Collection || NodeShape.isJsqlparser(v.getClass())) {
                        todo.add(v);
                    }
                }
            }
        }
    }

    private static void write(Field f, Object node, Object value) {
        try {
            f.set(node, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot write " + f, e);
        }
    }
}
