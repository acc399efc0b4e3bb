package lsmdb.sql.session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.GeneratedKeys;
import lsmdb.sql.KeyRequest;
import lsmdb.sql.catalog.ColumnRules;
import lsmdb.sql.catalog.Table;

/** The generated keys JDBC asked for: the requested columns of each row a change statement wrote. */
final class KeyColumns {

    private KeyColumns() {
    }

    static GeneratedKeys of(Table t, ColumnRules rules, KeyRequest request, List<Object[]> rows) throws SQLException {
        int[] slots = slots(t, rules, request);
        if (slots.length == 0) {
            return new GeneratedKeys(List.of(), List.of()); // no identity and no declared key: nothing to give
        }
        List<ColumnInfo> columns = new ArrayList<>(slots.length);
        for (int s : slots) {
            columns.add(t.slots().get(s));
        }
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Object[] k = new Object[slots.length];
            for (int i = 0; i < slots.length; i++) {
                k[i] = ResultRows.convert(r[slots[i]], columns.get(i).type());
            }
            out.add(k);
        }
        return new GeneratedKeys(List.copyOf(columns), out);
    }

    /** RETURNING rows as generated keys, each value in its column's class. */
    static GeneratedKeys returned(List<ColumnInfo> columns, List<Object[]> rows) {
        for (Object[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                r[i] = ResultRows.convert(r[i], columns.get(i).type());
            }
        }
        return new GeneratedKeys(columns, rows);
    }

    /** Slots of the requested columns; AUTO means the identity column, else the primary key (as H2 does). */
    private static int[] slots(Table t, ColumnRules rules, KeyRequest request) throws SQLException {
        if (request.isAuto()) {
            if (rules.identitySlot() >= 0) {
                return new int[] {rules.identitySlot()};
            }
            return t.hasHiddenRowId() ? new int[0] : t.keySlots().clone();
        }
        if (request.columnIndexes() != null) {
            int[] idx = request.columnIndexes();
            int[] slots = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                if (idx[i] < 1 || idx[i] > t.columns().size()) {
                    throw new SQLException("column index " + idx[i] + " of generated keys is not a column of "
                            + t.name() + " (1 to " + t.columns().size() + ")", "22023");
                }
                slots[i] = idx[i] - 1;
            }
            return slots;
        }
        String[] names = request.columnNames();
        int[] slots = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            slots[i] = slot(t, names[i]);
        }
        return slots;
    }

    private static int slot(Table t, String name) throws SQLException {
        int exact = t.slot(name);
        if (exact >= 0 && exact < t.columns().size()) {
            return exact;
        }
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw Errors.noSuchColumn(name, t.name());
    }
}
