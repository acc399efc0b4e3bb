package lsmdb.sql.catalog;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lsmdb.core.CorruptionException;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.WriteBatch;
import lsmdb.core.util.Coding;

/**
 * Reads the catalog's entries (the key space described on {@link Catalog}) out of the engine at open, and sweeps
 * the key ranges no table or index owns. Any entry it cannot decode is corruption: the database refuses to open
 * rather than run with part of its schema.
 */
final class CatalogLoader {

    /** The definitions as stored, and the next id to hand out. */
    record Loaded(Definitions definitions, int nextId) {
    }

    private final LsmDb db;
    private final ColumnValueFormat values;

    private CatalogLoader(LsmDb db, ColumnValueFormat values) {
        this.db = db;
        this.values = values;
    }

    static Loaded load(LsmDb db, ColumnValueFormat values) throws IOException {
        return new CatalogLoader(db, values).load();
    }

    private Loaded load() throws IOException {
        Map<String, Table> tables = new TreeMap<>();
        Map<String, Catalog.View> views = new TreeMap<>();
        Map<String, Index> indexes = new TreeMap<>();
        for (char kind : new char[] {CatalogKeys.TABLE_V1, CatalogKeys.TABLE, CatalogKeys.VIEW, CatalogKeys.INDEX}) {
            try (LsmIterator it = entriesOf(kind)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    try {
                        if (kind == CatalogKeys.INDEX) {
                            Index ix = SchemaFormat.decodeIndex(it.value());
                            indexes.put(ix.name(), ix);
                        } else if (kind == CatalogKeys.VIEW) {
                            Catalog.View v = SchemaFormat.decodeView(it.value());
                            views.put(v.name(), v);
                        } else {
                            Table t = SchemaFormat.decodeTable(it.value(), kind == CatalogKeys.TABLE);
                            tables.put(t.name(), t);
                        }
                    } catch (RuntimeException e) {
                        throw new CorruptionException("catalog entry is malformed: " + e);
                    }
                }
            }
        }
        Map<String, ForeignKey> foreignKeys = new TreeMap<>();
        loadAlterations(tables, foreignKeys);
        if (!db.options().readOnly()) {
            deleteOrphans(tables, indexes);
        }
        return new Loaded(new Definitions(tables, views, indexes, loadRules(), foreignKeys), loadNextId());
    }

    private Map<Integer, ColumnRules> loadRules() throws IOException {
        Map<Integer, ColumnRules> rules = new TreeMap<>();
        try (LsmIterator it = entriesOf(CatalogKeys.RULES)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                int id = idAt(it.key(), 2);
                try {
                    rules.put(id, ColumnRules.decode(it.value()));
                } catch (RuntimeException e) {
                    throw new CorruptionException("column rules of table id " + id + " are malformed: " + e);
                }
            }
        }
        return rules;
    }

    private int loadNextId() throws IOException {
        byte[] next = db.get(CatalogKeys.NEXT_ID);
        return next == null ? 1 : Coding.getVarint32(next, new int[] {0}, next.length);
    }

    /** Reads the stored layouts of ALTERed tables (into {@code tables}) and the foreign keys. */
    private void loadAlterations(Map<String, Table> tables, Map<String, ForeignKey> foreignKeys) throws IOException {
        for (char kind : new char[] {CatalogKeys.LAYOUT, CatalogKeys.FOREIGN_KEY}) {
            try (LsmIterator it = entriesOf(kind)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    try {
                        if (kind == CatalogKeys.FOREIGN_KEY) {
                            ForeignKey fk = ForeignKey.decode(it.value());
                            foreignKeys.put(fk.name(), fk);
                            continue;
                        }
                        String name = CatalogKeys.nameOf(it.key());
                        Table t = tables.get(name);
                        if (t != null) {
                            StoredSchema stored = StoredSchemaFormat.decode(it.value(), name, t.columns(), values);
                            tables.put(name, Table.of(t.id(), name, t.columns(), t.keyColumns(), t.v2(), stored));
                        }
                    } catch (RuntimeException e) {
                        throw new CorruptionException("catalog entry is malformed: " + e);
                    }
                }
            }
        }
    }

    /**
     * Deletes key ranges whose id no table or index names: entries of an index whose build ended (crash) after they
     * were written and before its catalog entry was (indexbuild.IndexBuild). One seek per id present.
     */
    private void deleteOrphans(Map<String, Table> tables, Map<String, Index> indexes) throws IOException {
        Set<Integer> known = new HashSet<>();
        tables.values().forEach(t -> known.add(t.id()));
        indexes.values().forEach(ix -> known.add(ix.id()));
        WriteBatch batch = new WriteBatch();
        byte rangeTag = KeySpace.prefix(0)[0];
        try (LsmIterator it = db.iterator(null, KeySpace.prefix(0), null)) {
            for (it.seekToFirst(); it.isValid(); ) {
                byte[] k = it.key();
                if (k.length < 5 || k[0] != rangeTag) {
                    break;
                }
                int id = idAt(k, 1);
                if (!known.contains(id)) {
                    batch.deleteRange(KeySpace.prefix(id), KeySpace.end(id));
                }
                if (id == -1) {
                    break;
                }
                it.seek(KeySpace.end(id));
            }
        }
        if (!batch.isEmpty()) {
            try {
                db.write(batch);
            } catch (IOException | RuntimeException e) {
                // a replica cannot write on its own: the orphans stay, unread (their ids are never reused)
            }
        }
    }

    /** The catalog entries of one kind: keys {@code 0x00 kind …}. */
    private LsmIterator entriesOf(char kind) throws IOException {
        return db.iterator(null, CatalogKeys.startOf(kind), CatalogKeys.endOf(kind));
    }

    private static int idAt(byte[] k, int at) {
        return (k[at] & 0xff) << 24 | (k[at + 1] & 0xff) << 16 | (k[at + 2] & 0xff) << 8 | k[at + 3] & 0xff;
    }
}
