package lsmdb.sql.parse;

import net.sf.jsqlparser.statement.Statement;

/** One statement as {@link SqlFront} recognised it: a control statement, or SQL parsed by JSqlParser. */
public sealed interface ParsedStatement {

    enum ControlKind { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT, RELEASE_SAVEPOINT, SHUTDOWN, BACKUP }

    /**
     * A transaction or database control statement. {@code name} is the savepoint name (case rules of
     * {@link SqlParser#identifier} applied) or the BACKUP directory (string literal unescaped); null otherwise.
     */
    record Control(ControlKind kind, String name) implements ParsedStatement {
    }

    /** JSqlParser's tree; {@code upsert} when the text said {@code UPSERT INTO} (parsed as INSERT INTO). */
    record Sql(Statement statement, boolean upsert) implements ParsedStatement {
    }
}
