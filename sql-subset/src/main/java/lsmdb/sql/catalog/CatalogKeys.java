package lsmdb.sql.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import lsmdb.core.util.Coding;

/**
 * Where the catalog keeps its entries in the engine's key space, next to the rows and index entries it describes.
 *
 * <pre>
 * key space   0x00 'T' name          → table schema, format 1 (one key column; written by lsmdb 0.1, still read)
 *             0x00 'S' name          → table schema, format 2 (any number of key columns, or none)
 *             0x00 'V' name          → view: its column names and its query's SQL text
 *             0x00 'I' name          → secondary index: its table, id, uniqueness and columns
 *             0x00 'N'               → next table id (varint32): ids are never reused
 *             0x00 'M'               → format level (varint32; {@link FormatLevel}); absent: level 1
 *             0x00 'D' id (4 bytes, BE) → DEFAULTs and identity of a table's columns ({@link ColumnRules})
 *             0x00 'H' id (4 bytes, BE) → identity high-water mark of a table ({@link IdentityRanges})
 *             0x00 'L' name          → how an ALTERed table's rows are stored (StoredSchemaFormat); absent: as
 *                                      its columns, in order (schema version 0)
 *             0x00 'F' name          → a foreign key (ForeignKey)
 *             0x01 id (4 bytes, BE) key → a row of table {@code id} (key by KeyCodec, value by RowCodec), or an
 *                                      index's entries (IndexKeys): index and table ids share one sequence
 *                                      ({@link KeySpace})
 * format 1    name (varint32 length | UTF-8) | id varint32 | key column varint32 | column count varint32 | column*
 * format 2    name | id varint32 | column count varint32 | column* | key column count varint32 | key column*
 *             (a table without key columns is keyed by a hidden BIGINT _ROWID_ after its last column)
 * column      name (varint32 length | UTF-8) | type ordinal (1 byte) | length varint32 | scale varint32
 *             | nullable (1 byte)
 * view        name | column count varint32 | column name* | SQL text (varint32 length | UTF-8)
 * index       name | table name | id varint32 | unique (1 byte) | column count varint32
 *             | (table slot varint32 | column name)* | [direction (1 byte: 0 ASC, 1 DESC)* — written only when
 *             some column is DESC; an entry that ends after the columns (all written before DESC existed) is all ASC]
 * </pre>
 */
final class CatalogKeys {

    static final char TABLE_V1 = 'T';
    static final char TABLE = 'S';
    static final char VIEW = 'V';
    static final char INDEX = 'I';
    static final char RULES = 'D';
    static final char IDENTITY = 'H';
    static final char LAYOUT = 'L';
    static final char FOREIGN_KEY = 'F';

    static final byte[] NEXT_ID = {0, 'N'};
    static final byte[] FORMAT = {0, 'M'};

    private CatalogKeys() {
    }

    /** The key of the entry of kind {@code kind} named {@code name}. */
    static byte[] named(char kind, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[2 + n.length];
        k[1] = (byte) kind;
        System.arraycopy(n, 0, k, 2, n.length);
        return k;
    }

    /** The name in a key made by {@link #named}. */
    static String nameOf(byte[] key) {
        return new String(key, 2, key.length - 2, StandardCharsets.UTF_8);
    }

    /** The key of the entry of kind {@code kind} that belongs to table {@code tableId}. */
    static byte[] ofTable(char kind, int tableId) {
        return new byte[] {0, (byte) kind, (byte) (tableId >>> 24), (byte) (tableId >>> 16), (byte) (tableId >>> 8),
                (byte) tableId};
    }

    /** The first key of kind {@code kind}, and (with {@link #endOf}) the range of every entry of that kind. */
    static byte[] startOf(char kind) {
        return new byte[] {0, (byte) kind};
    }

    static byte[] endOf(char kind) {
        return new byte[] {0, (byte) (kind + 1)};
    }

    /** The value stored under {@link #NEXT_ID}. */
    static byte[] encodedNextId(int next) {
        byte[] idBytes = new byte[5];
        int n = Coding.putVarint32(idBytes, 0, next);
        return Arrays.copyOf(idBytes, n);
    }
}
