package lsmdb.cli.stress;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import lsmdb.cli.Main;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.WriteBatch;
import lsmdb.core.format.DbFiles;

/**
 * The corruption campaign: flips one random bit in a random file (table, log, MANIFEST, CURRENT) of a copy of a
 * database whose contents are known; opening and reading it must either fail naming the file or return exactly
 * the right data, and {@code lsmdb verify} must flag every flip in a table or a log.
 */
final class CorruptionCampaign {

    enum FileKind { TABLE, LOG, MANIFEST, CURRENT }

    /** Counts per file kind. */
    static final class Tally {
        int tried;
        int detected;
        int refusedUnnamed;
        int correct;
        int silentlyWrong;
        int knownLastRecord;
        int verifyFlagged;
        int verifyMissed;
        int verifyMissedLastRecord;
        int sqlXX001;

        @Override
        public String toString() {
            return tried + " tried: " + detected + " detected naming the file, " + refusedUnnamed
                    + " refused without naming it, " + correct + " read correctly, " + silentlyWrong
                    + " silently wrong" + (knownLastRecord > 0 ? " (+" + knownLastRecord
                    + " in the last record of the newest log, dropped as a torn tail with its bytes kept in lost/ and"
                    + " refused with paranoidChecks)" : "")
                    + "; " + sqlXX001 + " refused at open through the driver with XX001; verify flagged "
                    + verifyFlagged + ", missed " + verifyMissed
                    + (verifyMissedLastRecord > 0 ? " (+" + verifyMissedLastRecord + " newest-log last records "
                    + "reported as a torn tail)" : "");
        }
    }

    /** Totals over all trials. */
    static final class Result {
        final Map<FileKind, Tally> byKind = new EnumMap<>(FileKind.class);
        final List<String> violations = new ArrayList<>();

        boolean ok() {
            return violations.isEmpty();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            byKind.forEach((k, t) -> sb.append("\n  ").append(k).append(": ").append(t));
            return sb.append("\n  ").append(violations.size()).append(" violations").toString();
        }
    }

    private final Path dir;
    private final long seed;
    private final long durationMillis;
    private final PrintWriter out;

    CorruptionCampaign(Path dir, long seed, long durationMillis, PrintWriter out) {
        this.dir = dir;
        this.seed = seed;
        this.durationMillis = durationMillis;
        this.out = out;
    }

