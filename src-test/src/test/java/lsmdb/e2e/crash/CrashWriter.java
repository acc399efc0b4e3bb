package lsmdb.e2e.crash;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.WriteBatch;

/**
 * The child process of {@link CrashTest}: writes numbered keys forever and prints {@code ack N} after the write
 * of key N returned, until it is killed. Arguments: directory, sync (true/false), first key number, and optionally
 * a pause interval: after every that many keys it stops writing for longer than the engine's idle time (so the
 * memtable is flushed for being idle while it lives) and prints {@code idle C}, C the idle flushes so far.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean sync = Boolean.parseBoolean(args[1]);
        long first = Long.parseLong(args[2]);
        long pauseEvery = args.length > 3 ? Long.parseLong(args[3]) : 0;
        Options options = Options.defaults().withSync(sync).withWriteBufferSize(64 << 10)
                .withTargetFileSize(64 << 10).withMaxBytesForLevelBase(256 << 10);
        LsmDb db = LsmDb.open(dir, options);
        System.out.println("open");
        System.out.flush();
        for (long i = first; ; i++) {
            // Each batch writes the key and a companion: a recovered database must never hold one without the other.
            db.write(new WriteBatch().put(CrashTest.key(i), CrashTest.value(i)).put(CrashTest.companion(i),
                    CrashTest.value(i)));
            System.out.println("ack " + i);
            if ((i & 63) == 0) {
                System.out.flush();
            }
            if (pauseEvery > 0 && (i - first + 1) % pauseEvery == 0) {
                System.out.flush();
                // The flush thread looks every 500 ms and flushes after 500 ms without a commit: within two looks.
                Thread.sleep(1300);
                System.out.println("idle " + db.property("lsmdb.idle-flushes"));
                System.out.flush();
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
