package lsmdb.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Options;
import lsmdb.core.WriteBatch;

/**
 * The engine benchmark, LevelDB db_bench style, with the phases and keys of peer-bench's kv suite: 16-byte
 * zero-padded decimal keys, 100-byte values, fixed seeds. Values compress to {@code --compressible} of their size
 * (db_bench's compression_ratio, default 0.5: each 100 bytes of the value pool are 50 random bytes written twice;
 * 1 = incompressible, as peer-bench's values). Prints µs/op and MB/s per phase and the engine's own statistics
 * after each.
 *
 * <pre>
 * java -cp core/target/classes:bench/target/classes lsmdb.bench.DbBench [--num N] [--db DIR] [--phases a,b]
 *     [--writeBufferSize BYTES] [--bloomBitsPerKey N] [--blockCacheSize BYTES] [--warmup N] [--stats]
 *     [--compression none|lz4|zstd] [--compressible FRACTION]
 * </pre>
 */
public final class DbBench {

    private static final int VALUE_SIZE = 100;
    private static final int KEY_SIZE = 16;

    private final int num;
    private final Path root;
    private final Options options;
    private final List<String> phases;
    private final boolean stats;
    private final PrintStream out;
    private final byte[] valuePool = new byte[1 << 20];

    DbBench(int num, Path root, Options options, List<String> phases, boolean stats, PrintStream out,
            double compressible) {
        this.num = num;
        this.root = root;
        this.options = options;
        this.phases = phases;
        this.stats = stats;
        this.out = out;
        fillPool(valuePool, compressible);
    }

    /** Each 100-byte piece: {@code fraction} of it random, the rest repeats of that random part. */
    static void fillPool(byte[] pool, double fraction) {
        SplittableRandom r = new SplittableRandom(301);
        int raw = Math.max(1, (int) Math.round(VALUE_SIZE * Math.min(1, fraction)));
        byte[] piece = new byte[raw];
        for (int p = 0; p + VALUE_SIZE <= pool.length; p += VALUE_SIZE) {
            r.nextBytes(piece);
            for (int i = 0; i < VALUE_SIZE && p + i < pool.length; i++) {
                pool[p + i] = piece[i % raw];
            }
        }
    }

    static byte[] key(long i) {
        byte[] k = new byte[KEY_SIZE];
        for (int p = KEY_SIZE - 1; p >= 0; p--) {
            k[p] = (byte) ('0' + i % 10);
            i /= 10;
        }
        return k;
    }

    /** One of the pool's 100-byte pieces (aligned, as db_bench's values are, so each compresses as its piece does). */
    byte[] value(SplittableRandom r) {
        byte[] v = new byte[VALUE_SIZE];
        System.arraycopy(valuePool, r.nextInt(valuePool.length / VALUE_SIZE) * VALUE_SIZE, v, 0, VALUE_SIZE);
        return v;
    }

    private boolean wanted(String phase) {
        return phases == null || phases.contains(phase);
    }

    private void report(String phase, long ops, long nanos, String note) {
        double micros = nanos / 1000.0 / Math.max(1, ops);
        double mb = ops * (double) (KEY_SIZE + VALUE_SIZE) / (1 << 20) / (nanos / 1e9);
        out.printf(Locale.ROOT, "%-22s %10.3f us/op %9.1f MB/s %12d ops%s%n", phase, micros, mb, ops,
                note.isEmpty() ? "" : "  (" + note + ")");
    }

    private void engineStats(LsmDb db) {
        if (stats) {
            String text = db.property("lsmdb.stats");
            out.print(text == null ? "    (no lsmdb.stats from this engine)\n" : text.replaceAll("(?m)^", "    "));
        }
    }

