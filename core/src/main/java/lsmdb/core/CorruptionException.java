package lsmdb.core;

import java.io.IOException;

/** Stored data failed a checksum or format check. The message names the file and, where known, the offset. */
public class CorruptionException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptionException(String message) {
        super(message);
    }

    public CorruptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
