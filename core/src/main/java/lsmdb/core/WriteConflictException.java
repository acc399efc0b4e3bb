package lsmdb.core;

import java.io.IOException;

/**
 * A conflict-checked write found that one of its keys was written by someone else after the writer's snapshot
 * (first committer wins). Nothing of the batch was applied.
 */
public class WriteConflictException extends IOException {
    private static final long serialVersionUID = 1L;

    public WriteConflictException(String message) {
        super(message);
    }
}
