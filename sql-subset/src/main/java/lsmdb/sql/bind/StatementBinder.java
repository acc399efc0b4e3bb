package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.Dml;
import lsmdb.sql.exec.Node;
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

    private static final Pattern CONTROL = Pattern.compile(
            "\\s*(BEGIN(\\s+(WORK|TRANSACTION))?|START\\s+TRANSACTION|COMMIT(\\s+WORK)?|ROLLBACK(\\s+WORK)?|SHUTDOWN"
                    + "|SAVEPOINT\\s+(\\S+)|ROLLBACK(\\s+WORK)?\\s+TO\\s+(SAVEPOINT\\s+)?(\\S+)"
                    + "|RELEASE(\\s+SAVEPOINT)?\\s+(\\S+))\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UPSERT = Pattern.compile("^(\\s*)UPSERT(\\s+INTO\\b)", Pattern.CASE_INSENSITIVE);

    private StatementBinder() {
    }

    public static Plan bind(Catalog catalog, String sql) throws SQLException {
        try {
            return new StatementBinder().bindText(catalog, sql);
        } catch (StackOverflowError e) {
            throw Errors.syntax("statement too complex (nested too deeply): " + Parsing.firstLine(sql));
        } catch (RuntimeException e) {
            // JSqlParser's tree accessors throw on shapes they did not expect; the caller must still get 42000.
            throw Errors.syntax("cannot handle this statement (" + e.getClass().getSimpleName() + ": "
                    + Parsing.firstLine(e.getMessage()) + "): " + Parsing.firstLine(sql));
        }
    }

    private Plan bindText(Catalog catalog, String sql) throws SQLException {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            throw Errors.syntax("empty statement");
        }
        if (text.indexOf(';') >= 0 && Splitter.split(text).size() > 1) {
            throw Errors.syntax("a prepared statement takes exactly one statement, but this text has "
                    + Splitter.split(text).size() + "; run a ';'-separated script with Statement.execute");
        }
        Binder binder = new Binder(catalog, sql);
        Matcher control = CONTROL.matcher(text);
        if (control.matches()) {
            return control(binder, control);
        }
        boolean upsert = false;
        Matcher m = UPSERT.matcher(text);
        if (m.find()) {
            text = m.replaceFirst("$1INSERT$2");
            upsert = true;
        }
        Statement st = Parsing.parseSql(text);
        if (upsert && !(st instanceof Insert)) {
            throw Errors.syntax("UPSERT must be followed by INTO table");
        }
        if (st instanceof Select s) {
            Query q = new SelectBinder(binder).bind(s, new Scope(null));
            boolean forUpdate = q instanceof Query.Select qs && qs.forUpdate();
            lsmdb.sql.exec.Node root = Planner.plan(q);
            boolean oneRead = binder.subqueries == 0 && Planner.readsOnce(root);
            return new Plan.Select(header(binder), root, q.columns(), forUpdate, !oneRead);
        }
        if (st instanceof Insert ins) {
            return DmlBinder.insert(binder, ins, upsert, header(binder));
        }
        if (st instanceof Update u) {
            return DmlBinder.update(binder, u, header(binder));
        }
        if (st instanceof Delete d) {
            return DmlBinder.delete(binder, d, header(binder));
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
            return DdlBinder.createView(binder, cv, header(binder));
        }
        if (st instanceof net.sf.jsqlparser.statement.create.index.CreateIndex ci) {
            return DdlBinder.createIndex(binder, ci);
        }
        if (st instanceof Truncate t) {
            return DdlBinder.truncate(binder, t, header(binder));
        }
        throw Errors.unsupported(statementName(st));
    }

    private static Plan control(Binder binder, Matcher m) {
        String word = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        Plan.ControlKind kind;
        String name = null;
        if (word.startsWith("SAVEPOINT")) {
            kind = Plan.ControlKind.SAVEPOINT;
            name = m.group(6);
        } else if (word.startsWith("RELEASE")) {
            kind = Plan.ControlKind.RELEASE_SAVEPOINT;
            name = m.group(11);
        } else if (word.startsWith("ROLLBACK") && word.contains(" TO ")) {
            kind = Plan.ControlKind.ROLLBACK_TO_SAVEPOINT;
            name = m.group(9);
        } else if (word.startsWith("COMMIT")) {
            kind = Plan.ControlKind.COMMIT;
        } else if (word.startsWith("ROLLBACK")) {
            kind = Plan.ControlKind.ROLLBACK;
        } else if (word.startsWith("SHUTDOWN")) {
            kind = Plan.ControlKind.SHUTDOWN;
        } else {
            kind = Plan.ControlKind.BEGIN;
        }
        return new Plan.Control(header(binder), kind, name == null ? null : Names.identifier(name));
    }

    static Plan.Header header(Binder binder) {
        return new Plan.Header(binder.sql, binder.parameterCount(), binder.parameterTypes(), binder.catalog.version());
    }

    private static String statementName(Statement st) {
        String name = st.getClass().getSimpleName();
        return switch (name) {
            case "Values" -> "a VALUES statement";
            case "CreateIndex" -> "CREATE INDEX";
            default -> "the statement " + name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        };
    }

    static Node values(List<List<lsmdb.sql.expr.Expr>> rows, int width) {
        return new Basic.Values(rows, width);
    }

    static Dml.OnConflict replace() {
        return Dml.OnConflict.REPLACE;
    }
}
