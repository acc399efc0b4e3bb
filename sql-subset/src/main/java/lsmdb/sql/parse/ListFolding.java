package lsmdb.sql.parse;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.Values;

/**
 * Long parenthesised lists of literals and parameters ({@code IN (1, 2, ...)}, {@code VALUES (?, ?, ...)}) are
 * where JSqlParser spends most per token: its lookahead rescans the list for every element. Such a list is
 * handed to JSqlParser as a single {@code ?} and put back into the tree afterwards from the lexer's tokens,
 * with every parameter renumbered to its place in the original text. Only lists of at least
 * {@link #MIN_ITEMS} items of the simplest kinds (numbers, strings, binary literals, NULL, {@code ?}) are folded,
 * and runs of {@link ValuesRows#MIN_ROWS} or more VALUES rows of such items (there also TRUE, FALSE, DEFAULT and
 * typed date/time literals), which come back as rows of that VALUES and nowhere else.
 * The same pass inserts the parentheses {@link InWrap} asks for, so JSqlParser gets one rewritten text.
 */
final class ListFolding {

    static final int MIN_ITEMS = 16;

    /**
     * A folded list or run of rows: its items, each a range of tokens; for rows, where each row's items end
     * ({@code rowEnds[r]} is one past row r's last item), null for a list.
     */
    private record Run(int[] itemStart, int[] itemEnd, int[] rowEnds) {
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
        int[] rowRunEnd = null;
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
            } else if (kind == Tokens.WORD && foldLists && i + 1 < count && t.kind(i + 1) == Tokens.OPEN
                    && t.isWord(i, "VALUES")) {
                rowRunEnd = rowRunEnd != null ? rowRunEnd : new int[count];
                ValuesRows.mark(t, count, i + 1, opens, closes, rowRunEnd);
            } else if (kind == Tokens.OPEN && foldLists) {
                boolean rows = rowRunEnd != null && rowRunEnd[i] > 0;
                int end = rows ? rowRunEnd[i] : runEnd(t, count, i + 1);
                if (end > 0) {
                    out = out != null ? out : new StringBuilder(statementText.length());
                    Run run = rows ? rowRun(t, i, end) : listRun(t, i + 1, end);
                    for (int k = 0; k < run.itemStart().length; k++) {
                        int j = run.itemStart()[k];
                        if (t.kind(j) == Tokens.PARAMETER) {
                            original[j] = ++nextParameter;
                        }
                    }
                    runs.add(run);
                    params.add(-runs.size());
                    // A list keeps its parentheses around the '?'; a run of rows is replaced whole.
                    out.append(statementText, copied, (rows ? t.start(i) : t.end(i)) - base).append('?');
                    copied = (rows ? t.end(end) : t.start(end)) - base;
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

    /** The items of the list from token {@code from} to the ')' at {@code end}. */
    private static Run listRun(Tokens t, int from, int end) {
        int[] starts = new int[(end - from + 1) / 2];
        int[] ends = new int[starts.length];
        int n = 0;
        for (int j = from; j < end; j = ends[n - 1] + 1) { // past the comma
            starts[n] = j;
            ends[n++] = itemEnd(t, j, false);
        }
        return new Run(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), null);
    }

    /** The items of the rows from the '(' at {@code open} to the ')' at {@code end}, as {@link ValuesRows} found them. */
    private static Run rowRun(Tokens t, int open, int end) {
        int[] starts = new int[(end - open + 1) / 2];
        int[] ends = new int[starts.length];
        int[] rowEnds = new int[(end - open + 2) / 3];
        int n = 0;
        int rows = 0;
        for (int row = open; row < end; row += 2) { // from a row's '(' past its ')' and the comma
            int j = row + 1;
            while (true) {
                starts[n] = j;
                j = ends[n++] = itemEnd(t, j, true);
                if (t.kind(j) == Tokens.CLOSE) {
                    break;
                }
                j++; // past the comma
            }
            rowEnds[rows++] = n;
            row = j;
        }
        return new Run(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), Arrays.copyOf(rowEnds, rows));
    }

