package lsmdb.sql.exec;

import java.util.List;

/** Cursors over rows already in memory. */
public final class Cursors {

    private Cursors() {
    }

    public static Cursor of(List<Object[]> rows) {
        return new Cursor() {
            private int i;

            @Override
            public Object[] next() {
                return i < rows.size() ? rows.get(i++) : null;
            }

            @Override
            public void close() {
            }
        };
    }
}
