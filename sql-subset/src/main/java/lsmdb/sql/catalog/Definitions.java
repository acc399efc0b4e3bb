package lsmdb.sql.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One generation of the catalog's definitions. DDL never changes a generation: it publishes a new one (copy on
 * write), so a reader holding one sees tables, their indexes, rules and foreign keys as one consistent whole.
 *
 * @param rules by table id; a table without DEFAULTs or identity has no entry
 */
record Definitions(Map<String, Table> tables, Map<String, Catalog.View> views, Map<String, Index> indexes,
                   Map<Integer, ColumnRules> rules, Map<String, ForeignKey> foreignKeys) {

    Definitions {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        views = Collections.unmodifiableMap(new TreeMap<>(views));
        indexes = Collections.unmodifiableMap(new TreeMap<>(indexes));
        rules = Collections.unmodifiableMap(new TreeMap<>(rules));
        foreignKeys = Collections.unmodifiableMap(new TreeMap<>(foreignKeys));
    }

    /** Whether a table or a view is called {@code name} (they share one namespace). */
    boolean nameTaken(String name) {
        return tables.containsKey(name) || views.containsKey(name);
    }

    List<Index> indexesOf(String table) {
        List<Index> out = new ArrayList<>();
        for (Index ix : indexes.values()) {
            if (ix.table().equals(table)) {
                out.add(ix);
            }
        }
        return out;
    }

    /** The foreign keys whose child table is {@code table}. */
    List<ForeignKey> foreignKeysOf(String table) {
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignKey fk : foreignKeys.values()) {
            if (fk.table().equals(table)) {
                out.add(fk);
            }
        }
        return out;
    }

    /** The foreign keys whose parent table is {@code table}. */
    List<ForeignKey> referencing(String table) {
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignKey fk : foreignKeys.values()) {
            if (fk.parentTable().equals(table)) {
                out.add(fk);
            }
        }
        return out;
    }

    Definitions withTable(Table t, ColumnRules columnRules) {
        Map<String, Table> ts = new TreeMap<>(tables);
        ts.put(t.name(), t);
        return new Definitions(ts, views, indexes, withRules(rules, t.id(), columnRules), foreignKeys);
    }

    /** Without table {@code t}, its indexes, its column rules and the foreign keys it is the child of. */
    Definitions withoutTable(Table t) {
        Map<String, Table> ts = new TreeMap<>(tables);
        ts.remove(t.name());
        Map<String, Index> ixs = new TreeMap<>(indexes);
        indexesOf(t.name()).forEach(ix -> ixs.remove(ix.name()));
        Map<String, ForeignKey> fks = new TreeMap<>(foreignKeys);
        foreignKeysOf(t.name()).forEach(fk -> fks.remove(fk.name()));
        return new Definitions(ts, views, ixs, withRules(rules, t.id(), null), fks);
    }

    /**
     * As ALTER TABLE leaves it: {@code before} replaced by {@code after} with the indexes {@code afterIndexes}, the
     * foreign keys {@code fks} (of every table), and the column rules {@code columnRules} when not null.
     */
    Definitions altered(Table before, Table after, List<Index> afterIndexes, Map<String, ForeignKey> fks,
                        ColumnRules columnRules) {
        Map<String, Table> ts = new TreeMap<>(tables);
        ts.remove(before.name());
        ts.put(after.name(), after);
        Map<String, Index> ixs = new TreeMap<>(indexes);
        indexesOf(before.name()).forEach(ix -> ixs.remove(ix.name()));
        afterIndexes.forEach(ix -> ixs.put(ix.name(), ix));
        Map<Integer, ColumnRules> rs = columnRules == null ? rules : withRules(rules, after.id(), columnRules);
        return new Definitions(ts, views, ixs, rs, fks);
    }

    Definitions withIndex(Index ix) {
        Map<String, Index> ixs = new TreeMap<>(indexes);
        ixs.put(ix.name(), ix);
        return new Definitions(tables, views, ixs, rules, foreignKeys);
    }

    Definitions withoutIndex(String name) {
        Map<String, Index> ixs = new TreeMap<>(indexes);
        ixs.remove(name);
        return new Definitions(tables, views, ixs, rules, foreignKeys);
    }

    Definitions withView(Catalog.View v) {
        Map<String, Catalog.View> vs = new TreeMap<>(views);
        vs.put(v.name(), v);
        return new Definitions(tables, vs, indexes, rules, foreignKeys);
    }

    Definitions withoutView(String name) {
        Map<String, Catalog.View> vs = new TreeMap<>(views);
        vs.remove(name);
        return new Definitions(tables, vs, indexes, rules, foreignKeys);
    }

    /** {@code rules} with table {@code id}'s entry set to {@code r}, or removed when {@code r} is null or empty. */
    private static Map<Integer, ColumnRules> withRules(Map<Integer, ColumnRules> rules, int id, ColumnRules r) {
        Map<Integer, ColumnRules> rs = new TreeMap<>(rules);
        if (r == null || r.isEmpty()) {
            rs.remove(id);
        } else {
            rs.put(id, r);
        }
        return rs;
    }
}
