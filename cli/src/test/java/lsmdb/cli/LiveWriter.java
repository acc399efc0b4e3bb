package lsmdb.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.WriteBatch;

/** A child process for {@link CliLiveDatabaseTest}: writes forever with tiny buffers (many flushes and compactions). */
public final class LiveWriter {

    private LiveWriter() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.defaults().withSync(false).withWriteBufferSize(32 << 10)
                .withTargetFileSize(32 << 10).withMaxBytesForLevelBase(128 << 10);
        try (LsmDb db = LsmDb.open(Path.of(args[0]), options)) {
            System.out.println("open");
            System.out.flush();
            for (long i = 0; ; i++) {
                byte[] key = String.format("key-%07d", i % 50000).getBytes(StandardCharsets.UTF_8);
                db.write(new WriteBatch().put(key, ("value-" + i).getBytes(StandardCharsets.UTF_8)));
                if (i % 1000 == 0) {
                    System.out.println("ack " + i);
                    System.out.flush();
                }
            }
        }
    }
}
