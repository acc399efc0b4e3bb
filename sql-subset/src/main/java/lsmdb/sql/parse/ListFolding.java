package lsmdb.sql.parse;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.statement.Statement;

/**
 * Long parenthesised lists of literals and parameters ({@code IN (1, 2, ...)}, {@code VALUES (?, ?, ...)}) are
 * where JSqlParser spends most per token: its lookahead rescans the list for every element. Such a list is
 * handed to JSqlParser as a single {@code ?} and put back into the tree afterwards from the lexer's tokens,
 * with every parameter renumbered to its place in the original text. Only lists of at least
 * {@link #MIN_ITEMS} items of the simplest kinds (numbers, strings, binary literals, NULL, {@code ?}) are folded.
 * The same pass inserts the parentheses {@link InWrap} asks for, so JSqlParser gets one rewritten text.
 */
final class ListFolding {

    static final int MIN_ITEMS = 16;

    /** A folded list: its items, each a range of tokens, and the original index of its first parameter. */
    private record Run(int[] itemStart, int[] itemEnd) {
    }

    private final Tokens tokens;
    private final String text;
    /** For each {@code ?} of the folded text, in order: its original index (from 1), or -(run + 1). */
    private final int[] parameters;
    private final List<Run> runs;
    /** Original index of each {@code ?} token, by token number (0 where the token is not a parameter). */
    private final int[] originalIndex;

    private ListFolding(Tokens tokens, String text, int[] parameters, List<Run> runs, int[] originalIndex) {
        this.tokens = tokens;
        this.text = text;
        this.parameters = parameters;
        this.runs = runs;
        this.originalIndex = originalIndex;
    }

    /**
     * The folding of tokens [0, count) of {@code t}, also inserting the parentheses {@link InWrap} asks for
     * ({@code opens}/{@code closes}, or null for none); null when there is nothing to fold or insert. With
     * {@code foldLists} false only the parentheses are inserted.
     */
    static ListFolding fold(Tokens t, int count, String statementText, int[] opens, int[] closes,
            boolean foldLists) {
        int base = t.start(0);
        StringBuilder out = null;
        int copied = 0;
        List<Run> runs = new ArrayList<>(0);
        List<Integer> params = new ArrayList<>();
        int[] original = new int[count];
        int nextParameter = 0;
        for (int i = 0; i < count; i++) {
            int kind = t.kind(i);
            if (opens != null && opens[i] > 0) {
                out = out != null ? out : new StringBuilder(statementText.length() + 16);
                out.append(statementText, copied, t.start(i) - base).append("(".repeat(opens[i]));
                copied = t.start(i) - base;
            }
            int last = i;
            if (kind == Tokens.PARAMETER) {
                original[i] = ++nextParameter;
                params.add(nextParameter);
            } else if (kind == Tokens.OPEN && foldLists) {
                int end = runEnd(t, count, i + 1);
                if (end > 0) {
                    out = out != null ? out : new StringBuilder(statementText.length());
                    List<int[]> items = new ArrayList<>();
                    int j = i + 1;
                    while (j < end) {
                        int itemEnd = itemEnd(t, j);
                        items.add(new int[] {j, itemEnd});
                        if (t.kind(j) == Tokens.PARAMETER) {
                            original[j] = ++nextParameter;
                        }
                        j = itemEnd + 1; // past the comma
                    }
                    int[] starts = new int[items.size()];
                    int[] ends = new int[items.size()];
                    for (int k = 0; k < starts.length; k++) {
                        starts[k] = items.get(k)[0];
                        ends[k] = items.get(k)[1];
                    }
                    runs.add(new Run(starts, ends));
                    params.add(-runs.size());
                    out.append(statementText, copied, t.end(i) - base).append('?');
                    copied = t.start(end) - base;
                    i = end;
                    last = end;
                }
            }
            if (closes != null && closes[last] > 0) {
                out = out != null ? out : new StringBuilder(statementText.length() + 16);
                out.append(statementText, copied, t.end(last) - base).append(")".repeat(closes[last]));
                copied = t.end(last) - base;
            }
        }
        if (out == null) {
            return null;
        }
        out.append(statementText, copied, statementText.length());
        int[] p = new int[params.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = params.get(k);
        }
        return new ListFolding(t, out.toString(), p, runs, original);
    }

