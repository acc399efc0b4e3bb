package lsmdb.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches a statement running on a harness's worker thread (made by {@link #threadFactory}). Over its CPU budget,
 * the thread is stopped with {@code Thread.stop}: nothing else interrupts JSqlParser's exponential backtracking today
 * (issue 10: cancel does not), the statement is still being parsed so no database state is half-changed, and this
 * is test code only. A CPU budget rather than wall time keeps verdicts independent of the machine's load. Past the
 * wall-time limit without using the CPU, the statement counts as hung.
 */
public final class StatementGuard {

    public enum Verdict { DONE, OVER_CPU, HUNG }

    /** DONE with the task's value or the exception it threw; OVER_CPU or HUNG with neither. */
    public record Result<T>(Verdict verdict, T value, Throwable error) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long POLL_MILLIS = 50;

    private final long cpuNanos;
    private final long wallNanos;
    private volatile Thread worker;

    public StatementGuard(long cpuMillis, long wallMillis) {
        this.cpuNanos = cpuMillis * 1_000_000;
        this.wallNanos = wallMillis * 1_000_000;
    }

    public long cpuMillis() {
        return cpuNanos / 1_000_000;
    }

    /** For a single-thread executor: the guard watches the thread it last made. */
    public ThreadFactory threadFactory(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            worker = t;
            return t;
        };
    }

    @SuppressWarnings("removal")
    public <T> Result<T> await(Future<T> running) {
        long cpuStart = cpuTime();
        long wallStart = System.nanoTime();
        boolean stopped = false;
        while (true) {
            try {
                T value = running.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                return stopped ? new Result<>(Verdict.OVER_CPU, null, null) : new Result<>(Verdict.DONE, value, null);
            } catch (TimeoutException e) {
                Thread thread = worker;
                if (!stopped && thread != null && cpuTime() - cpuStart > cpuNanos) {
                    thread.stop(); // see the class comment
                    stopped = true;
                } else if (System.nanoTime() - wallStart > wallNanos) {
                    running.cancel(true);
                    return new Result<>(Verdict.HUNG, null, null);
                }
            } catch (ExecutionException e) {
                return stopped ? new Result<>(Verdict.OVER_CPU, null, null)
                        : new Result<>(Verdict.DONE, null, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** CPU time the current worker thread has used so far, in milliseconds. */
    public long workerCpuMillis() {
        return cpuTime() / 1_000_000;
    }

    private long cpuTime() {
        Thread thread = worker;
        return thread == null ? 0 : THREADS.getThreadCpuTime(thread.getId());
    }
}
