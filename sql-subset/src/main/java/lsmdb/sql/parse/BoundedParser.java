package lsmdb.sql.parse;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.JJTCCJSqlParserState;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.feature.Feature;

/**
 * JSqlParser's parser with a deadline and cheap errors, run on the caller's thread (no thread per statement).
 * <ul>
 * <li>The budget is checked where JSqlParser calls overridable code often: {@link #getAsBoolean} (asked by the
 * lookaheads that explode on nested parentheses), the tree builder's {@code openNodeScope} (once per grammar
 * production actually parsed) and the tokenizer (once per token, also when a lookahead scans a long list). Once spent, the parse is abandoned by an
 * unchecked {@link DeadlineExceeded} (setting JSqlParser's own {@code interrupted} flag only disables some
 * lookaheads; a long list keeps going).</li>
 * <li>The budget is CPU time of this thread, so a GC pause or a busy machine does not refuse a simple statement:
 * the cheap wall clock is checked on every call, and only when it passes the deadline is the thread's CPU time
 * read; if the thread was mostly waiting, the deadline moves by the unspent budget. A hard wall-clock cap
 * ({@link #WALL_CAP_FACTOR} times the budget) still ends it.</li>
 * <li>{@link #generateParseException} normally re-runs every lookahead to list the expected tokens
 * ({@code jj_rescan_token}), which is exponential on some malformed input: here it only records where parsing
 * stopped.</li>
 * </ul>
 * One instance per attempt; not thread-safe.
 */
final class BoundedParser extends CCJSqlParser {

    /** Thrown out of JSqlParser when the deadline passes; no stack trace (it is expected, and caught at once). */
    static final class DeadlineExceeded extends Error {
        DeadlineExceeded() {
            super("parse deadline exceeded", null, false, false);
        }
    }

    static final int WALL_CAP_FACTOR = 50;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

    private final Budget budget;

    /** Time allowed to one or more attempts on one thread: a CPU-time budget from a start. */
    static final class Budget {
        final long startWall;
        final long startCpu;
        final long nanos;
        final long wallCap;
        long deadline;

        /** A budget of {@code nanos} of this thread's CPU time, counted from now, for a statement begun at startWall. */
        Budget(long startWall, long nanos) {
            this.startWall = startWall;
            this.startCpu = cpuNow();
            this.nanos = nanos;
            this.wallCap = startWall + WALL_CAP_FACTOR * nanos;
            this.deadline = startWall + nanos;
        }

        /** Throws {@link DeadlineExceeded} when the budget is spent; cheap (one wall-clock read) until then. */
        void check() {
            long now = System.nanoTime();
            if (now - deadline > 0 && spent(now)) {
                throw new DeadlineExceeded();
            }
        }

        /** Called when the wall clock passed {@link #deadline}: true when the budget is really spent. */
        boolean spent(long now) {
            long cpu = cpuNow() - startCpu;
            if (startCpu < 0 || cpu >= nanos || now - wallCap >= 0) {
                return true;
            }
            deadline = now + (nanos - cpu);
            return false;
        }

        /** What is left of this budget, but at most {@code nanos}: for a later attempt that may spend less. */
        Budget remainder(long atMost) {
            long now = System.nanoTime();
            long used = startCpu < 0 ? now - startWall : cpuNow() - startCpu;
            return new Budget(now, Math.max(0, Math.min(atMost, nanos - used)));
        }

        private static long cpuNow() {
            return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : -1;
        }
    }

    BoundedParser(String sql, boolean complex, Budget budget) {
        super(new WatchedTokens(sql, budget));
        this.budget = budget;
        this.jjtree = new WatchedTree();
        withAllowComplexParsing(complex);
    }

    /** JSqlParser's tokenizer, checking the budget for each token (lookahead over a long list fetches them). */
    private static final class WatchedTokens extends CCJSqlParserTokenManager {
        private final Budget budget;

        WatchedTokens(String sql, Budget budget) {
            super(new SimpleCharStream(new StringProvider(sql), 1, 1));
            this.budget = budget;
        }

        @Override
        public Token getNextToken() {
            budget.check();
            return super.getNextToken();
        }
    }

    @Override
    public boolean getAsBoolean(Feature f) {
        checkBudget();
        return super.getAsBoolean(f);
    }

    private void checkBudget() {
        budget.check();
    }

    /** JSqlParser's tree builder, checking the budget each time a grammar production opens a node. */
    private final class WatchedTree extends JJTCCJSqlParserState {
        @Override
        public void openNodeScope(Node n) {
            checkBudget();
            super.openNodeScope(n);
        }
    }

    @Override
    public ParseException generateParseException() {
        ParseException e = new ParseException("syntax error");
        e.currentToken = token;
        return e;
    }
}
