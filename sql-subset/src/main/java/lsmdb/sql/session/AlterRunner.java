package lsmdb.sql.session;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lsmdb.core.LsmIterator;
import lsmdb.core.Snapshot;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.ColumnDefault;
import lsmdb.sql.catalog.ColumnRules;
import lsmdb.sql.catalog.ForeignKey;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.SchemaEdit;
import lsmdb.sql.catalog.StoredSchema;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.RowCodec;
import lsmdb.sql.plan.AlterAction;
import lsmdb.sql.plan.Plan;
import lsmdb.sql.types.Coercion;

/**
 * Carries out ALTER TABLE under the schema write lock, so no statement writes meanwhile; each change is one atomic
 * catalog write ({@link Catalog#alter}) and none rewrites rows (see {@link StoredSchema}). Changes that must hold for
 * existing rows (SET NOT NULL, a foreign key, UNIQUE) read them first and change nothing when one fails.
 */
final class AlterRunner {

    private final Database db;
    private final Catalog catalog;
    private final TableConstraints constraints;

    AlterRunner(Database db) {
        this.db = db;
        this.catalog = db.catalog();
        this.constraints = new TableConstraints(db);
    }

    void run(Plan.Alter plan) throws SQLException {
        db.schemaLock.writeLock().lock();
        try {
            Table t = catalog.get(plan.table());
            if (t == null) {
                throw Errors.noSuchTable(plan.table());
            }
            AlterAction action = plan.action();
            if (action instanceof AlterAction.AddColumn a) {
                addColumn(t, a);
            } else if (action instanceof AlterAction.DropColumn a) {
                dropColumn(t, a);
            } else if (action instanceof AlterAction.RenameColumn a) {
                renameColumn(t, a);
            } else if (action instanceof AlterAction.RenameTable a) {
                renameTable(t, a.to());
            } else if (action instanceof AlterAction.SetDefault a) {
                setDefault(t, a);
            } else if (action instanceof AlterAction.SetNotNull a) {
                setNotNull(t, a);
            } else if (action instanceof AlterAction.AddUnique a) {
                constraints.addUnique(t, a);
            } else if (action instanceof AlterAction.AddForeignKey a) {
                constraints.addForeignKey(t, a.foreignKey());
            } else if (action instanceof AlterAction.DropConstraint a) {
                constraints.drop(t, a);
            }
        } finally {
            db.schemaLock.writeLock().unlock();
        }
    }

    /**
     * The UNIQUE constraints (named by position in {@code uniqueNames}, or made up) and foreign keys of a table
     * CREATE TABLE just made, inside its atomic catalog write (if one cannot be kept, the caller rolls it all back).
     */
    void addConstraintsOfNewTable(String table, List<List<String>> uniques, Map<Integer, String> uniqueNames,
                                  List<ForeignKey> keys) throws SQLException {
        db.schemaLock.writeLock().lock();
        try {
            for (int i = 0; i < uniques.size(); i++) {
                constraints.addUnique(catalog.get(table), new AlterAction.AddUnique(uniqueNames.get(i), uniques.get(i)));
            }
            for (ForeignKey fk : keys) {
                constraints.addForeignKey(catalog.get(table), fk);
            }
        } finally {
            db.schemaLock.writeLock().unlock();
        }
    }

