package lsmdb.sql.catalog;

/** The key range {@code 0x01 | id (4 bytes, BE)} that holds a table's rows or an index's entries. */
public final class KeySpace {

    private KeySpace() {
    }

    public static byte[] prefix(int id) {
        return new byte[] {1, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    /** The first key after the range of {@code id}. */
    public static byte[] end(int id) {
        return prefix(id + 1);
    }
}
