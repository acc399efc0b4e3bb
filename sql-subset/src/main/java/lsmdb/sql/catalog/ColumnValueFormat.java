package lsmdb.sql.catalog;

import lsmdb.sql.ColumnInfo;

/**
 * How the catalog stores a single value of a column: an ALTERed table's constant defaults and the values its stored
 * columns read as where a row lacks them ({@link StoredSchema}). The row format's one-column row, which codec
 * provides to {@link Catalog#load}: codec encodes the catalog's tables, so the catalog does not import it.
 */
public interface ColumnValueFormat {

    byte[] encode(Object value, ColumnInfo column);

    Object decode(byte[] stored, ColumnInfo column);
}
