package lsmdb.sql.parse;

import java.sql.SQLSyntaxErrorException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lsmdb.sql.Errors;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.ForMode;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * Deny by default (SPEC §3): walks JSqlParser's tree and accepts it only when every node is a class in
 * {@link AllowList} and every field lsmdb does not understand holds its default value; anything else is 42000
 * naming the construct. The walk is iterative, so a 5,000-term {@code 1 + 1 + ...} cannot overflow the stack;
 * nesting other than such flat AND/OR/arithmetic chains is bounded by {@link #MAX_DEPTH}.
 */
public final class DenyCheck {

    /** Tree levels allowed, flat chains counting as one: deeper trees would overflow recursive binders. */
    public static final int MAX_DEPTH = 256;

    private static final Set<String> FUNCTIONS = Set.of("UPPER", "LOWER", "LENGTH", "CHAR_LENGTH", "SUBSTRING",
            "TRIM", "LTRIM", "RTRIM", "REPLACE", "CONCAT", "POSITION", "ABS", "ROUND", "FLOOR", "CEIL", "CEILING",
            "MOD", "POWER", "SQRT", "SIGN", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "NOW",
            "LOCALTIMESTAMP", "COALESCE", "NULLIF", "COUNT", "SUM", "AVG", "MIN", "MAX");
    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX");
    private static final Set<String> TIME_KEYS = Set.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
            "LOCALTIMESTAMP");

    private DenyCheck() {
    }

    /** One node to visit, at its depth; {@code chain} is the family of the binary chain it continues, if any. */
    private record Visit(Object node, int depth, Class<?> parentFamily) {
    }

    /** Refuses {@code statement} with 42000 naming the first construct outside SPEC §3. */
    public static void check(Statement statement) throws SQLSyntaxErrorException {
        ArrayDeque<Visit> todo = new ArrayDeque<>();
        todo.push(new Visit(statement, 1, null));
        while (!todo.isEmpty()) {
            Visit v = todo.pop();
            Object node = v.node();
            Class<?> family = family(node);
            int depth = family != null && family == v.parentFamily() ? v.depth() - 1 : v.depth();
            if (depth > MAX_DEPTH) {
                throw Errors.syntax("statement nested too deeply (more than " + MAX_DEPTH
                        + " levels of expressions and subqueries)");
            }
            NodeShape shape = NodeShape.of(node.getClass());
            if (!shape.allowed) {
                throw Errors.unsupported(Constructs.ofClass(node.getClass()));
            }
            for (int i = 0; i < shape.others.length; i++) {
                if (!shape.isDefault(i, node)) {
                    throw Errors.unsupported(Constructs.ofField(node.getClass(), shape.others[i].getName()));
                }
            }
            values(node);
            if (node instanceof Collection<?> c) {
                for (Object o : c) {
                    push(todo, o, depth + 1, family);
                }
            }
            for (var f : shape.children) {
                Object value = NodeShape.read(f, node);
                if (value instanceof Collection<?> c && !NodeShape.isJsqlparser(value.getClass())) {
                    for (Object o : c) {
                        push(todo, o, depth + 1, family);
                    }
                } else if (value instanceof Map<?, ?> m) {
                    for (Object o : m.values()) {
                        push(todo, o, depth + 1, family);
                    }
                } else {
                    push(todo, value, depth + 1, family);
                }
            }
        }
    }

    private static void push(ArrayDeque<Visit> todo, Object o, int depth, Class<?> family) {
        if (o != null && NodeShape.isJsqlparser(o.getClass()) && !o.getClass().isEnum()) {
            todo.push(new Visit(o, depth, family));
        }
    }

    /** The chain family of a binary operator whose left-deep chains are flat lists to a binder. */
    private static Class<?> family(Object node) {
        if (node instanceof AndExpression) {
            return AndExpression.class;
        }
        if (node instanceof OrExpression) {
            return OrExpression.class;
        }
        if (node instanceof Addition || node instanceof Subtraction) {
            return Addition.class;
        }
        if (node instanceof Multiplication || node instanceof Division || node instanceof Modulo) {
            return Multiplication.class;
        }
        if (node instanceof Concat) {
            return Concat.class;
        }
        return null;
    }

    /** Checks the values of understood fields that are only partly understood. */
    private static void values(Object node) throws SQLSyntaxErrorException {
        if (node instanceof PlainSelect ps && ps.getForMode() != null && ps.getForMode() != ForMode.UPDATE) {
            throw Errors.unsupported("FOR " + ps.getForMode().getValue());
        } else if (node instanceof Function f) {
            function(f);
        } else if (node instanceof CastExpression c) {
            boolean cast = c.keyword != null && c.keyword.equalsIgnoreCase("CAST");
            boolean typedLiteral = c.keyword == null && c.isImplicitCast() && c.getLeftExpression() instanceof StringValue;
            if (!cast && !typedLiteral) {
                throw Errors.unsupported(c.keyword == null ? "the :: cast (use CAST(e AS type))" : c.keyword.toUpperCase(Locale.ROOT));
            }
        } else if (node instanceof LikeExpression l && l.getLikeKeyWord() != LikeExpression.KeyWord.LIKE) {
            throw Errors.unsupported(l.getLikeKeyWord().name().replace('_', ' '));
        } else if (node instanceof TimeKeyExpression t
                && !TIME_KEYS.contains(t.getStringValue().toUpperCase(Locale.ROOT).replace("()", ""))) {
            throw Errors.unsupported(t.getStringValue());
        } else if (node instanceof SignedExpression s && s.getSign() != '-' && s.getSign() != '+') {
            throw Errors.unsupported("the operator " + s.getSign());
        } else if (node instanceof JdbcParameter p && !"?".equals(p.getParameterCharacter())) {
            throw Errors.unsupported("parameters written " + p.getParameterCharacter());
        } else if (node instanceof Offset o && o.getOffsetParam() != null
                && !o.getOffsetParam().equalsIgnoreCase("ROWS") && !o.getOffsetParam().equalsIgnoreCase("ROW")) {
            throw Errors.unsupported("OFFSET ... " + o.getOffsetParam());
        } else if (node instanceof Fetch f) {
            for (String p : f.getFetchParameters()) {
                if (!p.equalsIgnoreCase("ROWS") && !p.equalsIgnoreCase("ROW") && !p.equalsIgnoreCase("ONLY")) {
                    throw Errors.unsupported("FETCH ... " + p);
                }
            }
        } else if (node instanceof Drop d && !Set.of("TABLE", "INDEX", "VIEW").contains(d.getType().toUpperCase(Locale.ROOT))) {
            throw Errors.unsupported("DROP " + d.getType().toUpperCase(Locale.ROOT));
        } else if (node instanceof Index.ColumnParams p && p.getParams() != null) {
            for (String s : p.getParams()) {
                if (!s.equalsIgnoreCase("ASC") && !s.equalsIgnoreCase("DESC")) {
                    throw Errors.unsupported("the index column option " + s);
                }
            }
        } else if (node instanceof Index i) {
            String type = i.getType() == null ? "" : i.getType().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            boolean known = node instanceof ForeignKeyIndex ? type.equals("FOREIGN KEY")
                    : Set.of("", "PRIMARY KEY", "UNIQUE", "UNIQUE KEY", "UNIQUE INDEX").contains(type);
            if (!known) {
                throw Errors.unsupported("the constraint or index kind " + type);
            }
        } else if (node instanceof AlterExpression a) {
            alter(a);
        } else if (node instanceof ColumnDefinition c && !(node instanceof AlterExpression.ColumnDataType)) {
            ColumnSpecs.check(c.getColumnName(), c.getColumnSpecs());
        }
    }

    private static void function(Function f) throws SQLSyntaxErrorException {
        List<String> parts = f.getMultipartName();
        String name = parts == null || parts.isEmpty() ? "" : parts.get(parts.size() - 1).toUpperCase(Locale.ROOT);
        if (parts == null || parts.size() != 1 || !FUNCTIONS.contains(name)) {
            throw Errors.syntax("unknown function " + f.getName() + " (SPEC §3.2 lists the functions)");
        }
        if (f.isAllColumns() && !name.equals("COUNT")) {
            throw Errors.unsupported(name + "(ALL ...)");
        }
        if (f.isDistinct() && !AGGREGATES.contains(name)) {
            throw Errors.unsupported(name + "(DISTINCT ...)");
        }
        NamedExpressionList<?> named = f.getNamedParameters();
        if (named != null) {
            Set<String> words = name.equals("SUBSTRING") ? Set.of("", "FROM", "FOR")
                    : name.equals("POSITION") ? Set.of("", "IN") : Set.of();
            for (String w : named.getNames()) {
                if (!words.contains(w == null ? "" : w.toUpperCase(Locale.ROOT))) {
                    throw Errors.unsupported(name + "(... " + w + " ...)");
                }
            }
        }
    }

    private static void alter(AlterExpression a) throws SQLSyntaxErrorException {
        AlterOperation op = a.getOperation();
        switch (op) {
            case ADD -> {
                if (a.getIndex() != null) {
                    String type = a.getIndex().getType() == null ? ""
                            : a.getIndex().getType().toUpperCase(Locale.ROOT).trim();
                    if (!(a.getIndex() instanceof ForeignKeyIndex) && !type.startsWith("UNIQUE")) {
                        throw Errors.unsupported("ALTER TABLE ADD CONSTRAINT ... " + type
                                + " (only UNIQUE and FOREIGN KEY constraints can be added)");
                    }
                    return;
                }
                if (a.getFkColumns() != null || a.getUkColumns() != null) {
                    return;
                }
                if (a.getColDataTypeList() == null || a.getColDataTypeList().size() != 1) {
                    throw Errors.unsupported("ALTER TABLE ADD of anything but one column");
                }
                AlterExpression.ColumnDataType c = a.getColDataTypeList().get(0);
                ColumnSpecs.check(c.getColumnName(), c.getColumnSpecs());
            }
            case DROP -> {
                if (a.getColumnName() == null && a.getConstraintName() == null) {
                    throw Errors.unsupported("ALTER TABLE DROP of anything but a column or a constraint");
                }
            }
            case RENAME, RENAME_TABLE -> {
            }
            case ALTER -> {
                if (a.getColDataTypeList() != null) {
                    for (AlterExpression.ColumnDataType c : a.getColDataTypeList()) {
                        String type = c.getColDataType() == null ? "" : c.getColDataType().getDataType();
                        String specs = c.getColumnSpecs() == null ? "" : String.join(" ", c.getColumnSpecs());
                        String form = (type + " " + specs).trim().toUpperCase(Locale.ROOT);
                        if (!form.equals("SET NOT NULL") && !form.equals("DROP NOT NULL")) {
                            throw Errors.unsupported("ALTER COLUMN " + c.getColumnName() + " " + form);
                        }
                    }
                }
            }
            default -> throw Errors.unsupported("ALTER TABLE " + op.name().replace('_', ' '));
        }
    }
}
