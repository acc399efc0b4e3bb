package lsmdb.sql.expr;

import java.sql.SQLException;

/** The statement being run, as expressions see it: implemented by the executor. */
public interface ExecutionContext {

    /** 57014 once the statement was cancelled or timed out. */
    void checkCancelled() throws SQLException;

    /** The time the statement started, for CURRENT_TIMESTAMP (one value per statement, as SQL requires). */
    long statementTimeMillis();
}
