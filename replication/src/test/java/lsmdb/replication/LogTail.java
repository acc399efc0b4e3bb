package lsmdb.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a child JVM's output, for a failure message: the file itself goes with the test's temp dir. */
final class LogTail {

    private LogTail() {
    }

    static String of(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "last " + last.size() + " of " + all.size() + " lines of " + log.getFileName() + ":\n"
                    + String.join("\n", last);
        } catch (IOException e) {
            return "no output to show (" + e + ")";
        }
    }
}
