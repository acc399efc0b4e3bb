package lsmdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lsmdb stats|dump|verify|backup} on a database another process is writing (read-only opens, SPEC §2). */
class CliLiveDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void theInspectionCommandsWorkOnARunningDatabase() throws Exception {
        Path dir = tmp.resolve("db");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), LiveWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicLong acked = new AtomicLong(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("ack ")) {
                        acked.set(Long.parseLong(line.substring(4)));
                    }
                }
            } catch (Exception ignored) {
                // destroyed at the end
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acked.get() < 20000) {
                assertTrue(System.nanoTime() < deadline, "the writer got going");
                Thread.sleep(10);
            }
            for (int round = 0; round < 3; round++) {
                for (List<String> args : List.of(List.of("stats", dir.toString()), List.of("verify", dir.toString()),
                        List.of("dump", dir.toString(), "--limit", "5"),
                        List.of("backup", dir.toString(), tmp.resolve("backup" + round).toString()))) {
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(new String[0]));
                    assertEquals(0, code, args + " on a running database:\n" + out + err);
                }
                StringWriter out = new StringWriter();
                assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "verify",
                        tmp.resolve("backup" + round).toString()), "the backup verifies: " + out);
            }
            assertTrue(writer.isAlive(), "the writer was never disturbed");
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
            reader.join();
        }
    }
}
