package lsmdb.core.util;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void aBackgroundFailureIsThrownAsItWas() {
        IOException io = new IOException("disk");
        assertSame(io, assertThrows(IOException.class, () -> Causes.rethrow(io)));
        assertSame(io, assertThrows(IOException.class, () -> Causes.rethrow(new UncheckedIOException(io))));
        IllegalStateException ise = new IllegalStateException("bug");
        assertSame(ise, assertThrows(IllegalStateException.class, () -> Causes.rethrow(ise)));
        OutOfMemoryError oom = new OutOfMemoryError("heap");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Causes.rethrow(oom)));
        Exception checked = new Exception("other");
        assertSame(checked, assertThrows(IOException.class, () -> Causes.rethrow(checked)).getCause());
    }
}
