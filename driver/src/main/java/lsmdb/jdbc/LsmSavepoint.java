package lsmdb.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A JDBC savepoint: a name in the session's transaction (the user's, or a generated one for an unnamed savepoint,
 * which JDBC identifies by number instead).
 */
record LsmSavepoint(LsmConnection connection, int id, String name, String sessionName) implements Savepoint {

    /** The savepoint as this connection's own; a savepoint of another connection or driver is 3B001. */
    static LsmSavepoint of(LsmConnection connection, Savepoint savepoint) throws SQLException {
        if (savepoint instanceof LsmSavepoint s && s.connection == connection) {
            return s;
        }
        throw new SQLException("the savepoint does not belong to this connection", "3B001");
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("a named savepoint has no id", "3B001");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("an unnamed savepoint has no name", "3B001");
        }
        return name;
    }
}
