package lsmdb.sql.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.WriteBatch;
import lsmdb.core.util.Coding;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;
import lsmdb.sql.TableInfo;

/**
 * Table schemas, kept in the engine itself so DDL is as durable and atomic as data.
 *
 * <pre>
 * key space   0x00 'T' name          → schema of table {@code name}
 *             0x00 'N'               → next table id (varint32): ids are never reused
 *             0x01 id (4 bytes, BE) key → a row of table {@code id} (key encoded by KeyCodec, value by RowCodec)
 * schema      table name (varint32 length | UTF-8) | id varint32 | key column varint32 | column count varint32
 *             | per column: name (varint32 length | UTF-8) | type ordinal (1 byte) | length varint32
 *             | scale varint32 | nullable (1 byte)
 * </pre>
 *
 * Thread-safe: readers see an immutable map; DDL is serialised and bumps {@link #version()}.
 */
public final class Catalog {

    /** A table and where its rows live. */
    public record Table(int id, TableInfo info) {
        public byte[] prefix() {
            return new byte[] {1, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
        }

        /** The first key after every row of this table. */
        public byte[] prefixEnd() {
            int next = id + 1;
            return new byte[] {1, (byte) (next >>> 24), (byte) (next >>> 16), (byte) (next >>> 8), (byte) next};
        }

        public byte[] rowKey(byte[] encodedKey) {
            byte[] k = Arrays.copyOf(prefix(), 5 + encodedKey.length);
            System.arraycopy(encodedKey, 0, k, 5, encodedKey.length);
            return k;
        }
    }

    private static final byte[] TABLE_PREFIX = {0, 'T'};
    private static final byte[] TABLE_PREFIX_END = {0, 'T' + 1};
    private static final byte[] NEXT_ID = {0, 'N'};

    private final LsmDb db;
    private volatile Map<String, Table> tables;
    private volatile long version;
    private int nextId;

    private Catalog(LsmDb db, Map<String, Table> tables, int nextId) {
        this.db = db;
        this.tables = tables;
        this.nextId = nextId;
    }

    public static Catalog load(LsmDb db) throws IOException {
        Map<String, Table> tables = new TreeMap<>();
        try (LsmIterator it = db.iterator(null, TABLE_PREFIX, TABLE_PREFIX_END)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                Table t = decode(it.value());
                tables.put(t.info().name(), t);
            }
        }
        byte[] next = db.get(NEXT_ID);
        int nextId = next == null ? 1 : Coding.getVarint32(next, new int[] {0}, next.length);
        return new Catalog(db, Collections.unmodifiableMap(tables), nextId);
    }

    /** Changes whenever a table is created or dropped: cached plans check it. */
    public long version() {
        return version;
    }

    public Table get(String name) {
        return tables.get(name);
    }

    public List<Table> all() {
        return new ArrayList<>(tables.values());
    }

    /** Creates a table; false if it exists and {@code ifNotExists}. */
    public synchronized boolean create(String name, List<ColumnInfo> columns, int keyColumn, boolean ifNotExists)
            throws SQLException {
        if (tables.containsKey(name)) {
            if (ifNotExists) {
                return false;
            }
            throw Errors.tableExists(name);
        }
        Table t = new Table(nextId, new TableInfo(name, List.copyOf(columns), keyColumn));
        byte[] idBytes = new byte[5];
        int n = Coding.putVarint32(idBytes, 0, nextId + 1);
        WriteBatch batch = new WriteBatch().put(key(name), encode(t)).put(NEXT_ID, Arrays.copyOf(idBytes, n));
        try {
            db.write(batch);
        } catch (IOException e) {
            throw Errors.io(e);
        }
        nextId++;
        Map<String, Table> copy = new TreeMap<>(tables);
        copy.put(name, t);
        tables = Collections.unmodifiableMap(copy);
        version++;
        return true;
    }

    /** Drops a table and its rows (one range delete); false if missing and {@code ifExists}. */
    public synchronized boolean drop(String name, boolean ifExists) throws SQLException {
        Table t = tables.get(name);
        if (t == null) {
            if (ifExists) {
                return false;
            }
            throw Errors.noSuchTable(name);
        }
        WriteBatch batch = new WriteBatch().delete(key(name)).deleteRange(t.prefix(), t.prefixEnd());
        try {
            db.write(batch);
        } catch (IOException e) {
            throw Errors.io(e);
        }
        Map<String, Table> copy = new TreeMap<>(tables);
        copy.remove(name);
        tables = Collections.unmodifiableMap(copy);
        version++;
        return true;
    }

    private static byte[] key(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] k = Arrays.copyOf(TABLE_PREFIX, 2 + n.length);
        System.arraycopy(n, 0, k, 2, n.length);
        return k;
    }

    private static byte[] encode(Table t) {
        byte[] tableName = t.info().name().getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[64 + tableName.length + 64 * t.info().columns().size()];
        int p = Coding.putVarint32(buf, 0, tableName.length);
        System.arraycopy(tableName, 0, buf, p, tableName.length);
        p += tableName.length;
        p = Coding.putVarint32(buf, p, t.id());
        p = Coding.putVarint32(buf, p, t.info().keyColumn());
        p = Coding.putVarint32(buf, p, t.info().columns().size());
        for (ColumnInfo c : t.info().columns()) {
            byte[] name = c.name().getBytes(StandardCharsets.UTF_8);
            if (buf.length < p + name.length + 32) {
                buf = Arrays.copyOf(buf, buf.length * 2 + name.length);
            }
            p = Coding.putVarint32(buf, p, name.length);
            System.arraycopy(name, 0, buf, p, name.length);
            p += name.length;
            buf[p++] = (byte) c.type().ordinal();
            p = Coding.putVarint32(buf, p, c.length());
            p = Coding.putVarint32(buf, p, c.scale());
            buf[p++] = (byte) (c.nullable() ? 1 : 0);
        }
        return Arrays.copyOf(buf, p);
    }

    private static Table decode(byte[] v) throws IOException {
        try {
            int[] pos = {0};
            int tableNameLength = Coding.getVarint32(v, pos, v.length);
            String tableName = new String(v, pos[0], tableNameLength, StandardCharsets.UTF_8);
            pos[0] += tableNameLength;
            int id = Coding.getVarint32(v, pos, v.length);
            int keyColumn = Coding.getVarint32(v, pos, v.length);
            int n = Coding.getVarint32(v, pos, v.length);
            List<ColumnInfo> columns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int len = Coding.getVarint32(v, pos, v.length);
                String name = new String(v, pos[0], len, StandardCharsets.UTF_8);
                pos[0] += len;
                SqlType type = SqlType.values()[v[pos[0]++]];
                int length = Coding.getVarint32(v, pos, v.length);
                int scale = Coding.getVarint32(v, pos, v.length);
                boolean nullable = v[pos[0]++] != 0;
                columns.add(new ColumnInfo(name, type, length, scale, nullable, i == keyColumn, tableName));
            }
            return new Table(id, new TableInfo(tableName, List.copyOf(columns), keyColumn));
        } catch (RuntimeException e) {
            throw new lsmdb.core.CorruptionException("catalog entry is malformed: " + e.getMessage());
        }
    }
}
