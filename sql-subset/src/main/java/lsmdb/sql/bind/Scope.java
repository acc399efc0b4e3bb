package lsmdb.sql.bind;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.expr.ColumnRef;

/**
 * The names one SELECT block can see: its FROM items, each with an alias and columns at an offset in the block's
 * rows, and the enclosing block's scope for correlated references.
 */
final class Scope {

    /** A FROM item as names see it; {@code hidden} counts trailing columns that {@code *} leaves out. */
    record Item(String alias, List<ColumnInfo> columns, int offset, int hidden) {
    }

    final Scope parent;
    final List<Item> items = new ArrayList<>();
    int width;
    /** Set while binding expressions evaluated over grouped rows, where the block's own slots are gone. */
    boolean grouped;
    /** Set when a name inside this block resolved in an enclosing block: the block must run once per outer row. */
    boolean correlated;

    Scope(Scope parent) {
        this.parent = parent;
    }

    Item add(String alias, List<ColumnInfo> columns, int hidden) throws SQLException {
        for (Item i : items) {
            if (i.alias().equals(alias)) {
                throw Errors.syntax("the name " + alias + " is used for two FROM items; give one an alias");
            }
        }
        Item item = new Item(alias, columns, width, hidden);
        items.add(item);
        width += columns.size();
        return item;
    }

    /** Resolves {@code qualifier.name} (qualifier may be null) here or in an enclosing scope. */
    ColumnRef resolve(String qualifier, String name) throws SQLException {
        int depth = 0;
        for (Scope s = this; s != null; s = s.parent, depth++) {
            ColumnRef found = s.find(qualifier, name, depth);
            if (found != null) {
                if (depth > 0 && s.grouped) {
                    throw Errors.unsupported("a correlated reference to " + name + " from over grouped rows");
                }
                for (Scope inner = this; inner != s; inner = inner.parent) {
                    inner.correlated = true;
                }
                return found;
            }
        }
        if (qualifier != null && !hasAlias(qualifier)) {
            throw new SQLSyntaxErrorException("unknown table or alias " + qualifier + " (in " + qualifier + "."
                    + name + ")", "42S22");
        }
        throw Errors.noSuchColumn(qualifier == null ? name : qualifier + "." + name, describe());
    }

    private boolean hasAlias(String qualifier) {
        for (Scope s = this; s != null; s = s.parent) {
            for (Item i : s.items) {
                if (i.alias().equals(qualifier)) {
                    return true;
                }
            }
        }
        return false;
    }

    private String describe() {
        List<String> names = new ArrayList<>();
        for (Item i : items) {
            names.add(i.alias());
        }
        return names.isEmpty() ? "(no table)" : String.join(", ", names);
    }

    private ColumnRef find(String qualifier, String name, int depth) throws SQLException {
        ColumnRef found = null;
        for (Item item : items) {
            if (qualifier != null && !item.alias().equals(qualifier)) {
                continue;
            }
            for (int c = 0; c < item.columns().size(); c++) {
                ColumnInfo col = item.columns().get(c);
                if (col.name().equals(name)) {
                    if (found != null) {
                        throw Errors.syntax("column " + name + " is ambiguous: qualify it with a table name or alias");
                    }
                    found = ref(item, c, depth);
                }
            }
        }
        return found;
    }

    /** A reference to column {@code c} of {@code item}, named as every reference to it is (so equal ones match). */
    ColumnRef ref(Item item, int c) {
        return ref(item, c, 0);
    }

    private ColumnRef ref(Item item, int c, int depth) {
        ColumnInfo col = item.columns().get(c);
        String shown = items.size() > 1 ? item.alias() + "." + col.name() : col.name();
        return new ColumnRef(depth, item.offset() + c, shown, col.type());
    }

    /** The column at block slot {@code slot}, or null. */
    ColumnInfo columnAt(int slot) {
        for (Item i : items) {
            if (slot >= i.offset() && slot < i.offset() + i.columns().size()) {
                return i.columns().get(slot - i.offset());
            }
        }
        return null;
    }
}
