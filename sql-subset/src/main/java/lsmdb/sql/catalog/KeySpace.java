package lsmdb.sql.catalog;

/** The key range {@code 0x01 | id (4 bytes, BE)} that holds a table's rows or an index's entries. */
public final class KeySpace {

    private KeySpace() {
    }

    public static byte[] prefix(int id) {
        return putPrefix(id, new byte[5]);
    }

    /** Writes {@link #prefix(int)} into the first 5 bytes of {@code key}; returns {@code key}. */
    public static byte[] putPrefix(int id, byte[] key) {
        key[0] = 1;
        key[1] = (byte) (id >>> 24);
        key[2] = (byte) (id >>> 16);
        key[3] = (byte) (id >>> 8);
        key[4] = (byte) id;
        return key;
    }

    /** The first key after the range of {@code id}. */
    public static byte[] end(int id) {
        return prefix(id + 1);
    }
}
