package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.exec.Node;
import lsmdb.sql.parse.DenyCheck;
import lsmdb.sql.parse.ParsedStatement;
import lsmdb.sql.parse.SqlFront;
import lsmdb.sql.plan.Plan;
import lsmdb.sql.plan.Planner;
import lsmdb.sql.plan.Query;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The binder's entry point: one statement's text to a {@link Plan}. Transaction control statements are recognised
 * before JSqlParser; everything else goes through it and then through the binder of its kind. What lsmdb does not
 * implement is refused with 42000 naming it, never ignored.
 */
public final class StatementBinder {


    private StatementBinder() {
    }

    public static Plan bind(Catalog catalog, String sql) throws SQLException {
        try {
            return new StatementBinder().bindText(catalog, sql);
        } catch (StackOverflowError e) {
            throw Errors.syntax("statement too complex (nested too deeply): " + Names.firstLine(sql));
        } catch (RuntimeException e) {
            // JSqlParser's tree accessors throw on shapes they did not expect; the caller must still get 42000.
            throw Errors.syntax("cannot handle this statement (" + e.getClass().getSimpleName() + ": "
                    + Names.firstLine(e.getMessage()) + "): " + Names.firstLine(sql));
        }
    }

    private Plan bindText(Catalog catalog, String sql) throws SQLException {
        Binder binder = new Binder(catalog, sql);
        ParsedStatement parsed = SqlFront.parse(sql);
        if (parsed instanceof ParsedStatement.Control c) {
            return control(binder, c);
        }
        ParsedStatement.Sql parsedSql = (ParsedStatement.Sql) parsed;
        Statement st = parsedSql.statement();
        DenyCheck.check(st);
        boolean upsert = parsedSql.upsert();
        if (upsert && !(st instanceof Insert)) {
            throw Errors.syntax("UPSERT must be followed by INTO table");
        }
        if (st instanceof Select s) {
            Plan.Update lock = ForUpdate.lockOf(binder, s);
            Query q = new SelectBinder(binder).bind(s, new Scope(null));
            if (lock != null) {
                lsmdb.sql.exec.Node root = Planner.plan(q);
                return new Plan.SelectForUpdate(header(binder),
                        new Plan.Select(header(binder), root, q.columns(), true), lock);
            }
            lsmdb.sql.exec.Node root = Planner.result(q);
            boolean oneRead = binder.subqueries == 0 && Planner.readsOnce(root);
            return new Plan.Select(header(binder), root, q.columns(), !oneRead);
        }
        if (st instanceof Insert ins) {
            return DmlBinder.insert(binder, ins, upsert);
        }
        if (st instanceof Update u) {
            return DmlBinder.update(binder, u);
        }
        if (st instanceof Delete d) {
            return DmlBinder.delete(binder, d);
        }
        if (st instanceof ExplainStatement e) {
            if (e.getStatement() == null) {
                throw Errors.unsupported("EXPLAIN without a query");
            }
            Query q = new SelectBinder(binder).bind(e.getStatement(), new Scope(null));
            Node root = Planner.plan(q);
            List<String> lines = new ArrayList<>();
            root.explain(lines, 0);
            return new Plan.Explain(header(binder), List.copyOf(lines));
        }
        if (st instanceof CreateTable ct) {
            return DdlBinder.createTable(ct, header(binder));
        }
        if (st instanceof Drop d) {
            return DdlBinder.drop(d, header(binder));
        }
        if (st instanceof CreateView cv) {
            return DdlBinder.createView(binder, cv);
        }
        if (st instanceof net.sf.jsqlparser.statement.create.index.CreateIndex ci) {
            return DdlBinder.createIndex(binder, ci);
        }
        if (st instanceof net.sf.jsqlparser.statement.alter.Alter a) {
            return AlterBinder.bind(binder, a);
        }
        if (st instanceof Truncate t) {
            return DdlBinder.truncate(binder, t);
        }
        throw Errors.unsupported(statementName(st));
    }

    private static Plan control(Binder binder, ParsedStatement.Control c) throws SQLException {
        Plan.ControlKind kind = switch (c.kind()) {
            case BEGIN -> Plan.ControlKind.BEGIN;
            case COMMIT -> Plan.ControlKind.COMMIT;
            case ROLLBACK -> Plan.ControlKind.ROLLBACK;
            case SAVEPOINT -> Plan.ControlKind.SAVEPOINT;
            case ROLLBACK_TO_SAVEPOINT -> Plan.ControlKind.ROLLBACK_TO_SAVEPOINT;
            case RELEASE_SAVEPOINT -> Plan.ControlKind.RELEASE_SAVEPOINT;
            case SHUTDOWN -> Plan.ControlKind.SHUTDOWN;
            case BACKUP -> Plan.ControlKind.BACKUP;
        };
        return new Plan.Control(header(binder), kind, c.name());
    }

    static Plan.Header header(Binder binder) {
        return new Plan.Header(binder.sql, binder.parameterCount(), binder.parameterTypes(), binder.catalog.version(),
                binder.repeatable());
    }

    private static String statementName(Statement st) {
        String name = st.getClass().getSimpleName();
        return switch (name) {
            case "Values" -> "a VALUES statement";
            case "CreateIndex" -> "CREATE INDEX";
            default -> "the statement " + name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        };
    }
}
