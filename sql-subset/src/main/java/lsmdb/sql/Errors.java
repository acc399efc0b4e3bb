package lsmdb.sql;

import java.io.IOException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import lsmdb.core.CorruptionException;
import lsmdb.core.WriteConflictException;

/** Every error the SQL layer raises, with the SQLState and class SPEC §5 assigns to it. */
public final class Errors {

    private Errors() {
    }

    public static SQLSyntaxErrorException syntax(String message) {
        return new SQLSyntaxErrorException(message, "42000");
    }

    /** A construct outside the supported subset; the message names it. Never 0A000: pools evict on that. */
    public static SQLSyntaxErrorException unsupported(String construct) {
        return new SQLSyntaxErrorException(construct + " is outside the supported SQL subset (see SPEC §3)", "42000");
    }

    public static SQLSyntaxErrorException noSuchTable(String table) {
        return new SQLSyntaxErrorException("table " + table + " does not exist", "42S02");
    }

    public static SQLSyntaxErrorException tableExists(String table) {
        return new SQLSyntaxErrorException("table " + table + " already exists", "42S01");
    }

    public static SQLSyntaxErrorException noSuchColumn(String column, String table) {
        return new SQLSyntaxErrorException("column " + column + " does not exist in table " + table, "42S22");
    }

    public static SQLIntegrityConstraintViolationException duplicateKey(String table, Object key) {
        return new SQLIntegrityConstraintViolationException("duplicate key " + key + " in table " + table, "23505");
    }

    public static SQLIntegrityConstraintViolationException notNull(String column) {
        return new SQLIntegrityConstraintViolationException("NULL not allowed in column " + column, "23502");
    }

    public static SQLDataException wrongType(String message) {
        return new SQLDataException(message, "22018");
    }

    public static SQLDataException outOfRange(String message) {
        return new SQLDataException(message, "22003");
    }

    public static SQLDataException tooLong(String message) {
        return new SQLDataException(message, "22001");
    }

    public static SQLDataException divisionByZero() {
        return new SQLDataException("division by zero", "22012");
    }

    public static SQLException parameterCount(int expected, int given) {
        return new SQLException("statement has " + expected + " parameters, " + given + " were set", "07001");
    }

    public static SQLException parameterIndex(int index, int count) {
        return new SQLException("parameter index " + index + " is out of range 1.." + count, "22023");
    }

    public static SQLTransactionRollbackException conflict(String message) {
        return new SQLTransactionRollbackException(message, "40001");
    }

    public static SQLException readOnly() {
        return new SQLException("the database is open read-only", "25006");
    }

    public static SQLNonTransientConnectionException closed(String what) {
        return new SQLNonTransientConnectionException(what + " is closed", "08003");
    }

    /** An engine failure: corruption is XX001, a write conflict 40001, any other I/O failure 58030. */
    public static SQLException io(IOException e) {
        if (e instanceof CorruptionException) {
            return new SQLException("corruption detected: " + e.getMessage(), "XX001", e);
        }
        if (e instanceof WriteConflictException) {
            return conflict(e.getMessage());
        }
        if (e instanceof lsmdb.core.ReadOnlyException) {
            return readOnly();
        }
        return new SQLException("I/O failure: " + describe(e), "58030", e);
    }

    /** An exception's message, or its kind when it has none (ClosedChannelException, say): never "null". */
    public static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    public static SQLException io(java.io.UncheckedIOException e) {
        return io(e.getCause());
    }
}
