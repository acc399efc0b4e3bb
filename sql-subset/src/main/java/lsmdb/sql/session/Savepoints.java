package lsmdb.sql.session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import lsmdb.sql.exec.ReadView;

/**
 * A transaction's savepoints, innermost last: each keeps a copy of the buffered writes as they were when it was set,
 * so rolling back to it puts that copy back (the snapshot stays the transaction's). Names may repeat; the innermost
 * one of a name counts (SQL's rule).
 */
final class Savepoints {

    private record Savepoint(String name, TreeMap<byte[], byte[]> writes) {
    }

    private final List<Savepoint> marks = new ArrayList<>();

    /** Sets savepoint {@code name} over {@code writes} (copied). */
    void set(String name, TreeMap<byte[], byte[]> writes) {
        marks.add(new Savepoint(name, copy(writes)));
    }

    /** The writes as savepoint {@code name} found them (a copy to buffer into); drops the savepoints set after it. */
    TreeMap<byte[], byte[]> rollbackTo(String name) throws SQLException {
        int i = find(name);
        marks.subList(i + 1, marks.size()).clear();
        return copy(marks.get(i).writes());
    }

    /** Drops savepoint {@code name} and those set after it; the writes stay. */
    void release(String name) throws SQLException {
        marks.subList(find(name), marks.size()).clear();
    }

    /** Forgets every savepoint: the transaction ended. */
    void clear() {
        marks.clear();
    }

    private int find(String name) throws SQLException {
        for (int i = marks.size() - 1; i >= 0; i--) {
            if (marks.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new SQLException("no savepoint named " + name + " in this transaction", "3B001");
    }

    private static TreeMap<byte[], byte[]> copy(TreeMap<byte[], byte[]> writes) {
        TreeMap<byte[], byte[]> copy = ReadView.newWriteMap();
        copy.putAll(writes);
        return copy;
    }
}
