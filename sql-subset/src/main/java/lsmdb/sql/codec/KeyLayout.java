package lsmdb.sql.codec;

import lsmdb.sql.ColumnInfo;

/**
 * The shape of a key range that scans narrow: a table's primary key or a secondary index. Keys start with the
 * range's prefix and hold the key columns in order, each memcomparable.
 */
public interface KeyLayout {

    int keyCount();

    ColumnInfo keyColumn(int i);

    /** The key bytes of the first {@code n} key columns, whose values are {@code values[0..n)} (non-null). */
    byte[] prefix(Object[] values, int n);

    /**
     * Whether key column {@code i} is stored descending: its part of the key complemented, so greater values come
     * first and NULLs (0xFF) after every value.
     */
    default boolean descending(int i) {
        return false;
    }

    /** Whether the last key column is written unterminated (then nothing follows it in a key). */
    boolean lastIsRaw();

    /** Whether equality on every key column names one key that can be read with a point lookup. */
    boolean exactPoints();

    /** Where non-NULL values of the column after {@code eqPrefix} begin. */
    byte[] nonNullStart(byte[] eqPrefix);

    byte[] start();

    byte[] end();
}