    /** Runs every phase; returns nothing, prints as it goes. */
    void run() throws IOException {
        Path dir = root.resolve("kv");
        delete(dir);
        try (LsmDb db = LsmDb.open(dir, options.withSync(false))) {
            long t = System.nanoTime();
            for (long i = 0; i < num; i++) {
                db.put(key(i), value(RANDOM));
            }
            if (wanted("fillseq")) {
                report("fillseq", num, System.nanoTime() - t, "");
                engineStats(db);
            }
        }
        delete(dir);
        SplittableRandom r = new SplittableRandom(1);
        long[] perm = new long[num];
        for (int i = 0; i < num; i++) {
            perm[i] = i;
        }
        for (int i = num - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long x = perm[i];
            perm[i] = perm[j];
            perm[j] = x;
        }
        try (LsmDb db = LsmDb.open(dir, options.withSync(false))) {
            long t = System.nanoTime();
            for (int i = 0; i < num; i++) {
                db.put(key(perm[i]), value(RANDOM));
            }
            long fill = System.nanoTime() - t;
            if (wanted("fillrandom")) {
                report("fillrandom", num, fill, "write amplification " + db.property("lsmdb.write-amplification")
                        + " so far");
                engineStats(db);
            }
            t = System.nanoTime();
            db.compactRange(null, null);
            long compact = System.nanoTime() - t;
            if (wanted("disk_after_fillrandom")) {
                out.printf(Locale.ROOT, "%-22s %10.1f MB on disk (MB = 2^20 bytes; raw data %.1f MB; flush + full compaction %.1f s)%n",
                        "disk_after_fillrandom", size(dir) / (double) (1 << 20),
                        num * (double) (KEY_SIZE + VALUE_SIZE) / (1 << 20),
                        compact / 1e9);
            }
            SplittableRandom ow = new SplittableRandom(2);
            t = System.nanoTime();
            for (int i = 0; i < num; i++) {
                db.put(key(ow.nextInt(num)), value(RANDOM));
            }
            if (wanted("overwrite")) {
                report("overwrite", num, System.nanoTime() - t, "");
                engineStats(db);
            }
            SplittableRandom rr = new SplittableRandom(3);
            long missing = 0;
            t = System.nanoTime();
            for (int i = 0; i < num; i++) {
                if (db.get(key(rr.nextInt(num))) == null) {
                    missing++;
                }
            }
            if (wanted("readrandom")) {
                report("readrandom", num, System.nanoTime() - t, missing == 0 ? "all found" : missing + " NOT FOUND");
                engineStats(db);
            }
            SplittableRandom rm = new SplittableRandom(4);
            long found = 0;
            t = System.nanoTime();
            for (int i = 0; i < num; i++) {
                byte[] k = key(rm.nextInt(num));
                byte[] absent = java.util.Arrays.copyOf(k, KEY_SIZE + 1);
                absent[KEY_SIZE] = '.';
                if (db.get(absent) != null) {
                    found++;
                }
            }
            if (wanted("readmissing")) {
                report("readmissing", num, System.nanoTime() - t, found == 0 ? "" : found + " unexpectedly found");
            }
            long seen = 0;
            t = System.nanoTime();
            try (LsmIterator it = db.iterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    seen++;
                }
            }
            if (wanted("readseq")) {
                report("readseq", seen, System.nanoTime() - t, "");
            }
            SplittableRandom sr = new SplittableRandom(5);
            t = System.nanoTime();
            try (LsmIterator it = db.iterator()) {
                for (int i = 0; i < num; i++) {
                    it.seek(key(sr.nextInt(num)));
                    for (int n = 0; n < 9 && it.isValid(); n++) {
                        it.next();
                    }
                }
            }
            if (wanted("seekrandom")) {
                report("seekrandom", num, System.nanoTime() - t, "seek + 9 next");
            }
            SplittableRandom dr = new SplittableRandom(6);
            t = System.nanoTime();
            for (int i = 0; i < num; i++) {
                db.delete(key(dr.nextInt(num)));
            }
            if (wanted("deleterandom")) {
                report("deleterandom", num, System.nanoTime() - t, "");
                engineStats(db);
            }
        }
        delete(dir);
        if (wanted("fillsync")) {
            try (LsmDb db = LsmDb.open(dir, options.withSync(true))) {
                SplittableRandom fr = new SplittableRandom(7);
                int n = Math.max(1, num / 100);
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    db.put(key(fr.nextInt(num)), value(RANDOM));
                }
                report("fillsync", n, System.nanoTime() - t, "fsync per write");
            }
            delete(dir);
        }
    }

    private static final SplittableRandom RANDOM = new SplittableRandom(99);

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int num = 1_000_000;
        Path root = Files.createTempDirectory("lsmdb-bench");
        Options options = Options.defaults();
        List<String> phases = null;
        boolean stats = false;
        int warmup = -1;
        double compressible = 0.5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--num" -> num = Integer.parseInt(args[++i]);
                case "--db" -> root = Path.of(args[++i]);
                case "--phases" -> phases = List.of(args[++i].split(","));
                case "--writeBufferSize" -> options = options.withWriteBufferSize(Long.parseLong(args[++i]));
                case "--bloomBitsPerKey" -> options = options.withBloomBitsPerKey(Integer.parseInt(args[++i]));
                case "--blockCacheSize" -> options = options.withBlockCacheSize(Long.parseLong(args[++i]));
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--stats" -> stats = true;
                case "--compression" -> options = options.withCompression(lsmdb.core.Compression.of(args[++i]));
                case "--compressible" -> compressible = Double.parseDouble(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (warmup < 0) {
            warmup = num / 20;
        }
        if (warmup > 0) {
            new DbBench(warmup, root, options, List.of(), false, new PrintStream(PrintStream.nullOutputStream()),
                    compressible).run();
        }
        System.out.printf("lsmdb db_bench: %d keys of %d bytes, values %d bytes compressible to %.2f, no sync except "
                + "fillsync, %s%n", num, KEY_SIZE, VALUE_SIZE, compressible, options.withSync(false));
        new DbBench(num, root, options, phases, stats, System.out, compressible).run();
    }

    static List<String> all() {
        return new ArrayList<>(List.of("fillseq", "fillrandom", "disk_after_fillrandom", "overwrite", "readrandom",
                "readmissing", "readseq", "seekrandom", "deleterandom", "fillsync"));
    }
}
