package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.ColumnRules;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.plan.Plan;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.truncate.Truncate;

/** CREATE/DROP TABLE, CREATE/DROP VIEW and TRUNCATE. */
final class DdlBinder {

    private DdlBinder() {
    }

    static Plan createTable(CreateTable ct, Plan.Header header) throws SQLException {
        if (ct.getSelect() != null || ct.getLikeTable() != null) {
            throw Errors.unsupported("CREATE TABLE AS/LIKE");
        }
        if (ct.getTableOptionsStrings() != null && !ct.getTableOptionsStrings().isEmpty()
                || ct.getCreateOptionsStrings() != null && !ct.getCreateOptionsStrings().isEmpty()
                || ct.isUnlogged() || ct.getRowMovement() != null || ct.getSpannerInterleaveIn() != null) {
            throw Errors.unsupported("table options in CREATE TABLE");
        }
        String name = Names.identifier(ct.getTable().getName());
        List<ColumnDefinition> defs = ct.getColumnDefinitions();
        if (defs == null || defs.isEmpty()) {
            throw Errors.syntax("CREATE TABLE " + name + " needs at least one column");
        }
        List<String> names = new ArrayList<>();
        List<ColumnInfo> columns = new ArrayList<>();
        List<Integer> key = new ArrayList<>();
        List<List<String>> uniques = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        int identitySlot = -1;
        boolean identityAlways = false;
        List<lsmdb.sql.catalog.ForeignKey> foreignKeys = new ArrayList<>();
        java.util.Map<Integer, String> uniqueNames = new java.util.TreeMap<>();
        for (ColumnDefinition d : defs) {
            String col = Names.identifier(d.getColumnName());
            if (names.contains(col)) {
                throw Errors.syntax("column " + col + " appears twice in CREATE TABLE " + name);
            }
            if (col.equals(Catalog.ROWID)) {
                throw Errors.syntax("the column name " + Catalog.ROWID + " is reserved for the hidden row id");
            }
            names.add(col);
            List<String> ownSpecs = ForeignKeyDefs.takeReferences(d.getColumnSpecs(), name, col, foreignKeys);
            ColumnOptions options = ColumnOptions.parse(col, ownSpecs);
            boolean primary = options.primaryKey();
            boolean notNull = options.notNull() || options.identity() != ColumnOptions.Identity.NONE;
            if (options.unique()) {
                uniques.add(List.of(col));
            }
            defaults.add(options.defaultSql());
            if (options.identity() != ColumnOptions.Identity.NONE) {
                if (identitySlot >= 0) {
                    throw Errors.syntax("table " + name + " has more than one identity column");
                }
                identitySlot = columns.size();
                identityAlways = options.identity() == ColumnOptions.Identity.ALWAYS;
            }
            if (primary) {
                if (!key.isEmpty()) {
                    throw Errors.syntax("table " + name + " declares PRIMARY KEY on more than one column; use a "
                            + "table constraint PRIMARY KEY (a, b) for a composite key");
                }
                key.add(columns.size());
            }
            columns.add(TypeNames.column(col, d.getColDataType(), !notNull && !primary, primary, name));
        }
        if (ct.getIndexes() != null) {
            for (Index idx : ct.getIndexes()) {
                if (idx instanceof net.sf.jsqlparser.statement.create.table.ForeignKeyIndex fk) {
                    foreignKeys.add(ForeignKeyDefs.of(name, fk));
                    continue;
                }
                String type = idx.getType() == null ? "" : idx.getType().toUpperCase(Locale.ROOT);
                if (type.startsWith("UNIQUE")) {
                    List<String> cols = new ArrayList<>();
                    for (String raw : idx.getColumnsNames()) {
                        cols.add(Names.identifier(raw));
                    }
                    if (idx.getName() != null) {
                        uniqueNames.put(uniques.size(), Names.identifier(idx.getName()));
                    }
                    uniques.add(List.copyOf(cols));
                    continue;
                }
                if (!type.contains("PRIMARY")) {
                    throw Errors.unsupported("the table constraint " + (type.isEmpty() ? idx.toString() : type));
                }
                if (!key.isEmpty()) {
                    throw Errors.syntax("table " + name + " declares more than one primary key");
                }
                for (String raw : idx.getColumnsNames()) {
                    String colName = Names.identifier(raw);
                    int k = names.indexOf(colName);
                    if (k < 0) {
                        throw Errors.noSuchColumn(colName, name);
                    }
                    if (key.contains(k)) {
                        throw Errors.syntax("column " + colName + " appears twice in the primary key");
                    }
                    key.add(k);
                    ColumnInfo c = columns.get(k);
                    columns.set(k, new ColumnInfo(c.name(), c.type(), c.length(), c.scale(), false, true, name));
                }
            }
        }
        for (List<String> u : uniques) {
            for (String c : u) {
                if (!names.contains(c)) {
                    throw Errors.noSuchColumn(c, name);
                }
            }
        }
        ColumnRules rules = new ColumnRules(java.util.Collections.unmodifiableList(defaults), identitySlot,
                identityAlways);
        checkRules(rules, columns);
        Plan.CreateTable create = new Plan.CreateTable(header, name, List.copyOf(columns), List.copyOf(key),
                List.copyOf(uniques), rules, ct.isIfNotExists());
        return foreignKeys.isEmpty() && uniqueNames.isEmpty() ? create
                : new Plan.CreateTableWithConstraints(header, create, uniqueNames, List.copyOf(foreignKeys));
    }

