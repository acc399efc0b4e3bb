package lsmdb.sql.parse;

/**
 * Finds, in the row list after a {@code VALUES} keyword, the runs of consecutive rows whose items are all simple
 * ({@link ListFolding#itemEnd}): {@code VALUES (1, 'a'), (2, 'b'), ...} as written by dumps, bulk loaders and ORMs'
 * batch inserts. JSqlParser spends about 100 µs of CPU on each row (a 3,000-row statement of 51 KB overran the
 * parse budget), so {@link ListFolding} hands each such run to it as one {@code ?} and builds the rows itself.
 * Rows with anything else (a function call, an operator, a column) stay in the text for JSqlParser.
 */
final class ValuesRows {

    /** Fewer rows parse quickly whole; the common one-row {@code VALUES (?, ?)} is left as it was. */
    static final int MIN_ROWS = 4;

    private ValuesRows() {
    }

    /**
     * Marks the foldable runs of the row list starting at token {@code from} (just after {@code VALUES}): for the
     * '(' opening a run's first row, {@code runEnd} gets the index of the ')' closing its last row. A run holding a
     * parenthesis {@link InWrap} asked for ({@code opens}/{@code closes}, null for none) is left alone.
     */
    static void mark(Tokens t, int count, int from, int[] opens, int[] closes, int[] runEnd) {
        int runStart = -1;
        int runLast = -1;
        int rows = 0;
        int j = from;
        while (j < count && t.kind(j) == Tokens.OPEN) {
            int close = simpleRowEnd(t, count, j);
            if (close < 0) {
                keep(runStart, runLast, rows, opens, closes, runEnd);
                runStart = -1;
                rows = 0;
                close = t.closing(j, count);
                if (close < 0) {
                    return;
                }
            } else {
                runStart = runStart < 0 ? j : runStart;
                runLast = close;
                rows++;
            }
            j = close + 1;
            if (j >= count || !isComma(t, j)) {
                break;
            }
            j++;
        }
        keep(runStart, runLast, rows, opens, closes, runEnd);
    }

    private static void keep(int start, int last, int rows, int[] opens, int[] closes, int[] runEnd) {
        if (rows < MIN_ROWS) {
            return;
        }
        for (int k = start; k <= last; k++) {
            if (opens != null && opens[k] > 0 || closes != null && closes[k] > 0) {
                return;
            }
        }
        runEnd[start] = last;
    }

    /** The ')' closing the row opened at {@code open} when all its items are simple, else -1. */
    private static int simpleRowEnd(Tokens t, int count, int open) {
        int j = open + 1;
        while (j < count) {
            int end = ListFolding.itemEnd(t, j, true);
            if (end < 0 || end >= count) {
                return -1;
            }
            if (t.kind(end) == Tokens.CLOSE) {
                return end;
            }
            if (!isComma(t, end)) {
                return -1;
            }
            j = end + 1;
        }
        return -1;
    }

    static boolean isComma(Tokens t, int j) {
        return t.kind(j) == Tokens.OPERATOR && t.end(j) - t.start(j) == 1 && t.text().charAt(t.start(j)) == ',';
    }
}
