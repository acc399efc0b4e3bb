package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows kept in the order added: in memory while maxQueryMemory allows, every later row in a temporary file
 * ({@link SpillFile}). Read back as often as needed; {@link #close} gives the memory back and deletes the file.
 */
final class SpilledRows implements AutoCloseable {

    private final ExecContext ctx;
    private final String what;
    private final List<Object[]> held = new ArrayList<>();
    private long heldBytes;
    /** The rows past the budget; null while all are held. */
    private SpillFile file;

    SpilledRows(ExecContext ctx, String what) {
        this.ctx = ctx;
        this.what = what;
    }

    void add(Object[] row) throws SQLException {
        ctx.tick();
        if (file == null) {
            long bytes = ExecContext.footprint(row);
            if (ctx.tryReserve(bytes)) {
                held.add(row);
                heldBytes += bytes;
                return;
            }
            ctx.release(bytes);
            file = SpillFile.create(what);
        }
        file.add(row);
    }

    /** Whether rows went to a file. */
    boolean spilled() {
        return file != null;
    }

    /** The rows when none were spilled (else null). */
    List<Object[]> held() {
        return file == null ? held : null;
    }

    /** Every row, in the order added. The caller closes the cursor. */
    Cursor read() throws SQLException {
        Cursor rest = file == null ? null : file.read();
        return new Cursor() {
            private int next;
            private Cursor tail = rest;

            @Override
            public Object[] next() throws SQLException {
                if (next < held.size()) {
                    return held.get(next++);
                }
                return tail == null ? null : tail.next();
            }

            @Override
            public void close() {
                next = held.size();
                if (tail != null) {
                    tail.close();
                    tail = null;
                }
            }
        };
    }

    /**
     * Every row, in the order added, read this once: a held row's bytes are given back as it is handed out, so what
     * the reader keeps of it (an INSERT's changed rows, for RETURNING) is not counted beside it. No read follows;
     * the caller closes the cursor.
     */
    Cursor readOnce() throws SQLException {
        Cursor rest = file == null ? null : file.read();
        return new Cursor() {
            private int next;
            private Cursor tail = rest;

            @Override
            public Object[] next() throws SQLException {
                if (next < held.size()) {
                    Object[] row = held.set(next++, null);
                    long bytes = ExecContext.footprint(row);
                    heldBytes -= bytes;
                    ctx.release(bytes);
                    return row;
                }
                return tail == null ? null : tail.next();
            }

            @Override
            public void close() {
                if (tail != null) {
                    tail.close();
                    tail = null;
                }
            }
        };
    }

    @Override
    public void close() {
        ctx.release(heldBytes);
        heldBytes = 0;
        held.clear();
        if (file != null) {
            file.close();
        }
    }
}
