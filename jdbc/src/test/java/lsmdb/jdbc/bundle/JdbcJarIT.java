package lsmdb.jdbc.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code lsmdb-jdbc} jar as users meet it (SPEC §9): a JVM with only that jar, on the class path and
 * on the module path, runs SQL through {@code DriverManager}; the jar carries the manifest entry and service file
 * and nothing of JSqlParser outside {@code lsmdb.shaded}; its POM declares no dependencies.
 */
class JdbcJarIT {

    /** A program run by the java launcher from source, with nothing but the jar to find the driver in. */
    private static final String PROBE = """
            import java.sql.*;
            public class Probe {
                public static void main(String[] args) throws Exception {
                    try (Connection c = DriverManager.getConnection("jdbc:lsm:" + args[0]);
                         Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(20))");
                        s.execute("INSERT INTO kv VALUES (1, 'one')");
                        s.execute("INSERT INTO kv VALUES (2, 'two')");
                        try (ResultSet rs = s.executeQuery("SELECT v FROM kv WHERE k = 2")) {
                            rs.next();
                            System.out.println("read " + rs.getString(1) + " via " + c.getMetaData().getDriverName()
                                    + " in module " + DriverManager.getDriver("jdbc:lsm:x").getClass().getModule().getName());
                        }
                    }
                }
            }
            """;

    @TempDir
    Path tmp;

    private static Path jar() {
        Path jar = Path.of(System.getProperty("lsmdb.jdbc.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged jar exists: " + jar);
        return jar;
    }

    private String runProbe(String... launcherArgs) throws Exception {
        Path probe = tmp.resolve("Probe.java");
        Files.writeString(probe, PROBE);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        Collections.addAll(cmd, launcherArgs);
        cmd.add(probe.toString());
        cmd.add(tmp.resolve("db").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void onlyTheJarOnTheClassPathRunsSql() throws Exception {
        String out = runProbe("-cp", jar().toString());
        assertTrue(out.contains("read two via lsmdb"), out);
        assertTrue(out.contains("in module null"), "unnamed module on the class path: " + out);
    }

    @Test
    void theJarOnTheModulePathIsModuleLsmdbJdbc() throws Exception {
        String out = runProbe("--module-path", jar().toString(), "--add-modules", "lsmdb.jdbc");
        assertTrue(out.contains("read two via lsmdb") && out.contains("in module lsmdb.jdbc"), out);
    }

    @Test
    void manifestServiceFileAndRelocation() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            Manifest m = jar.getManifest();
            assertEquals("lsmdb.jdbc", m.getMainAttributes().getValue("Automatic-Module-Name"));
            String services = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("lsmdb.jdbc.LsmDriver", services.strip());
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("lsmdb/core/LsmDb.class") && names.contains("lsmdb/sql/session/SessionImpl.class"),
                    "engine and SQL layer are inside");
            assertTrue(names.stream().anyMatch(n -> n.startsWith("lsmdb/shaded/net/sf/jsqlparser/")), "JSqlParser is relocated");
            for (String n : names) {
                // zstd-jni (once the engine uses it) stays unrelocated: its native methods are bound by class name.
                boolean zstd = n.startsWith("com/github/luben/zstd/") || "com/github/luben/zstd/".startsWith(n)
                        || n.matches("(linux|darwin|win|freebsd|aix)/.*");
                assertFalse(!zstd && (n.startsWith("net/") || n.startsWith("org/") || n.startsWith("com/")),
                        "nothing outside lsmdb/ and META-INF/ but licences: " + n);
                assertFalse(n.startsWith("jmh") || n.endsWith("checkstyle.xml"), n);
            }
        }
    }

    @Test
    void theDependencyReducedPomDeclaresNoDependencies() throws IOException {
        Path pom = jar().getParent().resolve("dependency-reduced-pom.xml");
        String xml = Files.readString(pom);
        assertTrue(xml.contains("<artifactId>lsmdb-jdbc</artifactId>"), xml);
        // Test-scoped dependencies (inherited JUnit) never reach users; nothing else may be declared.
        String runtime = xml.replaceAll("(?s)<dependency>(?:(?!</dependency>).)*<scope>test</scope>(?:(?!</dependency>).)*</dependency>", "");
        assertFalse(runtime.contains("<dependency>"), "no transitive runtime dependencies:\n" + xml);
    }
}
