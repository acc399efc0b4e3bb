package lsmdb.e2e.slt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the shared sqllogictest corpus and lists its files. */
final class Corpus {

    private Corpus() {
    }

    /**
     * The corpus directory: {@code -Dslt.dir=...} if given, else {@code shared/sqllogictest} beside the repository
     * (CI clones it with {@code shared/} next to the checkout), looked for from the module directory upwards so a
     * worktree nested deeper still finds it. Null when absent.
     */
    static Path locate() {
        String explicit = System.getProperty("slt.dir");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit).toAbsolutePath();
            return Files.isDirectory(p) ? p : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("sqllogictest");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Every {@code *.test} file under {@code root}, as sorted paths relative to it with {@code /} separators. */
    static List<String> testFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".test") && Files.isRegularFile(p))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
