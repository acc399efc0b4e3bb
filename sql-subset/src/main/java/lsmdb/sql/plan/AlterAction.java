package lsmdb.sql.plan;

import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.catalog.ColumnDefault;
import lsmdb.sql.catalog.ForeignKey;

/** One change ALTER TABLE makes (SPEC §3.1), bound against the table's definition of the moment. */
public sealed interface AlterAction {

    /** @param dflt its DEFAULT (also what existing rows read), or null */
    /** {@code defaultSql}: the DEFAULT as written (kept in the catalog's column rules), or null. */
    record AddColumn(ColumnInfo column, ColumnDefault dflt, boolean ifNotExists, ForeignKey reference,
                     String defaultSql) implements AlterAction {
    }

    record DropColumn(String column, boolean ifExists) implements AlterAction {
    }

    record RenameColumn(String from, String to) implements AlterAction {
    }

    record RenameTable(String to) implements AlterAction {
    }

    /** SET DEFAULT, or DROP DEFAULT when {@code dflt} is null. */
    record SetDefault(String column, ColumnDefault dflt, String defaultSql) implements AlterAction {
    }

    /** SET NOT NULL, or DROP NOT NULL when {@code notNull} is false. */
    record SetNotNull(String column, boolean notNull) implements AlterAction {
    }

    /** @param name the constraint's name (the unique index's), or null to make one up */
    record AddUnique(String name, List<String> columns) implements AlterAction {
    }

    /** @param foreignKey its name is null when the statement gave none */
    record AddForeignKey(ForeignKey foreignKey) implements AlterAction {
    }

    /** DROP CONSTRAINT: a foreign key, or the unique index that keeps a UNIQUE constraint. */
    record DropConstraint(String name, boolean ifExists) implements AlterAction {
    }
}
