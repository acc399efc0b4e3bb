package lsmdb.sql.indexbuild;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import lsmdb.sql.Errors;

/** Runs a build's scanners or writers at once, one per core, none outliving the statement. */
final class BuildThreads {

    private BuildThreads() {
    }

    /**
     * Runs the tasks at once, the last on this thread and each other on a helper thread of its own; their results
     * in order. A failure of any becomes the caller's, after every task ended.
     */
    static <T> List<T> inParallel(List<Callable<T>> tasks) throws SQLException {
        List<FutureTask<T>> helpers = new ArrayList<>();
        for (int i = 0; i + 1 < tasks.size(); i++) {
            FutureTask<T> f = new FutureTask<>(tasks.get(i));
            start(f);
            helpers.add(f);
        }
        FutureTask<T> own = new FutureTask<>(tasks.get(tasks.size() - 1));
        own.run();
        List<T> results = new ArrayList<>();
        SQLException failure = null;
        RuntimeException runtime = null;
        Error error = null;
        helpers.add(own);
        for (FutureTask<T> f : helpers) {
            try {
                results.add(await(f));
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            } catch (RuntimeException e) {
                runtime = runtime == null ? e : runtime;
            } catch (Error e) {
                error = error == null ? e : error;
            }
        }
        if (error != null) {
            throw error;
        }
        if (runtime != null) {
            throw runtime;
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private static void start(FutureTask<?> task) {
        Thread helper = new Thread(task, "lsmdb-index-build");
        helper.setDaemon(true);
        helper.start();
    }

    /** Waits for a task; its failure becomes the caller's. */
    private static <T> T await(FutureTask<T> task) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the scan cannot be left running over the snapshot: wait it out
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SQLException se) {
                throw se;
            }
            if (c instanceof IOException io) {
                throw Errors.io(io);
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
