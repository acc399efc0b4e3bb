package lsmdb.sql.codec;

import java.io.UncheckedIOException;
import lsmdb.core.CorruptionException;

/**
 * Stored bytes that passed every checksum yet do not decode (a bug, a foreign writer, damage in memory) are
 * corruption, reported as such (XX001) and never as the decoder's internal exception.
 */
final class Malformed {

    private Malformed() {
    }

    static UncheckedIOException storedRow(RuntimeException cause) {
        return stored("a stored row", cause);
    }

    static UncheckedIOException storedKey(RuntimeException cause) {
        return stored("a stored key", cause);
    }

    private static UncheckedIOException stored(String what, RuntimeException cause) {
        return new UncheckedIOException(new CorruptionException(what + " does not decode: " + cause.getMessage(), cause));
    }
}