    private void addColumn(Table t, AlterAction.AddColumn a) throws SQLException {
        ColumnInfo c = a.column();
        if (t.slot(c.name()) >= 0) {
            if (a.ifNotExists()) {
                return;
            }
            throw new SQLSyntaxErrorException("column " + c.name() + " already exists in table " + t.name(),
                    "42S21");
        }
        ColumnDefault dflt = typed(a.dflt(), c);
        Object missing = dflt == null ? null : Coercion.store(dflt.evaluate(), c);
        if (!c.nullable() && missing == null && hasRows(t)) {
            throw Errors.notNull(c.name() + " (table " + t.name() + " has rows, and the new NOT NULL column has no "
                    + "DEFAULT for them)");
        }
        List<ColumnInfo> columns = new ArrayList<>(t.columns());
        columns.add(new ColumnInfo(c.name(), c.type(), c.length(), c.scale(), c.nullable(), false, t.name()));
        StoredSchema s = t.stored();
        List<StoredSchema.StoredColumn> stored = new ArrayList<>(s.stored());
        stored.add(new StoredSchema.StoredColumn(c, columns.size() - 1, missing));
        List<ColumnDefault> defaults = padded(s.defaults(), t.columns().size());
        defaults.add(dflt);
        Table after = Catalog.altered(t, t.name(), columns, t.keyColumns(), schema(s, stored, defaults));
        List<String> ruleDefaults = new ArrayList<>(padded(catalog.rules(t).defaults(), t.columns().size()));
        ruleDefaults.add(a.defaultSql());
        ColumnRules old = catalog.rules(t);
        catalog.alter(new SchemaEdit(t, after, catalog.indexes(t.name()), List.of(), catalog.allForeignKeys(),
                new ColumnRules(java.util.Collections.unmodifiableList(ruleDefaults), old.identitySlot(),
                        old.identityAlways())));
        if (a.reference() != null) {
            try {
                constraints.addForeignKey(after, a.reference());
            } catch (SQLException | RuntimeException e) {
                dropColumn(catalog.get(t.name()), new AlterAction.DropColumn(c.name(), false));
                throw e;
            }
        }
    }

    private void dropColumn(Table t, AlterAction.DropColumn a) throws SQLException {
        int slot = columnSlot(t, a.column(), a.ifExists());
        if (slot < 0) {
            return;
        }
        if (t.inKey()[slot]) {
            throw Errors.syntax("cannot drop column " + a.column() + ": it is part of the primary key of "
                    + t.name());
        }
        for (Index ix : catalog.indexes(t.name())) {
            for (int s : ix.slots()) {
                if (s == slot) {
                    throw Errors.syntax("cannot drop column " + a.column() + ": index " + ix.name() + " uses it (drop "
                            + "the index or constraint first)");
                }
            }
        }
        for (ForeignKey fk : catalog.allForeignKeys().values()) {
            if (fk.table().equals(t.name()) && fk.columns().contains(a.column())
                    || fk.parentTable().equals(t.name()) && fk.parentColumns().contains(a.column())) {
                throw Errors.syntax("cannot drop column " + a.column() + ": foreign key " + fk.name() + " uses it");
            }
        }
        if (t.columns().size() == 1) {
            throw Errors.syntax("cannot drop column " + a.column() + ": it is the only column of " + t.name());
        }
        List<ColumnInfo> columns = new ArrayList<>(t.columns());
        columns.remove(slot);
        List<Integer> key = new ArrayList<>();
        for (int k : t.keyColumns()) {
            key.add(k > slot ? k - 1 : k);
        }
        StoredSchema s = t.stored();
        List<StoredSchema.StoredColumn> stored = new ArrayList<>();
        for (StoredSchema.StoredColumn c : s.stored()) {
            int to = c.slot() == slot ? -1 : c.slot() > slot ? c.slot() - 1 : c.slot();
            stored.add(new StoredSchema.StoredColumn(c.column(), to, c.missing()));
        }
        List<ColumnDefault> defaults = padded(s.defaults(), t.columns().size());
        defaults.remove(slot);
        List<Index> indexes = new ArrayList<>();
        for (Index ix : catalog.indexes(t.name())) {
            int[] slots = ix.slots().clone();
            for (int i = 0; i < slots.length; i++) {
                slots[i] = slots[i] > slot ? slots[i] - 1 : slots[i];
            }
            indexes.add(new Index(ix.name(), ix.table(), ix.id(), ix.unique(), slots, ix.columnNames(),
                    ix.descending()));
        }
        Table after = Catalog.altered(t, t.name(), columns, key, schema(s, stored, defaults));
        ColumnRules old = catalog.rules(t);
        List<String> ruleDefaults = new ArrayList<>(padded(old.defaults(), t.columns().size()));
        ruleDefaults.remove(slot);
        int identity = old.identitySlot() == slot ? -1 : old.identitySlot() > slot ? old.identitySlot() - 1
                : old.identitySlot();
        catalog.alter(new SchemaEdit(t, after, indexes, List.of(), catalog.allForeignKeys(),
                new ColumnRules(java.util.Collections.unmodifiableList(ruleDefaults), identity,
                        identity >= 0 && old.identityAlways())));
    }

