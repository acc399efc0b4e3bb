package lsmdb.sql.exec;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import lsmdb.core.Snapshot;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.RowCursor;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.RecentStrings;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.codec.RowKeys;

/**
 * The rows of a {@link KeyRangeRows} query for the driver, read straight from the engine's range: a step moves the
 * engine's cursor and counts the limit; a row's columns are decoded when first asked for, into one row array reused
 * from row to row, so no operator, row array or copy of the key and value is made per row. The statement's
 * own snapshot ({@code release}) is closed when the rows are closed or run out. A one-column BIGINT key is read
 * from the key as a {@code long} ({@link #getLong}): the row's decoding leaves it out, so no {@code Long} is made.
 */
final class KeyRangeCursor implements RowCursor {

    private static final byte[] NO_BYTES = new byte[0];

    private final List<ColumnInfo> columns;
    private final Table table;
    /** Per output column, its slot in {@link #row}. */
    private final int[] slots;
    /** The slots the row's decoding fills: the wanted ones but a one-column BIGINT key, which is read as a long. */
    private final boolean[] wanted;
    private final boolean readsKey;
    /** Per output column, whether it is the table's one-column BIGINT key. */
    private final boolean[] longKey;

    /**
     * What a plan's rows read of each entry, worked out once per plan: which columns the row's decoding fills, which
     * output columns are the one-column BIGINT key (read as a long), whether the key is decoded at all. Read only.
     */
    record Shape(int[] slots, boolean[] wanted, boolean[] longKey, boolean readsKey) {

        static Shape of(Table table, int[] slots) {
            boolean[] wanted = new boolean[table.columns().size()];
            boolean[] longKey = new boolean[slots.length];
            int keySlot = RowKeys.oneLongKeySlot(table);
            for (int i = 0; i < slots.length; i++) {
                longKey[i] = slots[i] == keySlot;
                wanted[slots[i]] |= !longKey[i];
            }
            return new Shape(slots, wanted, longKey, RowCodec.readsKey(table, wanted));
        }
    }
    private final ExecContext ctx;
    /** The statement's own snapshot, closed once with the rows; null when it has none. */
    private final Snapshot release;
    /** Null when the execution has no rows to read (a NULL bound, LIMIT 0) or once closed. */
    private ReadView.Scan scan;
    private long left;
    private boolean closed;

    /** The current row's wanted slots, valid once {@link #decoded}. */
    private final Object[] row;
    private boolean decoded;
    private byte[] value = NO_BYTES;
    private byte[] key = NO_BYTES;
    /** Made once the scan proves long, as the general scan does: a short range does not pay for it. */
    private RecentStrings strings = RecentStrings.NONE;
    private int rowsRead;

    KeyRangeCursor(List<ColumnInfo> columns, Table table, Shape shape, ExecContext ctx, ReadView.Scan scan,
                   long limit, Snapshot release) {
        this.columns = columns;
        this.table = table;
        this.slots = shape.slots();
        this.wanted = shape.wanted();
        this.longKey = shape.longKey();
        this.readsKey = shape.readsKey();
        this.ctx = ctx;
        this.scan = scan;
        this.left = limit;
        this.release = release;
        this.row = new Object[table.width()];
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public boolean next() throws SQLException {
        decoded = false;
        if (scan == null || left == 0) {
            close();
            return false;
        }
        try {
            if (!scan.next()) {
                close();
                return false;
            }
            ctx.tick();
        } catch (UncheckedIOException e) {
            close();
            throw Errors.io(e);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
        left--;
        if (++rowsRead == 64) {
            strings = new RecentStrings();
        }
        return true;
    }

    @Override
    public int rowsServed() {
        return rowsRead;
    }

    @Override
    public boolean readsLong(int index) {
        return longKey[index];
    }

    @Override
    public long getLong(int index) throws SQLException {
        try {
            int n = copyKey(); // first: it may replace the buffer
            return RowKeys.oneLong(key, n);
        } catch (UncheckedIOException e) {
            close();
            throw Errors.io(e);
        }
    }

    @Override
    public Object get(int index) throws SQLException {
        if (longKey[index]) {
            return getLong(index);
        }
        if (!decoded) {
            decodeCurrent();
        }
        return row[slots[index]];
    }

    /** Decodes the wanted columns of the entry the engine stands on, its key and value copied into reused buffers. */
    private void decodeCurrent() throws SQLException {
        try {
            int n = scan.valueLength();
            if (value.length < n) {
                value = new byte[Math.max(n, Math.max(128, value.length * 2))];
            }
            scan.copyValue(value);
            int k = readsKey ? copyKey() : 0;
            RowCodec.decodeRowInto(table, readsKey ? key : null, k, value, n, wanted, strings, row);
        } catch (UncheckedIOException e) {
            close();
            throw Errors.io(e);
        }
        decoded = true;
    }

    /** Copies the current entry's key into {@link #key}; its length. */
    private int copyKey() {
        int k = scan.keyLength();
        if (key.length < k) {
            key = new byte[Math.max(k, Math.max(32, key.length * 2))];
        }
        scan.copyKey(key);
        return k;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                if (scan != null) {
                    scan.close();
                    scan = null;
                }
            } finally {
                if (release != null) {
                    release.close();
                }
            }
        }
    }
}
