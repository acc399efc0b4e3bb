package lsmdb.core.util;

import java.io.IOException;
import java.io.UncheckedIOException;

/** What a background task failed with, thrown again on the thread that waited for it. */
public final class Causes {

    private Causes() {
    }

    /**
     * Throws {@code cause} (an {@link java.util.concurrent.ExecutionException}'s) as it was: an I/O failure as
     * {@link IOException} (unwrapping {@link UncheckedIOException}), unchecked ones unchanged, anything else wrapped.
     */
    public static void rethrow(Throwable cause) throws IOException {
        if (cause instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error er) {
            throw er;
        }
        throw new IOException(cause);
    }
}
