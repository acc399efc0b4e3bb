package lsmdb.sql.parse;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of one JSqlParser node class, split into those lsmdb understands (walked as children) and the rest
 * (which must hold their default value), computed once per class. Defaults are read from an instance made with
 * the class's no-argument constructor when it has one; otherwise null, false, 0 and empty collections are
 * the defaults. Reflection, but only on the parse path (plans are cached by SQL text), never per row.
 */
final class NodeShape {

    /** Fields of JSqlParser's own bookkeeping that say nothing about the statement. */
    private static final Set<String> BOOKKEEPING = Set.of("node");

    private static final ClassValue<NodeShape> SHAPES = new ClassValue<>() {
        @Override
        protected NodeShape computeValue(Class<?> type) {
            return new NodeShape(type);
        }
    };

    final Class<?> type;
    /** Whether {@link AllowList} knows the class at all. */
    final boolean allowed;
    final Field[] understood;
    /**
     * The understood fields that can hold a node or a collection of them: not those of a primitive, boxed,
     * String or enum type (a VALUES row of literals is read without touching its items' value fields).
     */
    final Field[] children;
    final Field[] others;
    private final Object[] defaults;
    private final boolean hasPristine;

    private NodeShape(Class<?> type) {
        this.type = type;
        Set<String> names = AllowList.understood(type);
        List<Field> known = new ArrayList<>();
        List<Field> rest = new ArrayList<>();
        for (Field f : fields(type)) {
            (names != null && names.contains(f.getName()) ? known : rest).add(f);
        }
        allowed = names != null;
        understood = known.toArray(new Field[0]);
        children = known.stream().filter(f -> mayHoldNodes(f.getType())).toArray(Field[]::new);
        others = rest.toArray(new Field[0]);
        Object pristine = pristine(type);
        hasPristine = pristine != null;
        defaults = new Object[others.length];
        for (int i = 0; i < others.length && hasPristine; i++) {
            defaults[i] = read(others[i], pristine);
        }
    }

    private static boolean mayHoldNodes(Class<?> declared) {
        return !(declared.isPrimitive() || declared.isEnum() || declared == String.class
                || Number.class.isAssignableFrom(declared) || declared == Boolean.class
                || declared == Character.class);
    }

    static NodeShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    /** The instance fields a JSqlParser class declares or inherits from JSqlParser classes, bookkeeping aside. */
    static List<Field> fields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> k = type; k != null && isJsqlparser(k); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic() && !BOOKKEEPING.contains(f.getName())) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
        }
        return out;
    }

    static boolean isJsqlparser(Class<?> k) {
        return k.getName().startsWith("net.sf.jsqlparser.");
    }

    static Object read(Field f, Object node) {
        try {
            return f.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
    }

    /** Whether field {@code i} of {@link #others} holds its default value in {@code node}. */
    boolean isDefault(int i, Object node) {
        Object v = read(others[i], node);
        if (isEmpty(v)) {
            return !hasPristine || isEmpty(defaults[i]);
        }
        return hasPristine && Objects.equals(v, defaults[i]);
    }

    private static boolean isEmpty(Object v) {
        return v == null || Boolean.FALSE.equals(v) || v instanceof Number n && n.longValue() == 0 && n.doubleValue() == 0
                || v instanceof Character c && c == 0 || v instanceof Collection<?> c && c.isEmpty()
                || v instanceof Map<?, ?> m && m.isEmpty();
    }

    private static Object pristine(Class<?> type) {
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
