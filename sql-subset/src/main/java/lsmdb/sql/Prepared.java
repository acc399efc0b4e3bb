package lsmdb.sql;

import java.util.List;

/** A parsed, validated statement, immutable and shareable across sessions (the plan cache hands these out). */
public interface Prepared {

    String sql();

    /** Number of {@code ?} parameters. */
    int parameterCount();

    /** The type a parameter is bound to (0-based), or null when the statement does not fix it. */
    SqlType parameterType(int index);

    /** True when executing it yields rows. */
    boolean isQuery();

    /** Columns of the rows it yields; empty for non-queries. */
    List<ColumnInfo> resultColumns();
}
