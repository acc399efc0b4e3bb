package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A DISTINCT past maxQueryMemory, finished by sorting ({@link SortRuns}, spilling): the rows already handed out and
 * every later input row become records {@code [row hash, handed out ? 0 : 1, row...]}, sorted by hash, and the sorted
 * stream is read one hash at a time. Within a hash the rows handed out come first, so a later row equal to one of them
 * (or to an earlier later row) is dropped; rows whose hashes collide are told apart in a small set. Hashing keeps the
 * equality exactly the hash set's.
 */
final class DistinctSpill {

    private static final Integer HANDED_OUT = 0;
    private static final Integer LATER = 1;
    private static final int ROW = 2;

    private DistinctSpill() {
    }

    /** The rows of {@code in} equal to none of {@code handedOut} nor to an earlier one; handedOut is given up. */
    static Cursor rest(Collection<Object[]> handedOut, Cursor in, ExecContext ctx) throws SQLException {
        Iterator<Object[]> out = handedOut.iterator();
        Cursor records = new Cursor() {
            @Override
            public Object[] next() throws SQLException {
                if (out.hasNext()) {
                    Object[] r = out.next();
                    out.remove(); // written out: the set need not keep it
                    return record(r, HANDED_OUT);
                }
                Object[] r = in.next();
                return r == null ? null : record(r, LATER);
            }

            @Override
            public void close() {
                // the input is the DISTINCT's to close
            }
        };
        return new Deduplicated(HashSorted.rows(records, ctx, ROW));
    }

    private static Object[] record(Object[] row, Integer tag) {
        Object[] rec = new Object[ROW + row.length];
        rec[0] = SetOps.rowKey(row, row.length).hashCode();
        rec[1] = tag;
        System.arraycopy(row, 0, rec, ROW, row.length);
        return rec;
    }

    /** The later rows of the sorted records that are the first of their values. */
    private static final class Deduplicated implements Cursor {
        private final Cursor sorted;
        private final Set<List<Object>> ofHash = new HashSet<>();
        private Object hash;

        Deduplicated(Cursor sorted) {
            this.sorted = sorted;
        }

        @Override
        public Object[] next() throws SQLException {
            try {
                for (Object[] rec; (rec = sorted.next()) != null; ) {
                    if (!rec[0].equals(hash)) {
                        ofHash.clear();
                        hash = rec[0];
                    }
                    Object[] row = Arrays.copyOfRange(rec, ROW, rec.length);
                    if (ofHash.add(SetOps.rowKey(row, row.length)) && LATER.equals(rec[1])) {
                        return row;
                    }
                }
                return null;
            } catch (SQLException | RuntimeException e) {
                close(); // a failed statement leaves no file behind
                throw e;
            }
        }

        @Override
        public void close() {
            ofHash.clear();
            sorted.close();
        }
    }
}
