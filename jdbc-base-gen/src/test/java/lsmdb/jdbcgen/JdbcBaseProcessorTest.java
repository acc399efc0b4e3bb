package lsmdb.jdbcgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.RowIdLifetime;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a small package that asks for base classes, with the processor, and checks what the classes do: refuse
 * with 0A000 naming the interface and method, answer "no" for metadata, leave a superclass's interface alone.
 */
class JdbcBaseProcessorTest {

    @TempDir
    static Path dir;
    private static ClassLoader loader;

    private static final Map<String, String> SOURCES = Map.of(
            "p/package-info.java", """
                    @JdbcBase(of = java.sql.Savepoint.class, name = "BaseSavepoint")
                    @JdbcBase(of = java.sql.CallableStatement.class, name = "BaseCallable")
                    @JdbcBase(of = java.sql.DatabaseMetaData.class, name = "BaseMeta", answer = JdbcBase.Answer.NO)
                    @JdbcBase(of = java.sql.Statement.class, name = "BaseStatement")
                    @JdbcBase(of = java.sql.PreparedStatement.class, name = "BasePrepared", superclass = "Plain",
                            inherited = java.sql.Statement.class)
                    package p;
                    import lsmdb.jdbcgen.JdbcBase;
                    """,
            "p/Jdbc.java", """
                    package p;
                    final class Jdbc {
                        static java.sql.SQLFeatureNotSupportedException unsupported(String m) {
                            return new java.sql.SQLFeatureNotSupportedException(m, "0A000");
                        }
                    }
                    """,
            "p/Savepoint.java", "package p; public class Savepoint extends BaseSavepoint { }",
            "p/Callable.java", "package p; public class Callable extends BaseCallable { }",
            "p/Meta.java", """
                    package p;
                    public class Meta extends BaseMeta {
                        public String asked;
                        @Override java.sql.ResultSet empty(String method) { asked = method; return null; }
                    }
                    """,
            "p/Plain.java", """
                    package p;
                    public class Plain extends BaseStatement {
                        final String sql;
                        Plain(String sql) throws java.sql.SQLException { this.sql = sql; }
                        @Override public boolean execute(String s) { return s.equals(sql); }
                    }
                    """,
            "p/Prepared.java", """
                    package p;
                    public class Prepared extends BasePrepared {
                        public Prepared() throws java.sql.SQLException { super("x"); }
                    }
                    """);

    @BeforeAll
    static void compile() throws Exception {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : SOURCES.entrySet()) {
            Path f = dir.resolve("src").resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        Path out = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-s", out.toString(),
                "-classpath", System.getProperty("java.class.path"),
                "-processor", JdbcBaseProcessor.class.getName(), "-Xlint:all,-processing", "-Werror"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            boolean ok = javac.getTask(log, fm, null, args, null, fm.getJavaFileObjectsFromStrings(files)).call();
            assertTrue(ok, log.toString());
        }
        loader = new URLClassLoader(new java.net.URL[] {out.toUri().toURL()}, JdbcBaseProcessorTest.class.getClassLoader());
    }

    private static Object make(String name) throws Exception {
        return loader.loadClass("p." + name).getConstructor().newInstance();
    }

    private static Object call(Object target, String method, Class<?>[] types, Object... args) throws Throwable {
        Method m = target.getClass().getMethod(method, types);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void refusesWithTheInterfaceAndMethodName() throws Throwable {
        Object sp = make("Savepoint");
        SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class,
                () -> call(sp, "getSavepointId", new Class<?>[0]));
        assertEquals("Savepoint.getSavepointId", e.getMessage());
        assertEquals("0A000", e.getSQLState());
        // CallableStatement: every overload of its own and of PreparedStatement and Statement is there
        Object cs = make("Callable");
        assertEquals("CallableStatement.getString", assertThrows(SQLFeatureNotSupportedException.class,
                () -> call(cs, "getString", new Class<?>[] {String.class}, "a")).getMessage());
        assertEquals("CallableStatement.setInt", assertThrows(SQLFeatureNotSupportedException.class,
                () -> call(cs, "setInt", new Class<?>[] {int.class, int.class}, 1, 2)).getMessage());
        assertEquals("CallableStatement.cancel", assertThrows(SQLFeatureNotSupportedException.class,
                () -> call(cs, "cancel", new Class<?>[0])).getMessage());
        assertSame(cs, call(cs, "unwrap", new Class<?>[] {Class.class}, Statement.class));
        assertEquals("HY000", assertThrows(java.sql.SQLException.class,
                () -> call(cs, "unwrap", new Class<?>[] {Class.class}, String.class)).getSQLState());
        assertEquals(true, call(cs, "isWrapperFor", new Class<?>[] {Class.class}, PreparedStatement.class));
    }

    @Test
    void metadataAnswersNo() throws Throwable {
        Object meta = make("Meta");
        assertEquals(false, call(meta, "allProceduresAreCallable", new Class<?>[0]));
        assertEquals(0, call(meta, "getMaxConnections", new Class<?>[0]));
        assertEquals("", call(meta, "getURL", new Class<?>[0]));
        assertEquals(RowIdLifetime.ROWID_UNSUPPORTED, call(meta, "getRowIdLifetime", new Class<?>[0]));
        assertNull(call(meta, "getTables", new Class<?>[] {String.class, String.class, String.class, String[].class},
                null, null, "%", null));
        assertEquals("getTables", meta.getClass().getField("asked").get(meta));
        // a result no "no" fits (getConnection) is refused, naming the method only
        assertEquals("getConnection", assertThrows(SQLFeatureNotSupportedException.class,
                () -> call(meta, "getConnection", new Class<?>[0])).getMessage());
    }

    @Test
    void aSuperclassKeepsItsInterface() throws Throwable {
        Object p = make("Prepared");
        assertInstanceOf(PreparedStatement.class, p);
        assertTrue(loader.loadClass("p.Plain").isAssignableFrom(p.getClass()));
        assertFalse(PreparedStatement.class.isAssignableFrom(loader.loadClass("p.Plain")));
        // Statement's methods are the superclass's (constructor passed through), PreparedStatement's refused
        assertEquals(true, call(p, "execute", new Class<?>[] {String.class}, "x"));
        assertEquals("Statement.cancel", assertThrows(SQLFeatureNotSupportedException.class,
                () -> call(p, "cancel", new Class<?>[0])).getMessage());
        assertEquals("PreparedStatement.execute", assertThrows(SQLFeatureNotSupportedException.class,
                () -> call(p, "execute", new Class<?>[0])).getMessage());
        assertThrows(NoSuchMethodException.class,
                () -> loader.loadClass("p.BasePrepared").getDeclaredMethod("execute", String.class));
    }
}
