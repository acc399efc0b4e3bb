package lsmdb.jdbc;

import java.sql.SQLException;

/**
 * What {@code Connection.createStatement()} returns: a {@link java.sql.Statement} running SQL text, and nothing
 * else (it is not a {@link java.sql.PreparedStatement}). Its batch entries are SQL texts; all else is
 * {@link LsmStatement}'s.
 */
final class LsmPlainStatement extends LsmStatement {

    LsmPlainStatement(LsmConnection connection) {
        super(connection);
    }

    @Override
    void runBatchEntry(Object sql) throws SQLException {
        runScript((String) sql);
    }
}