    Result run() throws IOException {
        Random rnd = new Random(seed);
        Path source = dir.resolve("corruption-source");
        Path copy = dir.resolve("corruption-copy");
        deleteTree(source);
        out.println("corruption campaign seed=" + seed + " dir=" + dir);
        TreeMap<String, String>[] states = build(source, rnd);
        TreeMap<String, String> expected = states[1];
        TreeMap<String, String> withoutLast = states[0];
        Result r = new Result();
        long deadline = System.currentTimeMillis() + durationMillis;
        int trial = 0;
        do {
            trial++;
            deleteTree(copy);
            copyTree(source, copy);
            FileKind kind = FileKind.values()[rnd.nextInt(FileKind.values().length)];
            List<Path> candidates = filesOf(copy, kind);
            if (candidates.isEmpty()) {
                continue;
            }
            Path file = candidates.get(rnd.nextInt(candidates.size()));
            long length = dataLength(file);
            if (length == 0) {
                continue;
            }
            long offset = (long) (rnd.nextDouble() * length);
            int bit = rnd.nextInt(8);
            // Read before anything opens the copy: recovery replaces the MANIFEST and the newest log.
            long lastStart = kind == FileKind.LOG || kind == FileKind.MANIFEST ? lastRecordStart(file) : -1;
            boolean newestLog = kind == FileKind.LOG && isNewestLog(copy, file.getFileName().toString());
            flip(file, offset, bit);
            String what = "trial " + trial + " (seed " + seed + "): bit " + bit + " at offset " + offset + " of "
                    + file.getFileName();
            Tally t = r.byKind.computeIfAbsent(kind, k -> new Tally());
            t.tried++;
            if (kind == FileKind.TABLE || kind == FileKind.LOG) {
                StringWriter sink = new StringWriter();
                int code = Main.run(new PrintWriter(sink), new PrintWriter(sink), "verify", copy.toString());
                if (code != 0) {
                    t.verifyFlagged++;
                } else if (newestLog && offset >= lastStart) {
                    // A damaged last record of the newest log looks like a torn write: verify reports a torn tail.
                    t.verifyMissedLastRecord++;
                } else {
                    t.verifyMissed++;
                    r.violations.add(what + ": lsmdb verify did not flag it");
                }
            }
            // Before any open that succeeds: that one drops the record and replaces the log.
            boolean lastOfNewestLog = newestLog && offset >= lastStart;
            if (lastOfNewestLog && !refusedWithParanoidChecks(copy)) {
                r.violations.add(what + ": a damaged last record of the newest log opened with paranoidChecks=true");
            }
            String name = file.getFileName().toString();
            if (refusedAtOpen(copy)) {
                // Damage found at open must reach SQL users as XX001 naming the file (a failed open changes nothing,
                // so the driver sees the same damaged copy).
                String state = sqlStateOfOpen(copy, name);
                if (state.equals("XX001")) {
                    t.sqlXX001++;
                } else {
                    r.violations.add(what + ": through the driver the open failed with " + state
                            + " instead of XX001 naming the file");
                }
            }
            try (LsmDb db = LsmDb.open(copy, Options.defaults())) {
                TreeMap<String, String> got = FaultCampaign.readAll(db);
                if (got.equals(expected)) {
                    t.correct++;
                } else if (lastOfNewestLog && got.equals(withoutLast)) {
                    // Cannot be told from a torn write (issue 14): dropped, but only with the evidence kept.
                    if (keptInLost(copy, name)) {
                        t.knownLastRecord++;
                    } else {
                        r.violations.add(what + ": the newest log's damaged last record was dropped without its bytes"
                                + " kept in lost/");
                    }
                } else {
                    t.silentlyWrong++;
                    r.violations.add(what + ": opened and read wrong data without an error");
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // An iterator reports what it finds corrupt unchecked; the cause names the file.
                Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
                if (String.valueOf(cause.getMessage()).contains(name)) {
                    t.detected++;
                } else {
                    t.refusedUnnamed++;
                    out.println("note: " + what + " was refused without naming the file: " + e);
                }
            } catch (RuntimeException e) {
                t.silentlyWrong++;
                r.violations.add(what + ": opening or reading threw " + e);
            }
        } while (System.currentTimeMillis() < deadline);
        deleteTree(copy);
        r.violations.forEach(v -> out.println("VIOLATION " + v));
        return r;
    }

    /** A failed open changes nothing, so this leaves the damaged copy as it was for the next check. */
    private static boolean refusedWithParanoidChecks(Path copy) {
        try (LsmDb db = LsmDb.open(copy, Options.defaults().withParanoidChecks(true))) {
            return false;
        } catch (lsmdb.core.CorruptionException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean keptInLost(Path copy, String logName) throws IOException {
        Path lost = copy.resolve("lost");
        if (!Files.isDirectory(lost)) {
            return false;
        }
        try (Stream<Path> s = Files.list(lost)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(logName + ".at-"));
        }
    }

    private static boolean refusedAtOpen(Path copy) {
        try (LsmDb db = LsmDb.open(copy, Options.defaults())) {
            return false;
        } catch (lsmdb.core.CorruptionException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The SQLState of opening {@code copy} through the driver ("XX001" only if the message names the file). */
    private static String sqlStateOfOpen(Path copy, String name) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:lsm:" + copy.toAbsolutePath()
                + "?create=false")) {
            return "no error";
        } catch (java.sql.SQLException e) {
            return "XX001".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains(name) ? "XX001"
                    : e.getSQLState() + " (" + e.getMessage() + ")";
        }
    }

    /**
     * Writes a database with several tables, range deletes and an unflushed log tail, and closes it. Returns the
     * contents before and after its last write.
     */
    @SuppressWarnings("unchecked")
    private static TreeMap<String, String>[] build(Path source, Random rnd) throws IOException {
        TreeMap<String, String> model = new TreeMap<>();
        TreeMap<String, String> before = model;
        Options options = Options.defaults().withWriteBufferSize(64 << 10).withTargetFileSize(64 << 10)
                .withMaxBytesForLevelBase(256 << 10).withSync(true);
        try (LsmDb db = LsmDb.open(source, options)) {
            int writes = 2500;
            for (int i = 0; i < writes; i++) {
                if (i == writes - 1) {
                    before = new TreeMap<>(model);
                }
                String k = String.format("k%05d", rnd.nextInt(2000));
                if (i % 97 == 0 && i < writes - 300) {
                    String to = String.format("k%05d", Integer.parseInt(k.substring(1)) + 20);
                    db.deleteRange(bytes(k), bytes(to));
                    model.subMap(k, to).clear();
                } else if (i % 13 == 0) {
                    db.delete(bytes(k));
                    model.remove(k);
                } else {
                    String v = "v" + i + "-" + "x".repeat(rnd.nextInt(150));
                    db.write(new WriteBatch().put(bytes(k), bytes(v)));
                    model.put(k, v);
                }
            }
        }
        return new TreeMap[] {before, model};
    }

    private static List<Path> filesOf(Path db, FileKind kind) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(db)) {
            for (Path p : s.sorted().toList()) {
                DbFiles.Parsed f = DbFiles.parse(p.getFileName().toString());
                if (f == null) {
                    continue;
                }
                boolean match = switch (kind) {
                    case TABLE -> f.kind() == DbFiles.Kind.TABLE;
                    case LOG -> f.kind() == DbFiles.Kind.LOG;
                    case MANIFEST -> f.kind() == DbFiles.Kind.MANIFEST;
                    case CURRENT -> f.kind() == DbFiles.Kind.CURRENT;
                };
                if (match) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static boolean isNewestLog(Path db, String name) throws IOException {
        List<Path> logs = filesOf(db, FileKind.LOG);
        return !logs.isEmpty() && logs.get(logs.size() - 1).getFileName().toString().equals(name);
    }

    /** Where the last logical record of a log-format file (a log or MANIFEST) starts: LevelDB's 32 KiB blocks. */
    static long lastRecordStart(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int block = 32 * 1024;
        long start = 0;
        int pos = 0;
        while (pos + 7 <= b.length) {
            int inBlock = pos % block;
            if (block - inBlock < 7) {
                pos += block - inBlock;
                continue;
            }
            int len = (b[pos + 4] & 0xff) | (b[pos + 5] & 0xff) << 8;
            int type = b[pos + 6];
            if (type == 0 && len == 0) {
                break; // the zeros after the records
            }
            if (type == 1 || type == 2) {
                start = pos;
            }
            pos += 7 + len;
        }
        return start;
    }

    /** The file's length without the zeros a preallocated log keeps after its records. */
    private static long dataLength(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return n;
    }

    private static void flip(Path file, long offset, int bit) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ (1 << bit));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().equals("LOCK")) {
                    Files.copy(p, to.resolve(p.getFileName()));
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
