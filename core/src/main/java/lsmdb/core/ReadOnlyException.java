package lsmdb.core;

import java.io.IOException;

/** A write to a database opened with {@link Options#withReadOnly(boolean) readOnly}. */
public class ReadOnlyException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyException(String message) {
        super(message);
    }
}
