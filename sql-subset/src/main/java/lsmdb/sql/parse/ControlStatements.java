package lsmdb.sql.parse;

import java.sql.SQLSyntaxErrorException;
import lsmdb.sql.Errors;
import lsmdb.sql.parse.ParsedStatement.Control;
import lsmdb.sql.parse.ParsedStatement.ControlKind;

/**
 * Transaction and database control statements, recognised from tokens before JSqlParser sees them (it parses
 * some of them differently per dialect, and they are too simple to need it).
 */
final class ControlStatements {

    private ControlStatements() {
    }

    /** The control statement in tokens [0, count), or null when it is not one. */
    static Control recognise(Tokens t, int count) throws SQLSyntaxErrorException {
        if (t.kind(0) != Tokens.WORD) {
            return null;
        }
        if (t.isWord(0, "BEGIN")) {
            return exact(t, count, 1, t.isWord(1, "WORK") || t.isWord(1, "TRANSACTION"), ControlKind.BEGIN, null);
        }
        if (t.isWord(0, "START") && t.isWord(1, "TRANSACTION")) {
            return exact(t, count, 2, false, ControlKind.BEGIN, null);
        }
        if (t.isWord(0, "COMMIT")) {
            return exact(t, count, 1, t.isWord(1, "WORK"), ControlKind.COMMIT, null);
        }
        if (t.isWord(0, "SHUTDOWN")) {
            return exact(t, count, 1, false, ControlKind.SHUTDOWN, null);
        }
        if (t.isWord(0, "ROLLBACK")) {
            int i = t.isWord(1, "WORK") ? 2 : 1;
            if (t.isWord(i, "TO")) {
                int name = t.isWord(i + 1, "SAVEPOINT") ? i + 2 : i + 1;
                return named(t, count, name, ControlKind.ROLLBACK_TO_SAVEPOINT);
            }
            return exact(t, count, i, false, ControlKind.ROLLBACK, null);
        }
        if (t.isWord(0, "SAVEPOINT")) {
            return named(t, count, 1, ControlKind.SAVEPOINT);
        }
        if (t.isWord(0, "RELEASE")) {
            return named(t, count, t.isWord(1, "SAVEPOINT") ? 2 : 1, ControlKind.RELEASE_SAVEPOINT);
        }
        if (t.isWord(0, "BACKUP") && t.isWord(1, "TO")) {
            if (count != 3 || t.kind(2) != Tokens.STRING) {
                throw Errors.syntax("BACKUP TO takes one string literal: BACKUP TO 'directory'");
            }
            String s = t.image(2);
            return new Control(ControlKind.BACKUP, s.substring(1, s.length() - 1).replace("''", "'"));
        }
        return null;
    }

    /** {@code words} fixed tokens, plus one optional noise word when {@code optional}; nothing after. */
    private static Control exact(Tokens t, int count, int words, boolean optional, ControlKind kind, String name)
            throws SQLSyntaxErrorException {
        int expected = words + (optional ? 1 : 0);
        if (count != expected) {
            throw Errors.syntax("unexpected " + describe(t, Math.min(count, expected)) + " in "
                    + kind.name().replace('_', ' ') + " statement");
        }
        return new Control(kind, name);
    }

    private static Control named(Tokens t, int count, int at, ControlKind kind) throws SQLSyntaxErrorException {
        if (at >= count || t.kind(at) != Tokens.WORD && t.kind(at) != Tokens.QUOTED_IDENTIFIER) {
            throw Errors.syntax(kind.name().replace('_', ' ') + " needs a savepoint name");
        }
        if (count != at + 1) {
            throw Errors.syntax("unexpected " + describe(t, at + 1) + " after the savepoint name");
        }
        return new Control(kind, Identifiers.normalise(t.image(at)));
    }

    private static String describe(Tokens t, int i) {
        return i < t.count() ? "'" + t.image(i) + "' at " + SqlLexer.position(t.text(), t.start(i)) : "end";
    }
}
