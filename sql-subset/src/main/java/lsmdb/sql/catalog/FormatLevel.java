package lsmdb.sql.catalog;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import lsmdb.core.CorruptionException;
import lsmdb.core.LsmDb;
import lsmdb.core.WriteBatch;
import lsmdb.core.util.Coding;

/**
 * The SQL layer's format level, stored under {@link CatalogKeys#FORMAT}: what a binary must understand to read the
 * database's rows, index entries and catalog. A writable open raises it to this binary's {@link #CURRENT}; an open
 * that finds a level above {@code CURRENT} is refused (08001) instead of misreading what a newer lsmdb wrote.
 *
 * <pre>
 * level 1  (no marker: written before it existed) every index entry's value is its row key
 * level 2  an index entry whose key ends in its row key may have an empty value: the row key is rebuilt from the
 *          entry's key ({@code codec.IndexKeys})
 * </pre>
 *
 * Binaries from before the marker do not look for it; they take an empty value as a row key, find no such row and
 * report corruption rather than serve wrong rows.
 */
public final class FormatLevel {

    /** The level of a database that has no marker. */
    static final int UNMARKED = 1;
    /** The highest level this binary reads, and the one it writes. */
    public static final int CURRENT = 2;

    private FormatLevel() {
    }

    /** The level stored in {@code db}: {@link #UNMARKED} when there is no marker. */
    static int stored(LsmDb db) throws IOException {
        byte[] v = db.get(CatalogKeys.FORMAT);
        if (v == null) {
            return UNMARKED;
        }
        int[] pos = {0};
        int level;
        try {
            level = Coding.getVarint32(v, pos, v.length);
        } catch (RuntimeException e) {
            throw new CorruptionException("the format level entry is malformed: " + e);
        }
        if (pos[0] != v.length || level < UNMARKED) {
            throw new CorruptionException("the format level entry is malformed (" + v.length + " bytes)");
        }
        return level;
    }

    /**
     * Refuses a database of a level this binary cannot read; raises a lower one to {@link #CURRENT} unless the
     * database is open read-only.
     */
    static void checkAndRaise(LsmDb db) throws IOException, SQLException {
        int level = stored(db);
        if (level > CURRENT) {
            throw new SQLNonTransientConnectionException("the database was written by a newer lsmdb (format level "
                    + level + "; this one reads up to " + CURRENT + "): open it with that version or later", "08001");
        }
        if (level < CURRENT && !db.options().readOnly()) {
            try {
                db.write(new WriteBatch().put(CatalogKeys.FORMAT, encoded(CURRENT)));
            } catch (IOException | RuntimeException e) {
                // a replica cannot write on its own: its leader's open writes the marker and it arrives by the log
            }
        }
    }

    static byte[] encoded(int level) {
        byte[] b = new byte[5];
        int n = Coding.putVarint32(b, 0, level);
        return java.util.Arrays.copyOf(b, n);
    }
}
