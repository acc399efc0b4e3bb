package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.ForeignKey;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;

/** Foreign keys as CREATE TABLE and ALTER TABLE declare them (a column's REFERENCES, or FOREIGN KEY (...)). */
final class ForeignKeyDefs {

    private ForeignKeyDefs() {
    }

    /** A table constraint {@code [CONSTRAINT name] FOREIGN KEY (a) REFERENCES p (c)} of table {@code table}. */
    static ForeignKey of(String table, ForeignKeyIndex fk) throws SQLException {
        if (fk.getReferencedColumnNames() == null || fk.getReferencedColumnNames().isEmpty()) {
            throw Errors.syntax("FOREIGN KEY needs the referenced columns: REFERENCES " + fk.getTable() + " (...)");
        }
        List<String> cols = new ArrayList<>();
        for (String c : fk.getColumnsNames()) {
            cols.add(Names.identifier(c));
        }
        List<String> parentCols = new ArrayList<>();
        for (String c : fk.getReferencedColumnNames()) {
            parentCols.add(Names.identifier(c));
        }
        return new ForeignKey(fk.getName() == null ? null : Names.identifier(fk.getName()), table, List.copyOf(cols),
                Names.identifier(fk.getTable().getName()), List.copyOf(parentCols));
    }

    /**
     * A column's options without its {@code REFERENCES p (c)}, which is added to {@code out} as a foreign key of
     * column {@code column}.
     */
    static List<String> takeReferences(List<String> specs, String table, String column, List<ForeignKey> out)
            throws SQLException {
        if (specs == null) {
            return null;
        }
        List<String> rest = new ArrayList<>(specs);
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equalsIgnoreCase("REFERENCES") && i + 2 < rest.size() && rest.get(i + 2).startsWith("(")) {
                out.add(new ForeignKey(null, table, List.of(column), Names.identifier(rest.get(i + 1)),
                        parenthesised(rest.get(i + 2))));
                rest.subList(i, i + 3).clear();
                i--;
            }
        }
        return rest;
    }

    /** {@code "(a, b)"} as identifiers. */
    static List<String> parenthesised(String text) throws SQLException {
        String t = text.trim();
        if (!t.startsWith("(") || !t.endsWith(")")) {
            throw Errors.syntax("expected (columns) after REFERENCES, found " + t);
        }
        List<String> out = new ArrayList<>();
        for (String part : t.substring(1, t.length() - 1).split(",")) {
            if (part.isBlank()) {
                throw Errors.syntax("an empty column name in " + t);
            }
            out.add(Names.identifier(part.trim()));
        }
        return List.copyOf(out);
    }
}