    /** The index of the ')' closing a foldable list whose first item is at {@code from}, or -1. */
    private static int runEnd(Tokens t, int count, int from) {
        int items = 0;
        int j = from;
        while (j < count) {
            int end = itemEnd(t, j, false);
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

    /**
     * The token just after the simple item starting at {@code j}, or -1 when none starts there: a number,
     * {@code -number}, string, binary literal, NULL or {@code ?}; in a VALUES row ({@code row}) also
     * {@code +number}, TRUE, FALSE, DEFAULT and {@code DATE | TIME | TIMESTAMP 'text'}.
     */
    static int itemEnd(Tokens t, int j, boolean row) {
        if (j >= t.count()) {
            return -1;
        }
        int kind = t.kind(j);
        if (kind == Tokens.NUMBER || kind == Tokens.STRING || kind == Tokens.BLOB || kind == Tokens.PARAMETER
                || t.isWord(j, "NULL")) {
            return j + 1;
        }
        boolean next = j + 1 < t.count();
        if (kind == Tokens.OPERATOR && t.end(j) - t.start(j) == 1 && next && t.kind(j + 1) == Tokens.NUMBER) {
            char sign = t.text().charAt(t.start(j));
            return sign == '-' || sign == '+' && row ? j + 2 : -1;
        }
        if (!row || kind != Tokens.WORD) {
            return -1;
        }
        if (t.isWord(j, "TRUE") || t.isWord(j, "FALSE") || t.isWord(j, "DEFAULT")) {
            return j + 1;
        }
        boolean typed = t.isWord(j, "DATE") || t.isWord(j, "TIME") || t.isWord(j, "TIMESTAMP");
        return typed && next && t.kind(j + 1) == Tokens.STRING ? j + 2 : -1;
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
        IdentityHashMap<Object, Boolean> rowLists = new IdentityHashMap<>(); // the row lists of VALUES
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
            if (node instanceof Values v && v.getExpressions() != null) {
                rowLists.put(v.getExpressions(), Boolean.TRUE);
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
        IdentityHashMap<Object, Run> placeholders = new IdentityHashMap<>();
        IdentityHashMap<List, Boolean> lists = new IdentityHashMap<>();
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
            Run run = runs.get(-target - 1);
            // A run of rows must come back as rows of a VALUES, nowhere else (an operator after the list, ...).
            if (!(e[1] instanceof List list) || run.rowEnds() != null && !rowLists.containsKey(list)) {
                return false;
            }
            placeholders.put(p, run);
            lists.put(list, Boolean.TRUE);
        }
        // Each list rebuilt in one pass: linear however many runs it holds.
        for (List list : lists.keySet()) {
            List<Object> rebuilt = new ArrayList<>(list.size());
            for (Object o : list) {
                Run run = placeholders.get(o);
                if (run == null) {
                    rebuilt.add(o);
                } else if (run.rowEnds() == null) {
                    rebuilt.addAll(items(run, 0, run.itemStart().length));
                } else {
                    int from = 0;
                    for (int to : run.rowEnds()) {
                        rebuilt.add(new ParenthesedExpressionList<>(items(run, from, to)));
                        from = to;
                    }
                }
            }
            list.clear();
            list.addAll(rebuilt);
        }
        return true;
    }

    /** Items [from, to) of {@code run} as JSqlParser builds them. */
    private List<Expression> items(Run run, int from, int to) {
        List<Expression> out = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            out.add(item(run.itemStart()[k], run.itemEnd()[k]));
        }
        return out;
    }

    private Expression item(int j, int end) {
        if (end - j == 2) {
            if (tokens.kind(j) == Tokens.OPERATOR) {
                return new SignedExpression(tokens.text().charAt(tokens.start(j)), number(j + 1));
            }
            return typedLiteral(j);
        }
        return switch (tokens.kind(j)) {
            case Tokens.NUMBER -> number(j);
            case Tokens.STRING -> new StringValue(tokens.image(j));
            case Tokens.BLOB -> new HexValue(tokens.image(j));
            case Tokens.PARAMETER -> {
                JdbcParameter p = new JdbcParameter();
                p.setIndex(originalIndex[j]);
                yield p;
            }
            default -> word(j);
        };
    }

    private Expression word(int j) {
        if (tokens.isWord(j, "NULL")) {
            return new NullValue();
        }
        if (tokens.isWord(j, "DEFAULT")) {
            return new Column(tokens.image(j));
        }
        return new BooleanValue(tokens.image(j));
    }

    /** {@code DATE '2026-01-31'} and the like: JSqlParser's implicit cast of a string. */
    private Expression typedLiteral(int j) {
        return new CastExpression(new ColDataType(tokens.image(j)), tokens.image(j + 1))
                .setImplicitCast(true);
    }

    private Expression number(int j) {
        String s = tokens.image(j);
        return s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0 ? new DoubleValue(s) : new LongValue(s);
    }
}