    /** DEFAULTs must read as their column's type, and an identity column must be an integer (42000 otherwise). */
    private static void checkRules(ColumnRules rules, List<ColumnInfo> columns) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            if (rules.defaultOf(i) != null) {
                Defaults.bind(rules.defaultOf(i), columns.get(i));
            }
        }
        if (rules.identitySlot() >= 0) {
            ColumnInfo c = columns.get(rules.identitySlot());
            if (!java.util.Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT").contains(c.type().name())) {
                throw Errors.unsupported("an identity column of type " + c.type().sqlName() + " (column " + c.name()
                        + "; use INT or BIGINT)");
            }
        }
    }

    static Plan createIndex(Binder binder, net.sf.jsqlparser.statement.create.index.CreateIndex ci)
            throws SQLException {
        net.sf.jsqlparser.statement.create.table.Index idx = ci.getIndex();
        String type = idx.getType() == null ? "" : idx.getType().toUpperCase(Locale.ROOT).trim();
        if (!type.isEmpty() && !type.equals("UNIQUE") || idx.getUsing() != null || ci.getTailParameters() != null
                && !ci.getTailParameters().isEmpty() || idx.getIndexSpec() != null && !idx.getIndexSpec().isEmpty()) {
            throw Errors.unsupported("this form of CREATE INDEX");
        }
        lsmdb.sql.catalog.Table t = DmlBinder.table(binder, ci.getTable());
        String name = Names.identifier(idx.getName());
        List<String> cols = new ArrayList<>();
        boolean[] descending = new boolean[idx.getColumns().size()];
        for (var c : idx.getColumns()) {
            if (c.getParams() != null) {
                for (String p : c.getParams()) {
                    if (!p.equalsIgnoreCase("ASC") && !p.equalsIgnoreCase("DESC")) {
                        throw Errors.unsupported("the index column option " + p);
                    }
                    descending[cols.size()] = p.equalsIgnoreCase("DESC"); // the last of ASC/DESC counts
                }
            }
            cols.add(Names.identifier(c.getColumnName()));
        }
        lsmdb.sql.catalog.Index def = index(binder, t, name, type.equals("UNIQUE"), cols);
        def = new lsmdb.sql.catalog.Index(def.name(), def.table(), def.id(), def.unique(), def.slots(),
                def.columnNames(), descending);
        return new Plan.CreateIndex(StatementBinder.header(binder), def, ci.isUsingIfNotExists());
    }

    /** An index definition on {@code t}'s columns named {@code cols} (its id is allocated when it is created). */
    static lsmdb.sql.catalog.Index index(Binder binder, lsmdb.sql.catalog.Table t, String name, boolean unique,
                                         List<String> cols) throws SQLException {
        int[] slots = new int[cols.size()];
        for (int i = 0; i < slots.length; i++) {
            int slot = t.slot(cols.get(i));
            if (slot < 0 || slot >= t.columns().size()) {
                throw Errors.noSuchColumn(cols.get(i), t.name());
            }
            slots[i] = slot;
        }
        if (slots.length == 0) {
            throw Errors.syntax("an index needs at least one column");
        }
        return new lsmdb.sql.catalog.Index(name, t.name(), -1, unique, slots, List.copyOf(cols));
    }

    static Plan drop(Drop d, Plan.Header header) throws SQLException {
        String type = d.getType() == null ? "" : d.getType().toUpperCase(Locale.ROOT);
        if (d.getParameters() != null && !d.getParameters().isEmpty() || d.isMaterialized()) {
            throw Errors.unsupported("DROP " + type + " with options " + d.getParameters());
        }
        String name = Names.identifier(d.getName().getName());
        return switch (type) {
            case "TABLE" -> new Plan.DropTable(header, name, d.isIfExists());
            case "VIEW" -> new Plan.DropView(header, name, d.isIfExists());
            case "INDEX" -> new Plan.DropIndex(header, name, d.isIfExists());
            default -> throw Errors.unsupported("DROP " + type);
        };
    }

    static Plan createView(Binder binder, CreateView cv) throws SQLException {
        if (cv.isOrReplace() || cv.isMaterialized() || cv.getForce() != null && !cv.getForce().name().equals("NONE")
                || cv.isSecure() || cv.getTemporary() != null && !cv.getTemporary().name().equals("NONE")
                || cv.isWithReadOnly() || cv.getAutoRefresh() != null && !cv.getAutoRefresh().name().equals("NONE")
                || cv.getViewCommentOptions() != null) {
            throw Errors.unsupported("this form of CREATE VIEW");
        }
        String name = Names.identifier(cv.getView().getName());
        List<String> cols = new ArrayList<>();
        if (cv.getColumnNames() != null) {
            for (var c : cv.getColumnNames()) {
                cols.add(Names.identifier(c.getColumnName()));
            }
        }
        Catalog.View view = new Catalog.View(name, List.copyOf(cols), cv.getSelect().toString());
        // Bind it now, so a view that cannot run is refused when it is created, not when it is used.
        Views.query(binder, view);
        return new Plan.CreateView(StatementBinder.header(binder), view, cv.isIfNotExists());
    }

    static Plan truncate(Binder binder, Truncate t) throws SQLException {
        if (t.getCascade() || t.isOnly() || t.getTables() != null && t.getTables().size() > 1) {
            throw Errors.unsupported("this form of TRUNCATE");
        }
        Table table = DmlBinder.table(binder, t.getTable());
        return new Plan.Truncate(StatementBinder.header(binder), table);
    }
}