    private void renameColumn(Table t, AlterAction.RenameColumn a) throws SQLException {
        int slot = columnSlot(t, a.from(), false);
        if (a.to().equals(Catalog.ROWID)) {
            throw Errors.syntax("the column name " + Catalog.ROWID + " is reserved for the hidden row id");
        }
        if (t.slot(a.to()) >= 0) {
            throw new SQLSyntaxErrorException("column " + a.to() + " already exists in table " + t.name(), "42S21");
        }
        List<ColumnInfo> columns = new ArrayList<>(t.columns());
        ColumnInfo c = columns.get(slot);
        columns.set(slot, new ColumnInfo(a.to(), c.type(), c.length(), c.scale(), c.nullable(), c.primaryKey(),
                c.table()));
        List<Index> indexes = new ArrayList<>();
        for (Index ix : catalog.indexes(t.name())) {
            indexes.add(new Index(ix.name(), ix.table(), ix.id(), ix.unique(), ix.slots(),
                    replace(ix.columnNames(), a.from(), a.to()), ix.descending()));
        }
        Map<String, ForeignKey> keys = new TreeMap<>();
        for (ForeignKey fk : catalog.allForeignKeys().values()) {
            keys.put(fk.name(), fk.renamed(fk.table(),
                    fk.table().equals(t.name()) ? replace(fk.columns(), a.from(), a.to()) : fk.columns(),
                    fk.parentTable(), fk.parentTable().equals(t.name())
                            ? replace(fk.parentColumns(), a.from(), a.to()) : fk.parentColumns()));
        }
        Table after = Catalog.altered(t, t.name(), columns, t.keyColumns(), schema(t.stored(), null, null));
        catalog.alter(new SchemaEdit(t, after, indexes, List.of(), keys));
    }

    private void renameTable(Table t, String to) throws SQLException {
        if (to.equals(t.name())) {
            return;
        }
        if (catalog.get(to) != null || catalog.view(to) != null) {
            throw Errors.tableExists(to);
        }
        List<ColumnInfo> columns = new ArrayList<>();
        for (ColumnInfo c : t.columns()) {
            columns.add(new ColumnInfo(c.name(), c.type(), c.length(), c.scale(), c.nullable(), c.primaryKey(), to));
        }
        List<Index> indexes = new ArrayList<>();
        for (Index ix : catalog.indexes(t.name())) {
            indexes.add(new Index(ix.name(), to, ix.id(), ix.unique(), ix.slots(), ix.columnNames(),
                    ix.descending()));
        }
        Map<String, ForeignKey> keys = new TreeMap<>();
        for (ForeignKey fk : catalog.allForeignKeys().values()) {
            keys.put(fk.name(), fk.renamed(fk.table().equals(t.name()) ? to : fk.table(), fk.columns(),
                    fk.parentTable().equals(t.name()) ? to : fk.parentTable(), fk.parentColumns()));
        }
        Table after = Catalog.altered(t, to, columns, t.keyColumns(), schema(t.stored(), null, null));
        catalog.alter(new SchemaEdit(t, after, indexes, List.of(), keys));
    }

