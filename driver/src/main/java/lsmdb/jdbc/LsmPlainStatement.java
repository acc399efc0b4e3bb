package lsmdb.jdbc;

/**
 * What {@code Connection.createStatement()} returns: a {@link java.sql.Statement} running SQL text, and nothing
 * else (it is not a {@link java.sql.PreparedStatement}). All its behaviour is {@link LsmStatement}'s.
 */
final class LsmPlainStatement extends LsmStatement {

    LsmPlainStatement(LsmConnection connection) {
        super(connection);
    }
}