    /** The index of the ')' closing a foldable list whose first item is at {@code from}, or -1. */
    private static int runEnd(Tokens t, int count, int from) {
        int items = 0;
        int j = from;
        while (j < count) {
            int end = itemEnd(t, j);
            if (end < 0 || end >= count) {
                return -1;
            }
            items++;
            int after = end;
            if (after >= count) {
                return -1;
            }
            if (t.kind(after) == Tokens.CLOSE) {
                return items >= MIN_ITEMS ? after : -1;
            }
            if (t.kind(after) != Tokens.OPERATOR || t.end(after) - t.start(after) != 1
                    || t.text().charAt(t.start(after)) != ',') {
                return -1;
            }
            j = after + 1;
        }
        return -1;
    }

    /** The token just after the simple item starting at {@code j}, or -1 when none starts there. */
    private static int itemEnd(Tokens t, int j) {
        if (j >= t.count()) {
            return -1;
        }
        int kind = t.kind(j);
        if (kind == Tokens.NUMBER || kind == Tokens.STRING || kind == Tokens.BLOB || kind == Tokens.PARAMETER
                || t.isWord(j, "NULL")) {
            return j + 1;
        }
        if (kind == Tokens.OPERATOR && t.end(j) - t.start(j) == 1 && t.text().charAt(t.start(j)) == '-'
                && j + 1 < t.count() && t.kind(j + 1) == Tokens.NUMBER) {
            return j + 2;
        }
        return -1;
    }

    /** The text to give JSqlParser. */
    String text() {
        return text;
    }

    /**
     * Puts the folded lists back into {@code statement} and renumbers its parameters; false when the tree does
     * not have the expected shape (then the caller parses the unfolded text instead).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    boolean restore(Statement statement) {
        List<Object[]> found = new ArrayList<>(); // {parameter, parent list or null}
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        List<Object[]> todo = new ArrayList<>();
        todo.add(new Object[] {statement, null});
        while (!todo.isEmpty()) {
            Object[] e = todo.remove(todo.size() - 1);
            Object node = e[0];
            if (node == null || seen.put(node, Boolean.TRUE) != null) {
                continue;
            }
            if (node instanceof JdbcParameter) {
                found.add(e);
                continue;
            }
            if (node instanceof java.util.Collection<?> c) {
                for (Object o : c) {
                    todo.add(new Object[] {o, node});
                }
            }
            if (node instanceof java.util.Map<?, ?> m) {
                for (Object o : m.values()) {
                    todo.add(new Object[] {o, null});
                }
            }
            if (NodeShape.isJsqlparser(node.getClass()) && !node.getClass().isEnum()) {
                for (Field f : NodeShape.fields(node.getClass())) {
                    Object v = NodeShape.read(f, node);
                    if (v != null && (v instanceof java.util.Collection || v instanceof java.util.Map
                            || NodeShape.isJsqlparser(v.getClass()))) {
                        todo.add(new Object[] {v, null});
                    }
                }
            }
        }
        if (found.size() != parameters.length) {
            return false;
        }
        for (Object[] e : found) {
            JdbcParameter p = (JdbcParameter) e[0];
            Integer index = p.getIndex();
            if (index == null || index < 1 || index > parameters.length) {
                return false;
            }
            int target = parameters[index - 1];
            if (target > 0) {
                p.setIndex(target);
                continue;
            }
            if (!(e[1] instanceof List list)) {
                return false;
            }
            int at = -1;
            for (int k = 0; k < list.size(); k++) {
                if (list.get(k) == p) {
                    at = k;
                }
            }
            if (at < 0) {
                return false;
            }
            list.remove(at);
            list.addAll(at, items(runs.get(-target - 1)));
        }
        return true;
    }

    private List<Expression> items(Run run) {
        List<Expression> out = new ArrayList<>(run.itemStart().length);
        for (int k = 0; k < run.itemStart().length; k++) {
            int j = run.itemStart()[k];
            out.add(run.itemEnd()[k] - j == 2 ? new SignedExpression('-', number(j + 1)) : item(j));
        }
        return out;
    }

    private Expression item(int j) {
        return switch (tokens.kind(j)) {
            case Tokens.NUMBER -> number(j);
            case Tokens.STRING -> new StringValue(tokens.image(j));
            case Tokens.BLOB -> new HexValue(tokens.image(j));
            case Tokens.PARAMETER -> {
                JdbcParameter p = new JdbcParameter();
                p.setIndex(originalIndex[j]);
                yield p;
            }
            default -> new NullValue();
        };
    }

    private Expression number(int j) {
        String s = tokens.image(j);
        return s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0 ? new DoubleValue(s) : new LongValue(s);
    }
}