    private void setDefault(Table t, AlterAction.SetDefault a) throws SQLException {
        int slot = columnSlot(t, a.column(), false);
        List<ColumnDefault> defaults = padded(t.stored().defaults(), t.columns().size());
        defaults.set(slot, typed(a.dflt(), t.columns().get(slot)));
        Table after = Catalog.altered(t, t.name(), t.columns(), t.keyColumns(), schema(t.stored(), null, defaults));
        ColumnRules old = catalog.rules(t);
        List<String> ruleDefaults = new ArrayList<>(padded(old.defaults(), t.columns().size()));
        ruleDefaults.set(slot, a.defaultSql());
        catalog.alter(new SchemaEdit(t, after, catalog.indexes(t.name()), List.of(), catalog.allForeignKeys(),
                new ColumnRules(java.util.Collections.unmodifiableList(ruleDefaults), old.identitySlot(),
                        old.identityAlways())));
    }

    private void setNotNull(Table t, AlterAction.SetNotNull a) throws SQLException {
        int slot = columnSlot(t, a.column(), false);
        ColumnInfo c = t.columns().get(slot);
        if (!a.notNull() && t.inKey()[slot]) {
            throw Errors.syntax("column " + c.name() + " is part of the primary key of " + t.name()
                    + " and cannot allow NULL");
        }
        if (c.nullable() == !a.notNull()) {
            return;
        }
        if (a.notNull()) {
            try (Snapshot snap = db.engine().snapshot();
                 LsmIterator it = db.engine().iterator(snap, t.prefix(), t.prefixEnd())) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    if (RowCodec.decodeRow(t, it.key(), it.value())[slot] == null) {
                        throw Errors.notNull(c.name() + " (table " + t.name() + " has rows where it is NULL)");
                    }
                }
            }
        }
        List<ColumnInfo> columns = new ArrayList<>(t.columns());
        columns.set(slot, new ColumnInfo(c.name(), c.type(), c.length(), c.scale(), !a.notNull(), c.primaryKey(),
                c.table()));
        Table after = Catalog.altered(t, t.name(), columns, t.keyColumns(), schema(t.stored(), null, null));
        catalog.alter(new SchemaEdit(t, after, catalog.indexes(t.name()), List.of(), catalog.allForeignKeys()));
    }

    private boolean hasRows(Table t) {
        try (LsmIterator it = db.engine().iterator(null, t.prefix(), t.prefixEnd())) {
            it.seekToFirst();
            return it.isValid();
        }
    }

    /** The slot of column {@code name}; -1 when it is missing and {@code ifExists}, else 42S22. */
    static int columnSlot(Table t, String name, boolean ifExists) throws SQLException {
        int slot = t.slot(name);
        if (slot < 0 || slot >= t.columns().size()) {
            if (ifExists) {
                return -1;
            }
            throw Errors.noSuchColumn(name, t.name());
        }
        return slot;
    }

    /** A DEFAULT's constant converted to the column's type (22018/22003/22001 when it does not fit). */
    private static ColumnDefault typed(ColumnDefault d, ColumnInfo c) throws SQLException {
        if (d == null || d.kind() != ColumnDefault.Kind.LITERAL) {
            return d;
        }
        return new ColumnDefault(d.kind(), Coercion.store(d.value(), c));
    }

    /** The next schema version; null lists keep the current ones. */
    private static StoredSchema schema(StoredSchema s, List<StoredSchema.StoredColumn> stored,
                                       List<ColumnDefault> defaults) {
        return new StoredSchema(s.version() + 1, stored == null ? s.stored() : List.copyOf(stored),
                java.util.Collections.unmodifiableList(new ArrayList<>(defaults == null ? s.defaults() : defaults)));
    }

    private static <T> List<T> padded(List<T> defaults, int n) {
        List<T> out = new ArrayList<>(defaults);
        while (out.size() < n) {
            out.add(null);
        }
        return out;
    }

    private static List<String> replace(List<String> names, String from, String to) {
        List<String> out = new ArrayList<>(names);
        out.replaceAll(n -> n.equals(from) ? to : n);
        return List.copyOf(out);
    }


}
