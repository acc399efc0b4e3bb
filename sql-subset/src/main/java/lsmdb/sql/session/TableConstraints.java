package lsmdb.sql.session;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lsmdb.core.LsmIterator;
import lsmdb.core.Snapshot;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.ForeignKey;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.SchemaEdit;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.exec.ForeignKeys;
import lsmdb.sql.exec.ReadView;
import lsmdb.sql.plan.AlterAction;

/**
 * UNIQUE and FOREIGN KEY constraints added to and dropped from a table (by ALTER TABLE or CREATE TABLE), under the
 * schema write lock the caller holds. A UNIQUE constraint is a unique index; a foreign key is checked against every
 * existing row before it is kept, and gets an index on its columns unless one or the primary key covers them.
 */
final class TableConstraints {

    private final Database db;
    private final Catalog catalog;

    TableConstraints(Database db) {
        this.db = db;
        this.catalog = db.catalog();
    }

    void addUnique(Table t, AlterAction.AddUnique a) throws SQLException {
        String name = a.name() != null ? a.name() : freeName("UQ_" + t.name() + "_");
        constraintNameFree(name);
        IndexBuilder.create(db, new Index(name, t.name(), -1, true, slots(t, a.columns()), a.columns()));
    }

    void addForeignKey(Table t, ForeignKey given) throws SQLException {
        String name = given.name() != null ? given.name() : freeName("FK_" + t.name() + "_");
        constraintNameFree(name);
        ForeignKey fk = new ForeignKey(name, t.name(), given.columns(), given.parentTable(), given.parentColumns());
        ForeignKeys.Link link = ForeignKeys.resolve(catalog, fk);
        for (int i = 0; i < link.childSlots().length; i++) {
            ColumnInfo c = t.slots().get(link.childSlots()[i]);
            ColumnInfo p = link.parent().slots().get(link.parentSlots()[i]);
            if (family(c) != family(p)) {
                throw Errors.syntax("foreign key " + name + ": column " + c.name() + " (" + c.type() + ") cannot "
                        + "reference " + p.name() + " (" + p.type() + ")");
            }
        }
        try (Snapshot snap = db.engine().snapshot();
             LsmIterator it = db.engine().iterator(snap, t.prefix(), t.prefixEnd())) {
            ReadView view = new ReadView(db.engine(), snap, null);
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ForeignKeys.requireParent(view, null, link, RowCodec.decodeRow(t, it.key(), it.value()));
            }
        }
        boolean keyCovers = !t.hasHiddenRowId() && t.keySlots().length >= link.childSlots().length
                && Arrays.equals(Arrays.copyOf(t.keySlots(), link.childSlots().length), link.childSlots());
        if (link.childIndex() == null && !keyCovers) {
            // SPEC §3.1: the child's columns get an index, so deleting a parent need not scan the child.
            IndexBuilder.create(db, new Index(freeName(name + "_IX"), t.name(), -1, false, link.childSlots(),
                    fk.columns()));
        }
        Map<String, ForeignKey> keys = new TreeMap<>(catalog.allForeignKeys());
        keys.put(name, fk);
        Table now = catalog.get(t.name());
        catalog.alter(new SchemaEdit(now, now, catalog.indexes(t.name()), List.of(), keys));
    }

    void drop(Table t, AlterAction.DropConstraint a) throws SQLException {
        ForeignKey fk = catalog.allForeignKeys().get(a.name());
        if (fk != null && fk.table().equals(t.name())) {
            Map<String, ForeignKey> keys = new TreeMap<>(catalog.allForeignKeys());
            keys.remove(a.name());
            catalog.alter(new SchemaEdit(t, t, catalog.indexes(t.name()), List.of(), keys));
            return;
        }
        Index ix = catalog.index(a.name());
        if (ix != null && ix.table().equals(t.name()) && ix.unique()) {
            catalog.dropIndex(ix.name(), false); // refused while a foreign key references its columns
            return;
        }
        if (!a.ifExists()) {
            throw Errors.syntax("table " + t.name() + " has no constraint named " + a.name());
        }
    }

    private void constraintNameFree(String name) throws SQLException {
        if (catalog.allForeignKeys().containsKey(name) || catalog.index(name) != null) {
            throw Errors.syntax("a constraint or index named " + name + " already exists");
        }
    }

    private String freeName(String base) {
        for (int n = 1; ; n++) {
            String name = base + n;
            if (!catalog.allForeignKeys().containsKey(name) && catalog.index(name) == null) {
                return name;
            }
        }
    }

    private static int[] slots(Table t, List<String> columns) throws SQLException {
        int[] slots = new int[columns.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = AlterRunner.columnSlot(t, columns.get(i), false);
        }
        return slots;
    }

    /** Types a foreign key may pair: numbers with numbers, strings with strings, else the same type. */
    private static Object family(ColumnInfo c) {
        return switch (c.type()) {
            case INTEGER, BIGINT, DECIMAL, DOUBLE -> "number";
            case VARCHAR, CHAR -> "string";
            default -> c.type();
        };
    }
}
