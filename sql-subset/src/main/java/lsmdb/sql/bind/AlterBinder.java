package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.ColumnDefault;
import lsmdb.sql.catalog.ForeignKey;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.plan.AlterAction;
import lsmdb.sql.plan.Plan;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * ALTER TABLE (SPEC §3.1): one change per statement, bound to an {@link AlterAction}. Whether the change fits the
 * table (the column exists, is not a key, ...) is checked when it runs, under the schema lock.
 */
final class AlterBinder {

    private AlterBinder() {
    }

    static Plan bind(Binder binder, Alter alter) throws SQLException {
        if (alter.getAlterExpressions() == null || alter.getAlterExpressions().size() != 1) {
            throw Errors.unsupported("ALTER TABLE with several changes (write one ALTER TABLE per change)");
        }
        Table t = DmlBinder.table(binder, alter.getTable());
        AlterExpression a = alter.getAlterExpressions().get(0);
        AlterAction action = switch (a.getOperation()) {
            case ADD -> add(binder, t, a);
            case DROP -> a.getConstraintName() != null
                    ? new AlterAction.DropConstraint(Names.identifier(a.getConstraintName()), a.isUsingIfExists())
                    : new AlterAction.DropColumn(Names.identifier(a.getColumnName()), a.isUsingIfExists());
            case RENAME -> new AlterAction.RenameColumn(Names.identifier(a.getColumnOldName()),
                    Names.identifier(a.getColumnName()));
            case RENAME_TABLE -> new AlterAction.RenameTable(Names.identifier(a.getNewTableName()));
            case ALTER -> alterColumn(binder, t, a);
            default -> throw Errors.unsupported("ALTER TABLE " + a.getOperation());
        };
        return new Plan.Alter(StatementBinder.header(binder), t.name(), action);
    }

    private static AlterAction add(Binder binder, Table t, AlterExpression a) throws SQLException {
        if (a.getIndex() instanceof ForeignKeyIndex fk) {
            return new AlterAction.AddForeignKey(ForeignKeyDefs.of(t.name(), fk));
        }
        if (a.getIndex() != null) {
            return unique(a.getIndex());
        }
        if (a.getFkColumns() != null) {
            return new AlterAction.AddForeignKey(new ForeignKey(null, t.name(), names(a.getFkColumns()),
                    Names.identifier(a.getFkSourceTable()), names(a.getFkSourceColumns())));
        }
        if (a.getUkColumns() != null) {
            return new AlterAction.AddUnique(a.getUkName() == null ? null : Names.identifier(a.getUkName()),
                    names(a.getUkColumns()));
        }
        AlterExpression.ColumnDataType c = a.getColDataTypeList().get(0);
        String name = Names.identifier(c.getColumnName());
        if (name.equals(Catalog.ROWID)) {
            throw Errors.syntax("the column name " + Catalog.ROWID + " is reserved for the hidden row id");
        }
        List<String> specs = c.getColumnSpecs() == null ? List.of() : c.getColumnSpecs();
        boolean notNull = false;
        ColumnDefault dflt = null;
        String dfltSql = null;
        ForeignKey reference = null;
        for (int i = 0; i < specs.size(); i++) {
            String w = specs.get(i).toUpperCase(Locale.ROOT);
            if (w.equals("NOT") && i + 1 < specs.size() && specs.get(i + 1).equalsIgnoreCase("NULL")) {
                notNull = true;
                i++;
            } else if (w.equals("NULL")) {
                notNull = false;
            } else if (w.equals("DEFAULT") && i + 1 < specs.size()) {
                dfltSql = specs.get(++i);
                dflt = defaultValue(binder, dfltSql);
            } else if (w.equals("REFERENCES") && i + 2 < specs.size()) {
                reference = new ForeignKey(null, t.name(), List.of(name), Names.identifier(specs.get(i + 1)),
                        ForeignKeyDefs.parenthesised(specs.get(i + 2)));
                i += 2;
            } else {
                throw Errors.unsupported("the column option '" + String.join(" ", specs.subList(i, specs.size()))
                        + "' in ALTER TABLE ADD COLUMN (SPEC §3.1: NOT NULL, DEFAULT, REFERENCES)");
            }
        }
        ColumnInfo column = TypeNames.column(name, c.getColDataType(), !notNull, false, t.name());
        if (dfltSql != null) {
            Defaults.bind(dfltSql, column); // inserts bind it this way: refuse now what they could not
        }
        return new AlterAction.AddColumn(column, dflt, a.isUseIfNotExists(), reference, dfltSql);
    }

