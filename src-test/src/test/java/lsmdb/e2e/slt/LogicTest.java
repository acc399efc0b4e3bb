package lsmdb.e2e.slt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's own data-driven SQL tests, {@code src/test/resources/logic/*.test}, in the sqllogictest format with
 * one extension ({@code statement error <SQLSTATE>}). Every record must pass, except in the files listed in
 * {@code known-failing.txt} (open defects), which are run and reported only.
 */
class LogicTest {

    static final Path LOGIC = Path.of("src/test/resources/logic");

    @Test
    void everyLogicFilePasses() throws Exception {
        Map<String, String> knownFailing = knownFailing();
        SltRunner runner = new SltRunner(SkipList.none(), 5_000, 60_000);
        List<FileResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        for (String file : logicFiles()) {
            FileResult result = runner.run(file, SltParser.parse(LOGIC.resolve(file)));
            results.add(result);
            if (knownFailing.containsKey(file)) {
                if (result.failures().isEmpty()) {
                    fixed.add(file);
                }
                continue;
            }
            result.failures().forEach(f -> failures.add(file + ":" + f.line() + ": " + f.reason()));
        }
        String report = SltReport.render("logic tests " + LOGIC.toAbsolutePath() + " (known failing: "
                + knownFailing.keySet() + ")", results, r -> 0);
        System.out.println(report);
        SltReport.write(Path.of("target/logic-report.txt"), report);
        fixed.forEach(f -> System.out.println("NOW PASSES: " + f + " (" + knownFailing.get(f)
                + "): remove it from logic/known-failing.txt"));
        assertTrue(failures.isEmpty(), failures.size() + " logic-test records fail:\n" + String.join("\n", failures));
    }

    private static List<String> logicFiles() throws IOException {
        try (Stream<Path> files = Files.list(LOGIC)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".test")).sorted().toList();
        }
    }

    private static Map<String, String> knownFailing() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String line : Files.readAllLines(LOGIC.resolve("known-failing.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\t", 2);
                files.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : "");
            }
        }
        return files;
    }
}
