package lsmdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/lsmdb} as a user runs it, after the jar is packaged. */
class BinLsmdbIT {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(Path script, String stdin, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("lsmdb-out", ".txt");
        Path err = Files.createTempFile("lsmdb-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/lsmdb finished");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path realScript() {
        return Path.of(System.getProperty("lsmdb.root"), "bin", "lsmdb");
    }

    private static void assertNoEscapes(Run r) {
        assertFalse((r.out() + r.err()).contains("\u001b"), "no terminal escape codes:\n" + r.out() + r.err());
    }

    @Test
    void pipedSqlRunsAsAScriptAndExitCodesAreAsDocumented() throws Exception {
        Path db = tmp.resolve("db");
        Run script = run(realScript(), "CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR(10));\n"
                + "INSERT INTO t VALUES (1, 'one');\nSELECT v FROM t;\n", Map.of(), "shell", db.toString());
        assertEquals(0, script.code(), script.err());
        assertEquals("V\none\n", script.out());
        assertNoEscapes(script);
        Run missing = run(realScript(), "", Map.of(), "verify", tmp.resolve("nope").toString());
        assertEquals(1, missing.code());
        assertEquals("lsmdb: " + tmp.resolve("nope") + ": no such database directory\n", missing.err());
        Run usage = run(realScript(), "", Map.of(), "frobnicate");
        assertEquals(2, usage.code(), usage.err());
    }

    @Test
    void theFirstRunSaysItIsBuildingAndAsksMavenForNoColour() throws Exception {
        Path root = tmp.resolve("checkout");
        Files.createDirectories(root.resolve("bin"));
        Path script = Files.copy(realScript(), root.resolve("bin/lsmdb"), StandardCopyOption.COPY_ATTRIBUTES);
        // A stand-in for Maven: records its arguments and "builds" by copying the packaged jar into place.
        Path fakeBin = Files.createDirectories(tmp.resolve("fakebin"));
        Path mvn = fakeBin.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\necho \"$@\" > '" + tmp.resolve("mvn-args") + "'\n"
                + "mkdir -p cli/target && cp '" + System.getProperty("lsmdb.jar") + "' cli/target/lsmdb.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run first = run(script, "", Map.of("PATH", fakeBin + ":" + System.getenv("PATH")), "--version");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("building lsmdb.jar on first use"), first.err());
        assertTrue(first.out().contains("lsmdb 0.1.0"), first.out());
        String args = Files.readString(tmp.resolve("mvn-args"));
        assertTrue(args.contains("-B") && args.contains("-Dstyle.color=never") && args.contains("-pl cli"), args);
        assertNoEscapes(first);
        Run second = run(script, "", Map.of("PATH", fakeBin + ":" + System.getenv("PATH")), "--version");
        assertFalse(second.err().contains("building"), "built once: " + second.err());
    }
}