    private static AlterAction unique(Index ix) throws SQLException {
        String type = ix.getType() == null ? "" : ix.getType().toUpperCase(Locale.ROOT).trim();
        if (!type.startsWith("UNIQUE")) {
            throw Errors.unsupported("ALTER TABLE ADD " + (type.isEmpty() ? "INDEX" : type)
                    + " (only UNIQUE and FOREIGN KEY constraints can be added)");
        }
        return new AlterAction.AddUnique(ix.getName() == null ? null : Names.identifier(ix.getName()),
                names(ix.getColumnsNames()));
    }

    private static AlterAction alterColumn(Binder binder, Table table, AlterExpression a) throws SQLException {
        if (a.getColumnSetDefaultList() != null && a.getColumnSetDefaultList().size() == 1) {
            AlterExpression.ColumnSetDefault d = a.getColumnSetDefaultList().get(0);
            String column = Names.identifier(d.getColumnName());
            if (table.slot(column) >= 0 && table.slot(column) < table.columns().size()) {
                Defaults.bind(d.getDefaultValue(), table.columns().get(table.slot(column)));
            }
            return new AlterAction.SetDefault(column, defaultValue(binder, d.getDefaultValue()), d.getDefaultValue());
        }
        if (a.getColumnDropDefaultList() != null && a.getColumnDropDefaultList().size() == 1) {
            return new AlterAction.SetDefault(Names.identifier(a.getColumnDropDefaultList().get(0).getColumnName()),
                    null, null);
        }
        if (a.getColDataTypeList() != null && a.getColDataTypeList().size() == 1) {
            AlterExpression.ColumnDataType c = a.getColDataTypeList().get(0);
            String type = c.getColDataType() == null ? "" : c.getColDataType().getDataType();
            String form = (type + " " + String.join(" ", c.getColumnSpecs() == null ? List.of() : c.getColumnSpecs()))
                    .trim().toUpperCase(Locale.ROOT);
            if (form.equals("SET NOT NULL") || form.equals("DROP NOT NULL")) {
                return new AlterAction.SetNotNull(Names.identifier(c.getColumnName()), form.startsWith("SET"));
            }
            throw Errors.unsupported("ALTER COLUMN " + c.getColumnName() + " " + form);
        }
        throw Errors.unsupported("this form of ALTER TABLE ... ALTER COLUMN");
    }

    /** A DEFAULT's text: a constant expression, NULL, CURRENT_TIMESTAMP or CURRENT_DATE (SPEC §3.1). */
    static ColumnDefault defaultValue(Binder binder, String text) throws SQLException {
        String t = text.trim();
        while (enclosed(t)) {
            t = t.substring(1, t.length() - 1).trim();
        }
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.equals("CURRENT_TIMESTAMP") || upper.equals("NOW()") || upper.equals("LOCALTIMESTAMP")) {
            return new ColumnDefault(ColumnDefault.Kind.CURRENT_TIMESTAMP, null);
        }
        if (upper.equals("CURRENT_DATE")) {
            return new ColumnDefault(ColumnDefault.Kind.CURRENT_DATE, null);
        }
        Expr e;
        try {
            e = new ExprBinder(binder, new Scope(null), null).bind(CCJSqlParserUtil.parseExpression(t));
        } catch (net.sf.jsqlparser.JSQLParserException ex) {
            throw Errors.syntax("cannot read the DEFAULT value " + t);
        }
        if (!e.isConstant() || binder.parameterCount() > 0) {
            throw Errors.unsupported("the DEFAULT " + t + " (a DEFAULT is a constant, CURRENT_TIMESTAMP or "
                    + "CURRENT_DATE)");
        }
        return new ColumnDefault(ColumnDefault.Kind.LITERAL, e.eval(new Env(new Object[0], null, null)));
    }

    /** Whether {@code t} is one parenthesised expression: {@code (x)}, not {@code (1) + (2)}. */
    static boolean enclosed(String t) {
        if (t.length() < 2 || t.charAt(0) != '(' || t.charAt(t.length() - 1) != ')') {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < t.length() - 1; i++) {
            depth += t.charAt(i) == '(' ? 1 : t.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(List<String> raw) {
        List<String> out = new ArrayList<>(raw.size());
        for (String r : raw) {
            out.add(Names.identifier(r));
        }
        return List.copyOf(out);
    }
}
