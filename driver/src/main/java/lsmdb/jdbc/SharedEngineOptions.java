package lsmdb.jdbc;

import java.sql.SQLWarning;
import java.util.List;
import lsmdb.sql.DatabaseOptions;

/**
 * The engine options a URL names that the database, already open in this JVM with another connection's options,
 * does not have: they cannot change under a shared engine, so the connection says so in a warning rather than
 * leave the user believing them (sync, readOnly and maxQueryMemory are the connection's own and always hold).
 */
final class SharedEngineOptions {

    private SharedEngineOptions() {
    }

    /** A warning naming each option {@code config} gave that {@code open} lacks; null when there is none. */
    static SQLWarning ignored(ConnectionConfig config, DatabaseOptions open) {
        List<String> differing = config.options().engineWideDifferences(open, config.named());
        if (differing.isEmpty()) {
            return null;
        }
        return new SQLWarning("the database is already open in this JVM with other options, which hold until its last "
                + "connection closes; ignored: " + String.join(", ", differing), "01000");
    }
}
