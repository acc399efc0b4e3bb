package lsmdb.sql.parse;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;
import lsmdb.sql.TableInfo;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.codec.Values;
import lsmdb.sql.plan.Expr;
import lsmdb.sql.plan.KeyAccess;
import lsmdb.sql.plan.Plan;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * SQL text → {@link Plan}: JSqlParser builds the syntax tree (called directly, not through its executor-thread
 * helper), and this class keeps what the subset supports, resolves names against the catalog and rejects the rest
 * with 42000 naming the construct. One instance per statement; not thread-safe.
 */
public final class SqlParser {

    private static final Pattern CONTROL = Pattern.compile(
            "\\s*(BEGIN(\\s+(WORK|TRANSACTION))?|START\\s+TRANSACTION|COMMIT(\\s+WORK)?|ROLLBACK(\\s+WORK)?|SHUTDOWN)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BACKUP = Pattern.compile("\\s*BACKUP\\s+TO\\s+'((?:[^']|'')*)'\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UPSERT = Pattern.compile("^(\\s*)UPSERT(\\s+INTO\\b)", Pattern.CASE_INSENSITIVE);

    private final Catalog catalog;
    private final String sql;
    private final List<SqlType> parameterTypes = new ArrayList<>();
    private int nextParameter;
    /** The alias the statement gives its table ({@code FROM t x}), which may qualify its columns. */
    private String tableAlias;

    private SqlParser(Catalog catalog, String sql) {
        this.catalog = catalog;
        this.sql = sql;
    }

    /** Parses and validates one statement. */
    public static Plan parse(Catalog catalog, String sql) throws SQLException {
        try {
            return new SqlParser(catalog, sql).parse();
        } catch (RuntimeException e) {
            // JSqlParser's AST accessors throw on shapes they did not expect; the caller must still get 42000.
            throw Errors.syntax("cannot handle this statement (" + e.getClass().getSimpleName() + ": "
                    + firstLine(e.getMessage()) + "): " + firstLine(sql));
        }
    }

    /** Splits a script at semicolons outside quotes and comments. */
    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && !(script.charAt(j) == c && (j + 1 >= n || script.charAt(j + 1) != c))) {
                    j += script.charAt(j) == c ? 2 : 1;
                }
                cur.append(script, i, Math.min(n, j + 1));
                i = j;
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                cur.append('\n');
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                cur.append(' ');
            } else if (c == ';') {
                if (!cur.toString().isBlank()) {
                    out.add(cur.toString().trim());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    private Plan parse() throws SQLException {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            throw Errors.syntax("empty statement");
        }
        if (text.indexOf(';') >= 0) {
            // JSqlParser stops at the first ';' and would silently ignore what follows.
            int count = split(text).size();
            if (count > 1) {
                throw Errors.syntax("a prepared statement takes exactly one statement, but this text has " + count
                        + "; run a ';'-separated script with Statement.execute: " + firstLine(text));
            }
        }
        Matcher control = CONTROL.matcher(text);
        if (control.matches()) {
            String word = control.group(1).toUpperCase(Locale.ROOT);
            Plan.ControlKind kind = word.startsWith("COMMIT") ? Plan.ControlKind.COMMIT
                    : word.startsWith("ROLLBACK") ? Plan.ControlKind.ROLLBACK
                    : word.startsWith("SHUTDOWN") ? Plan.ControlKind.SHUTDOWN : Plan.ControlKind.BEGIN;
            return new Plan.Control(header(), kind);
        }
        Matcher backup = BACKUP.matcher(text);
        if (backup.matches()) {
            return new Plan.Backup(header(), backup.group(1).replace("''", "'"));
        }
        boolean upsert = false;
        Matcher m = UPSERT.matcher(text);
        if (m.find()) {
            text = m.replaceFirst("$1INSERT$2");
            upsert = true;
        }
        Statement st;
        try {
            st = new CCJSqlParser(text).Statement();
        } catch (ParseException e) {
            throw Errors.syntax(describe(e, text));
        } catch (RuntimeException | Error e) {
            throw Errors.syntax("syntax error: " + firstLine(e.getMessage()));
        }
        if (st instanceof CreateTable ct) {
            return createTable(ct);
        }
        if (st instanceof Drop d) {
            return drop(d);
        }
        if (st instanceof Insert ins) {
            return insert(ins, upsert);
        }
        if (st instanceof PlainSelect ps) {
            return select(ps);
        }
        if (st instanceof Update u) {
            return update(u);
        }
        if (st instanceof Delete d) {
            return delete(d);
        }
        throw Errors.unsupported(statementName(st));
    }

    private static String statementName(Statement st) {
        String name = st.getClass().getSimpleName();
        return switch (name) {
            case "SetOperationList" -> "UNION/INTERSECT/EXCEPT";
            case "ParenthesedSelect" -> "a parenthesised SELECT";
            case "Values" -> "a VALUES statement";
            default -> "the statement " + name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        };
    }

    private static String describe(ParseException e, String text) {
        Token t = e.currentToken;
        if (t != null && t.next != null) {
            t = t.next;
        }
        if (t != null && t.beginLine > 0) {
            String near = t.image == null || t.image.isEmpty() ? "end of statement" : "'" + t.image + "'";
            return "syntax error at line " + t.beginLine + ", column " + t.beginColumn + " near " + near;
        }
        return "syntax error: " + firstLine(e.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unparsable statement";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private Plan.Header header() {
        return new Plan.Header(sql, nextParameter, parameterTypes.toArray(new SqlType[0]), catalog.version());
    }

    // ---------------------------------------------------------------- names

    /** Unquoted identifiers are case-insensitive (stored upper case); double-quoted ones keep their case. */
    public static String identifier(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        if (raw.length() >= 2 && raw.startsWith("`") && raw.endsWith("`")) {
            return raw.substring(1, raw.length() - 1);
        }
        return raw.toUpperCase(Locale.ROOT);
    }

    private Catalog.Table table(Table t) throws SQLException {
        if (t == null) {
            throw Errors.syntax("a table name is missing");
        }
        String name = identifier(t.getName());
        if (t.getAlias() != null) {
            tableAlias = identifier(t.getAlias().getName());
        }
        Catalog.Table table = catalog.get(name);
        if (table == null) {
            throw Errors.noSuchTable(name);
        }
        return table;
    }

    private int column(TableInfo t, Column c) throws SQLException {
        String name = identifier(c.getColumnName());
        String qualifier = c.getTable() == null || c.getTable().getName() == null ? null
                : identifier(c.getTable().getName());
        if (qualifier != null && !qualifier.equals(t.name()) && !qualifier.equals(tableAlias)) {
            throw Errors.noSuchColumn(qualifier + "." + name, t.name());
        }
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        throw Errors.noSuchColumn(name, t.name());
    }

    // ---------------------------------------------------------------- DDL

    private Plan createTable(CreateTable ct) throws SQLException {
        if (ct.getSelect() != null || ct.getLikeTable() != null) {
            throw Errors.unsupported("CREATE TABLE AS/LIKE");
        }
        String name = identifier(ct.getTable().getName());
        List<ColumnDefinition> defs = ct.getColumnDefinitions();
        if (defs == null || defs.isEmpty()) {
            throw Errors.syntax("CREATE TABLE " + name + " needs at least one column");
        }
        List<String> names = new ArrayList<>();
        List<ColumnInfo> columns = new ArrayList<>();
        int key = -1;
        for (ColumnDefinition d : defs) {
            String col = identifier(d.getColumnName());
            if (names.contains(col)) {
                throw Errors.syntax("column " + col + " appears twice in CREATE TABLE " + name);
            }
            names.add(col);
            String specs = d.getColumnSpecs() == null ? ""
                    : String.join(" ", d.getColumnSpecs()).toUpperCase(Locale.ROOT);
            boolean primary = specs.contains("PRIMARY KEY");
            boolean notNull = specs.contains("NOT NULL");
            String rest = specs.replace("PRIMARY KEY", "").replace("NOT NULL", "").replace("NULL", "").trim();
            if (!rest.isEmpty()) {
                throw Errors.unsupported("the column option '" + rest + "'");
            }
            if (primary) {
                if (key >= 0) {
                    throw Errors.syntax("table " + name + " declares more than one primary key; exactly one key column is supported");
                }
                key = columns.size();
            }
            columns.add(columnType(col, d.getColDataType(), !notNull && !primary, primary, name));
        }
        if (ct.getIndexes() != null) {
            for (Index idx : ct.getIndexes()) {
                String type = idx.getType() == null ? "" : idx.getType().toUpperCase(Locale.ROOT);
                if (!type.contains("PRIMARY")) {
                    throw Errors.unsupported("the table constraint " + type);
                }
                List<String> cols = idx.getColumnsNames();
                if (cols.size() != 1) {
                    throw Errors.syntax("table " + name + " has a primary key of " + cols.size()
                            + " columns; exactly one key column is supported");
                }
                if (key >= 0) {
                    throw Errors.syntax("table " + name + " declares more than one primary key; exactly one key column is supported");
                }
                key = names.indexOf(identifier(cols.get(0)));
                if (key < 0) {
                    throw Errors.noSuchColumn(identifier(cols.get(0)), name);
                }
                ColumnInfo c = columns.get(key);
                columns.set(key, new ColumnInfo(c.name(), c.type(), c.length(), c.scale(), false, true, name));
            }
        }
        if (key < 0) {
            throw Errors.syntax("table " + name + " has no primary key; exactly one key column is required");
        }
        return new Plan.CreateTable(header(), name, columns, key, ct.isIfNotExists());
    }

    private static ColumnInfo columnType(String col, ColDataType dt, boolean nullable, boolean key, String table)
            throws SQLException {
        String type = dt.getDataType().toUpperCase(Locale.ROOT).trim();
        List<String> args = dt.getArgumentsStringList() == null ? List.of() : dt.getArgumentsStringList();
        int paren = type.indexOf('(');
        if (paren >= 0) {
            // Some types arrive with their arguments in the name: "DECIMAL (10, 2)".
            if (args.isEmpty() && type.endsWith(")")) {
                args = List.of(type.substring(paren + 1, type.length() - 1).split(","));
            }
            type = type.substring(0, paren).trim();
        }
        type = type.replaceAll("\\s+", " ");
        int length = 0;
        int scale = 0;
        SqlType t;
        switch (type) {
            case "INT", "INTEGER", "INT4" -> t = SqlType.INTEGER;
            case "BIGINT", "INT8" -> t = SqlType.BIGINT;
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "REAL", "FLOAT8" -> t = SqlType.DOUBLE;
            case "BOOLEAN", "BOOL" -> t = SqlType.BOOLEAN;
            case "VARCHAR", "CHARACTER VARYING", "TEXT", "VARCHAR2" -> {
                t = SqlType.VARCHAR;
                length = args.isEmpty() ? 0 : number(args.get(0), col);
            }
            case "CHAR", "CHARACTER" -> {
                t = SqlType.CHAR;
                length = args.isEmpty() ? 1 : number(args.get(0), col);
            }
            case "VARBINARY", "BLOB", "BYTEA", "BINARY" -> {
                t = SqlType.VARBINARY;
                length = args.isEmpty() ? 0 : number(args.get(0), col);
            }
            case "TIMESTAMP", "DATETIME" -> t = SqlType.TIMESTAMP;
            case "DATE" -> t = SqlType.DATE;
            case "DECIMAL", "NUMERIC", "DEC" -> {
                t = SqlType.DECIMAL;
                length = args.isEmpty() ? 38 : number(args.get(0), col);
                scale = args.size() < 2 ? (args.isEmpty() ? 10 : 0) : scale(args.get(1), col);
                if (length < 1 || length > 1000 || scale > length) {
                    throw Errors.syntax("bad DECIMAL(" + length + "," + scale + ") for column " + col);
                }
            }
            default -> throw Errors.unsupported("the type " + type + " (column " + col + ")");
        }
        return new ColumnInfo(col, t, length, scale, nullable, key, table);
    }

    private static int scale(String s, String col) throws SQLException {
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw Errors.syntax("bad DECIMAL scale '" + s + "' for column " + col);
        }
    }

    /** A declared length or precision; 0 is refused because internally it means "no limit". */
    private static int number(String s, String col) throws SQLException {
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw Errors.syntax("bad type length '" + s + "' for column " + col);
        }
    }

    private Plan drop(Drop d) throws SQLException {
        if (!"TABLE".equalsIgnoreCase(d.getType())) {
            throw Errors.unsupported("DROP " + d.getType());
        }
        return new Plan.DropTable(header(), identifier(d.getName().getName()), d.isIfExists());
    }

    // ---------------------------------------------------------------- DML

    private Plan insert(Insert ins, boolean upsert) throws SQLException {
        Catalog.Table table = table(ins.getTable());
        TableInfo info = table.info();
        int[] targets;
        if (ins.getColumns() == null || ins.getColumns().isEmpty()) {
            targets = new int[info.columns().size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = i;
            }
        } else {
            targets = new int[ins.getColumns().size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = column(info, ins.getColumns().get(i));
                for (int j = 0; j < i; j++) {
                    if (targets[j] == targets[i]) {
                        throw Errors.syntax("column " + info.columns().get(targets[i]).name() + " is listed twice");
                    }
                }
            }
        }
        // Insert.getValues() casts blindly: ask what the source is first.
        if (!(ins.getSelect() instanceof net.sf.jsqlparser.statement.select.Values values)) {
            throw Errors.unsupported("INSERT ... SELECT");
        }
        if (ins.isUseDuplicate() || (ins.getSetUpdateSets() != null && !ins.getSetUpdateSets().isEmpty())) {
            throw Errors.unsupported("INSERT ... ON DUPLICATE KEY / SET");
        }
        List<List<Expression>> rows = new ArrayList<>();
        ExpressionList<?> list = values.getExpressions();
        // VALUES (a, b), (c, d) arrives as a list of parenthesised lists; VALUES (a, b) as one flat list.
        boolean multi = !list.isEmpty() && list.getExpressions().stream().allMatch(e -> e instanceof ParenthesedExpressionList);
        if (multi) {
            for (Object o : list) {
                rows.add(new ArrayList<>(((ExpressionList<?>) o).getExpressions()));
            }
        } else {
            rows.add(new ArrayList<>(list.getExpressions()));
        }
        List<Expr[]> out = new ArrayList<>();
        for (List<Expression> row : rows) {
            if (row.size() != targets.length) {
                throw Errors.syntax("INSERT into " + info.name() + " gives " + row.size() + " values for "
                        + targets.length + " columns");
            }
            Expr[] full = new Expr[info.columns().size()];
            for (int i = 0; i < targets.length; i++) {
                full[targets[i]] = expr(row.get(i), null, info.columns().get(targets[i]).type());
            }
            out.add(full);
        }
        return new Plan.Insert(header(), table, out, upsert);
    }

    private Plan select(PlainSelect ps) throws SQLException {
        if (ps.getJoins() != null && !ps.getJoins().isEmpty()) {
            throw Errors.unsupported("JOIN");
        }
        if (ps.getGroupBy() != null) {
            throw Errors.unsupported("GROUP BY");
        }
        if (ps.getHaving() != null) {
            throw Errors.unsupported("HAVING");
        }
        if (ps.getDistinct() != null) {
            throw Errors.unsupported("DISTINCT");
        }
        if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) {
            throw Errors.unsupported("WITH");
        }
        if (!(ps.getFromItem() instanceof Table from)) {
            throw ps.getFromItem() == null ? Errors.unsupported("SELECT without FROM")
                    : Errors.unsupported("a subquery in FROM");
        }
        Catalog.Table table = table(from);
        TableInfo info = table.info();
        List<Expr> projections = new ArrayList<>();
        List<ColumnInfo> columns = new ArrayList<>();
        boolean count = false;
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns) {
                for (int i = 0; i < info.columns().size(); i++) {
                    projections.add(new Expr.Column(i, info.columns().get(i).name()));
                    columns.add(info.columns().get(i));
                }
            } else if (e instanceof Function f && "COUNT".equalsIgnoreCase(f.getName()) && (f.isAllColumns()
                    || f.getParameters() != null && f.getParameters().size() == 1
                    && f.getParameters().get(0) instanceof AllColumns)) {
                if (ps.getSelectItems().size() != 1) {
                    throw Errors.unsupported("COUNT(*) together with other columns");
                }
                count = true;
                String label = item.getAlias() != null ? identifier(item.getAlias().getName()) : "COUNT(*)";
                columns.add(new ColumnInfo(label, SqlType.BIGINT, 0, 0, false, false, ""));
            } else if (e instanceof Column c) {
                int i = column(info, c);
                projections.add(new Expr.Column(i, info.columns().get(i).name()));
                ColumnInfo ci = info.columns().get(i);
                if (item.getAlias() != null) {
                    ci = new ColumnInfo(identifier(item.getAlias().getName()), ci.type(), ci.length(), ci.scale(),
                            ci.nullable(), ci.primaryKey(), ci.table());
                }
                columns.add(ci);
            } else {
                Expr x = expr(e, info, null);
                projections.add(x);
                String label = item.getAlias() != null ? identifier(item.getAlias().getName())
                        : e.toString().toUpperCase(Locale.ROOT);
                columns.add(new ColumnInfo(label, guessType(x, info), 0, 0, true, false, ""));
            }
        }
        Expr where = ps.getWhere() == null ? null : expr(ps.getWhere(), info, null);
        int orderColumn = -1;
        boolean desc = false;
        List<OrderByElement> order = ps.getOrderByElements();
        if (order != null && !order.isEmpty()) {
            if (order.size() > 1) {
                throw Errors.unsupported("ORDER BY on more than one column");
            }
            if (!(order.get(0).getExpression() instanceof Column oc)) {
                throw Errors.unsupported("ORDER BY on an expression");
            }
            orderColumn = column(info, oc);
            desc = !order.get(0).isAsc();
        }
        Expr limit = null;
        Expr offset = null;
        Limit l = ps.getLimit();
        if (l != null) {
            if (l.getOffset() != null) {
                offset = expr(l.getOffset(), null, SqlType.BIGINT);
            }
            if (l.getRowCount() != null && !l.isLimitAll() && !l.isLimitNull()) {
                limit = expr(l.getRowCount(), null, SqlType.BIGINT);
            }
        }
        Offset o = ps.getOffset();
        if (o != null) {
            offset = expr(o.getOffset(), null, SqlType.BIGINT);
        }
        if (ps.getFetch() != null) {
            throw Errors.unsupported("FETCH FIRST");
        }
        return new Plan.Select(header(), table, projections, columns, count, where, keyAccess(where, info),
                orderColumn, desc, limit, offset);
    }

    private static SqlType guessType(Expr x, TableInfo info) {
        if (x instanceof Expr.Concat) {
            return SqlType.VARCHAR;
        }
        if (x instanceof Expr.Literal lit) {
            Object v = lit.value();
            if (v instanceof Long) {
                return SqlType.BIGINT;
            }
            if (v instanceof Double) {
                return SqlType.DOUBLE;
            }
            if (v instanceof BigDecimal) {
                return SqlType.DECIMAL;
            }
            if (v instanceof Boolean) {
                return SqlType.BOOLEAN;
            }
            return SqlType.VARCHAR;
        }
        if (x instanceof Expr.Arithmetic a) {
            SqlType l = guessType(a.left(), info);
            SqlType r = guessType(a.right(), info);
            if (l == SqlType.DOUBLE || r == SqlType.DOUBLE) {
                return SqlType.DOUBLE;
            }
            if (l == SqlType.DECIMAL || r == SqlType.DECIMAL) {
                return SqlType.DECIMAL;
            }
            return SqlType.BIGINT;
        }
        if (x instanceof Expr.Column c) {
            return info.columns().get(c.index()).type();
        }
        if (x instanceof Expr.Compare || x instanceof Expr.And || x instanceof Expr.Or || x instanceof Expr.Not
                || x instanceof Expr.IsNull || x instanceof Expr.In) {
            return SqlType.BOOLEAN;
        }
        return SqlType.VARCHAR;
    }

    private Plan update(Update u) throws SQLException {
        if (u.getJoins() != null && !u.getJoins().isEmpty() || u.getFromItem() != null) {
            throw Errors.unsupported("UPDATE with FROM/JOIN");
        }
        if (u.getOrderByElements() != null || u.getLimit() != null) {
            throw Errors.unsupported("UPDATE with ORDER BY/LIMIT");
        }
        Catalog.Table table = table(u.getTable());
        TableInfo info = table.info();
        List<Integer> cols = new ArrayList<>();
        List<Expr> vals = new ArrayList<>();
        for (UpdateSet set : u.getUpdateSets()) {
            if (set.getColumns().size() != set.getValues().size()) {
                throw Errors.syntax("SET lists " + set.getColumns().size() + " columns and " + set.getValues().size()
                        + " values");
            }
            for (int i = 0; i < set.getColumns().size(); i++) {
                int c = column(info, set.getColumns().get(i));
                if (cols.contains(c)) {
                    throw Errors.syntax("column " + info.columns().get(c).name() + " is set twice");
                }
                cols.add(c);
                vals.add(expr((Expression) set.getValues().get(i), info, info.columns().get(c).type()));
            }
        }
        Expr where = u.getWhere() == null ? null : expr(u.getWhere(), info, null);
        return new Plan.Update(header(), table, cols.stream().mapToInt(Integer::intValue).toArray(),
                vals.toArray(new Expr[0]), where, keyAccess(where, info));
    }

    private Plan delete(Delete d) throws SQLException {
        if (d.getJoins() != null && !d.getJoins().isEmpty() || d.getUsingList() != null && !d.getUsingList().isEmpty()) {
            throw Errors.unsupported("DELETE with JOIN/USING");
        }
        if (d.getOrderByElements() != null || d.getLimit() != null) {
            throw Errors.unsupported("DELETE with ORDER BY/LIMIT");
        }
        if (d.getTables() != null && !d.getTables().isEmpty()) {
            throw Errors.unsupported("multi-table DELETE");
        }
        Catalog.Table table = table(d.getTable());
        Expr where = d.getWhere() == null ? null : expr(d.getWhere(), table.info(), null);
        return new Plan.Delete(header(), table, where, keyAccess(where, table.info()));
    }

    // ---------------------------------------------------------------- expressions

    /**
     * Converts an expression. {@code info} gives the columns it may name (null: none may be named);
     * {@code context} is the type a bare {@code ?} here takes (for parameter metadata).
     */
    private Expr expr(Expression e, TableInfo info, SqlType context) throws SQLException {
        if (e instanceof JdbcParameter p) {
            int index = p.getIndex() != null && p.getIndex() > 0 ? p.getIndex() - 1 : nextParameter;
            nextParameter = Math.max(nextParameter, index + 1);
            while (parameterTypes.size() <= index) {
                parameterTypes.add(null);
            }
            if (context != null) {
                parameterTypes.set(index, context);
            }
            return new Expr.Param(index);
        }
        if (e instanceof LongValue v) {
            try {
                return new Expr.Literal(v.getValue());
            } catch (NumberFormatException ex) {
                return new Expr.Literal(new BigDecimal(v.getStringValue()));
            }
        }
        if (e instanceof DoubleValue v) {
            String text = v.toString();
            if (text.contains("e") || text.contains("E")) {
                return new Expr.Literal(v.getValue());
            }
            return new Expr.Literal(new BigDecimal(text));
        }
        if (e instanceof StringValue v) {
            return new Expr.Literal(v.getValue());
        }
        if (e instanceof NullValue) {
            return new Expr.Literal(null);
        }
        if (e instanceof BooleanValue b) {
            return new Expr.Literal(b.getValue());
        }
        if (e instanceof HexValue h) {
            String text = h.getValue().strip();
            if (!text.toUpperCase(Locale.ROOT).startsWith("X'")) {
                return new Expr.Literal(h.getLong());
            }
            // Taken from the token itself: HexValue.getDigits() keeps the closing quote in some contexts.
            int close = text.indexOf('\'', 2);
            if (close < 0) {
                throw Errors.syntax("bad binary literal " + text);
            }
            return new Expr.Literal(Values.parseHex(text.substring(2, close)));
        }
        if (e instanceof DateTimeLiteralExpression dt) {
            String v = dt.getValue();
            if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
                v = v.substring(1, v.length() - 1);
            }
            return switch (dt.getType()) {
                case DATE -> new Expr.Literal(Values.parseDate(v, "?"));
                case TIMESTAMP, DATETIME -> new Expr.Literal(Values.parseTimestamp(v, "?"));
                default -> throw Errors.unsupported("the literal " + dt.getType() + " '" + v + "'");
            };
        }
        if (e instanceof net.sf.jsqlparser.expression.CastExpression cast && !cast.isUseCastKeyword()
                && cast.getLeftExpression() instanceof StringValue sv && cast.getColDataType() != null) {
            // DATE '2026-01-31' and TIMESTAMP '...' literals
            String t = cast.getColDataType().getDataType().toUpperCase(Locale.ROOT);
            if (t.startsWith("DATE")) {
                return new Expr.Literal(Values.parseDate(sv.getValue(), "?"));
            }
            if (t.startsWith("TIMESTAMP")) {
                return new Expr.Literal(Values.parseTimestamp(sv.getValue(), "?"));
            }
        }
        if (e instanceof Column c) {
            String name = c.getColumnName();
            if (info == null) {
                if ("TRUE".equalsIgnoreCase(name) || "FALSE".equalsIgnoreCase(name)) {
                    return new Expr.Literal(Boolean.parseBoolean(name));
                }
                throw Errors.syntax("a column (" + identifier(name) + ") cannot be used here");
            }
            String qualifier = c.getTable() == null || c.getTable().getName() == null ? null
                    : identifier(c.getTable().getName());
            if (qualifier != null && !qualifier.equals(info.name()) && !qualifier.equals(tableAlias)) {
                throw Errors.noSuchColumn(identifier(c.getTable().getName()) + "." + identifier(name), info.name());
            }
            if (("TRUE".equalsIgnoreCase(name) || "FALSE".equalsIgnoreCase(name)) && !name.startsWith("\"")
                    && info.columns().stream().noneMatch(ci -> ci.name().equalsIgnoreCase(name))) {
                return new Expr.Literal(Boolean.parseBoolean(name));
            }
            int i = column(info, c);
            return new Expr.Column(i, info.columns().get(i).name());
        }
        if (e instanceof SignedExpression s) {
            Expr inner = expr(s.getExpression(), info, context);
            if (s.getSign() == '-') {
                if (inner instanceof Expr.Literal lit && lit.value() instanceof Long l) {
                    return new Expr.Literal(-l);
                }
                if (inner instanceof Expr.Literal lit && lit.value() instanceof BigDecimal d) {
                    BigDecimal n = d.negate();
                    return new Expr.Literal(n.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) == 0 ? Long.MIN_VALUE : n);
                }
                return new Expr.Negate(inner);
            }
            return inner;
        }
        if (e instanceof ParenthesedExpressionList<?> p) {
            if (p.size() != 1) {
                throw Errors.unsupported("a row value");
            }
            return expr((Expression) p.get(0), info, context);
        }
        if (e instanceof Addition a) {
            return new Expr.Arithmetic('+', expr(a.getLeftExpression(), info, context), expr(a.getRightExpression(), info, context));
        }
        if (e instanceof Subtraction a) {
            return new Expr.Arithmetic('-', expr(a.getLeftExpression(), info, context), expr(a.getRightExpression(), info, context));
        }
        if (e instanceof Multiplication a) {
            return new Expr.Arithmetic('*', expr(a.getLeftExpression(), info, context), expr(a.getRightExpression(), info, context));
        }
        if (e instanceof Division a) {
            return new Expr.Arithmetic('/', expr(a.getLeftExpression(), info, context), expr(a.getRightExpression(), info, context));
        }
        if (e instanceof Concat a) {
            return new Expr.Concat(expr(a.getLeftExpression(), info, SqlType.VARCHAR),
                    expr(a.getRightExpression(), info, SqlType.VARCHAR));
        }
        if (e instanceof AndExpression a) {
            return new Expr.And(expr(a.getLeftExpression(), info, null), expr(a.getRightExpression(), info, null));
        }
        if (e instanceof OrExpression a) {
            return new Expr.Or(expr(a.getLeftExpression(), info, null), expr(a.getRightExpression(), info, null));
        }
        if (e instanceof NotExpression n) {
            return new Expr.Not(expr(n.getExpression(), info, null));
        }
        if (e instanceof IsNullExpression n) {
            return new Expr.IsNull(expr(n.getLeftExpression(), info, null), n.isNot());
        }
        if (e instanceof EqualsTo || e instanceof NotEqualsTo || e instanceof GreaterThan
                || e instanceof GreaterThanEquals || e instanceof MinorThan || e instanceof MinorThanEquals) {
            ComparisonOperator c = (ComparisonOperator) e;
            String op = e instanceof EqualsTo ? "=" : e instanceof NotEqualsTo ? "<>" : e instanceof GreaterThan ? ">"
                    : e instanceof GreaterThanEquals ? ">=" : e instanceof MinorThan ? "<" : "<=";
            SqlType lt = columnType(c.getLeftExpression(), info);
            SqlType rt = columnType(c.getRightExpression(), info);
            return new Expr.Compare(op, expr(c.getLeftExpression(), info, rt), expr(c.getRightExpression(), info, lt));
        }
        if (e instanceof Between b) {
            SqlType t = columnType(b.getLeftExpression(), info);
            Expr x = expr(b.getLeftExpression(), info, null);
            Expr range = new Expr.And(new Expr.Compare(">=", x, expr(b.getBetweenExpressionStart(), info, t)),
                    new Expr.Compare("<=", x, expr(b.getBetweenExpressionEnd(), info, t)));
            return b.isNot() ? new Expr.Not(range) : range;
        }
        if (e instanceof InExpression in) {
            if (!(in.getRightExpression() instanceof ExpressionList<?> list)) {
                throw Errors.unsupported("IN with a subquery");
            }
            SqlType t = columnType(in.getLeftExpression(), info);
            List<Expr> items = new ArrayList<>();
            for (Object o : list) {
                items.add(expr((Expression) o, info, t));
            }
            return new Expr.In(expr(in.getLeftExpression(), info, null), items, in.isNot());
        }
        if (e instanceof Function f) {
            throw Errors.unsupported("the function " + f.getName().toUpperCase(Locale.ROOT) + "()");
        }
        String kind = e.getClass().getSimpleName().replace("Expression", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        if (e instanceof net.sf.jsqlparser.statement.select.Select) {
            kind = "a subquery";
        }
        throw Errors.unsupported(kind.isBlank() ? "the expression " + e : kind + " (" + e + ")");
    }

    private static SqlType columnType(Expression e, TableInfo info) {
        if (info != null && e instanceof Column c) {
            String name = identifier(c.getColumnName());
            for (ColumnInfo ci : info.columns()) {
                if (ci.name().equals(name)) {
                    return ci.type();
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- key access

    /** Narrows the rows a WHERE can match by the key column (see {@link KeyAccess}). */
    static KeyAccess keyAccess(Expr where, TableInfo info) {
        if (where == null) {
            return new KeyAccess.Full();
        }
        List<Expr> terms = new ArrayList<>();
        conjuncts(where, terms);
        int key = info.keyColumn();
        List<KeyAccess.Bound> lower = new ArrayList<>();
        List<KeyAccess.Bound> upper = new ArrayList<>();
        for (Expr t : terms) {
            if (t instanceof Expr.Compare c) {
                boolean keyLeft = c.left() instanceof Expr.Column col && col.index() == key && c.right().isConstant();
                boolean keyRight = c.right() instanceof Expr.Column col && col.index() == key && c.left().isConstant();
                if (!keyLeft && !keyRight) {
                    continue;
                }
                Expr value = keyLeft ? c.right() : c.left();
                String op = keyLeft ? c.op() : flip(c.op());
                switch (op) {
                    case "=" -> {
                        return new KeyAccess.Points(List.of(value));
                    }
                    case ">" -> lower.add(new KeyAccess.Bound(value, false));
                    case ">=" -> lower.add(new KeyAccess.Bound(value, true));
                    case "<" -> upper.add(new KeyAccess.Bound(value, false));
                    case "<=" -> upper.add(new KeyAccess.Bound(value, true));
                    default -> {
                    }
                }
            } else if (t instanceof Expr.In in && !in.negated() && in.operand() instanceof Expr.Column col
                    && col.index() == key && in.list().stream().allMatch(Expr::isConstant)) {
                return new KeyAccess.Points(in.list());
            }
        }
        if (lower.isEmpty() && upper.isEmpty()) {
            return new KeyAccess.Full();
        }
        return new KeyAccess.Range(lower, upper);
    }

    private static void conjuncts(Expr e, List<Expr> out) {
        if (e instanceof Expr.And a) {
            conjuncts(a.left(), out);
            conjuncts(a.right(), out);
        } else {
            out.add(e);
        }
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }
}
