package lsmdb.sql.session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.Prepared;
import lsmdb.sql.SqlType;
import lsmdb.sql.parse.Scripts;

/**
 * A statement of a script, bound only when its turn comes: later statements may name tables that earlier ones
 * create. What it returns is known once it is bound, so it answers as a statement with no parameters and no rows.
 */
record ScriptStatement(String sql) implements Prepared {

    /** The statements of {@code sql}, split at its top-level semicolons; an empty script is a syntax error. */
    static List<Prepared> split(String sql) throws SQLException {
        List<Prepared> out = new ArrayList<>();
        for (String s : Scripts.split(sql)) {
            out.add(new ScriptStatement(s));
        }
        if (out.isEmpty()) {
            throw Errors.syntax("empty statement");
        }
        return out;
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public SqlType parameterType(int index) {
        return null;
    }

    @Override
    public boolean isQuery() {
        return false;
    }

    @Override
    public List<ColumnInfo> resultColumns() {
        return List.of();
    }
}
