package lsmdb.sql.parse;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.feature.Feature;

/**
 * JSqlParser's parser with a deadline and cheap errors, run on the caller's thread (no thread per statement).
 * <ul>
 * <li>JSqlParser consults {@link #getAsBoolean} from its lookahead for every primary expression, so that is where
 * the budget is checked: once spent, the parse is abandoned by an unchecked {@link DeadlineExceeded}
 * (setting JSqlParser's own {@code interrupted} flag only disables some lookaheads; a long list keeps going).</li>
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
    static final class DeadlineExceeded extends RuntimeException {
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

        Budget(long startWall, long nanos) {
            this.startWall = startWall;
            this.startCpu = cpuNow();
            this.nanos = nanos;
            this.wallCap = startWall + WALL_CAP_FACTOR * nanos;
            this.deadline = startWall + nanos;
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

        private static long cpuNow() {
            return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : -1;
        }
    }

    BoundedParser(String sql, boolean complex, Budget budget) {
        super(new net.sf.jsqlparser.parser.StringProvider(sql));
        this.budget = budget;
        withAllowComplexParsing(complex);
    }

    @Override
    public boolean getAsBoolean(Feature f) {
        long now = System.nanoTime();
        if (now - budget.deadline > 0 && budget.spent(now)) {
            interrupted = true;
            throw new DeadlineExceeded();
        }
        return super.getAsBoolean(f);
    }

    @Override
    public ParseException generateParseException() {
        ParseException e = new ParseException("syntax error");
        e.currentToken = token;
        return e;
    }
}
