package lsmdb.core.compaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lsmdb.core.util.Causes;

/**
 * Makes a compaction's finished outputs durable off the merging thread: each table's fsync runs on a helper thread
 * while the merge writes the next one, so the merge waits for the disk once at the end instead of once per output
 * (on a busy disk an fsync of a 2 MB table took tens of milliseconds, most of a compaction's time).
 */
final class OutputSyncer implements AutoCloseable {

    /** At most this many fsyncs in flight; more only queue on the device. */
    private static final int THREADS = 2;

    private ExecutorService executor;
    private final List<Future<?>> pending = new ArrayList<>();

    /** Starts the fsync and close of {@code out}, already {@link TableOutput#finishUnsynced() finished}. */
    void submit(TableOutput out) {
        if (executor == null) {
            executor = Executors.newFixedThreadPool(THREADS, r -> {
                Thread t = new Thread(r, "lsmdb-output-sync");
                t.setDaemon(true);
                return t;
            });
        }
        pending.add(executor.submit(() -> {
            try {
                out.syncAndClose();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }));
    }

    /** Waits for every submitted sync; the first failure is thrown after all have ended. */
    void awaitAll() throws IOException {
        Throwable first = null;
        boolean interrupted = false;
        for (Future<?> f : pending) {
            for (;;) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the files must be settled before the caller decides about them
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                    break;
                }
            }
        }
        pending.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            Causes.rethrow(first);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
