package lsmdb.cli.stress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Options;
import lsmdb.core.WriteBatch;
import lsmdb.core.io.FaultInjectingFileSystem;
import lsmdb.core.io.RealFileSystem;

/**
 * The fault campaign (after SQLite's I/O-error tests), in-process through the engine's fault-injecting file layer:
 * each round writes a random history, injects one fault of a random kind at a random point, checks the database
 * then either keeps working or refuses writes while reads go on, optionally drops unsynced data (a power loss),
 * reopens and checks it holds exactly the acknowledged history (a prefix of it after a power loss without sync).
 */
final class FaultCampaign {

    public enum Kind { WRITE, FSYNC, RENAME, DIRECTORY_SYNC, DISK_FULL, POWER_LOSS }

    /** Totals over all rounds. */
    static final class Result {
        int rounds;
        final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
        int refusedWrites;
        int keptWorking;
        int neverHit;
        int powerLosses;
        long acknowledged;
        long readsDuringRefusal;
        final List<String> violations = new ArrayList<>();

        boolean ok() {
            return violations.isEmpty();
        }

        @Override
        public String toString() {
            return rounds + " rounds, faults injected " + injected + " (" + neverHit + " armed but never hit), then "
                    + refusedWrites + " refused writes, " + keptWorking + " kept working, " + readsDuringRefusal
                    + " correct reads while refusing; " + powerLosses + " power losses; " + acknowledged
                    + " acknowledged writes verified after reopening; " + violations.size() + " violations";
        }
    }

    /** One write of the history: a batch of puts, a delete or a range delete. */
    private record Op(int kind, String[] keys, String value, String from, String to) {
        void apply(TreeMap<String, String> m) {
            switch (kind) {
                case 0 -> {
                    for (String k : keys) {
                        m.put(k, value);
                    }
                }
                case 1 -> m.remove(keys[0]);
                default -> m.subMap(from, to).clear();
            }
        }

        /** The keys this op may change in {@code m} (before it is applied). */
        Set<String> touched(TreeMap<String, String> m) {
            return kind == 2 ? new HashSet<>(m.subMap(from, to).keySet()) : new HashSet<>(List.of(keys));
        }
    }

    private static final int KEYS = 3000;

    private final Path dir;
    private final long seed;
    private final long durationMillis;
    private final boolean sync;
    private final PrintWriter out;
    private final List<Kind> kinds;

    FaultCampaign(Path dir, long seed, long durationMillis, boolean sync, List<Kind> kinds, PrintWriter out) {
        this.kinds = kinds;
        this.dir = dir;
        this.seed = seed;
        this.durationMillis = durationMillis;
        this.sync = sync;
        this.out = out;
    }

    Result run() throws IOException {
        Path db = dir.resolve("faults-db");
        Files.createDirectories(dir);
        FaultInjectingFileSystem faults = new FaultInjectingFileSystem(RealFileSystem.INSTANCE);
        DirectorySyncFaults fs = new DirectorySyncFaults(faults);
        Options options = Options.defaults().withFileSystem(fs).withSync(sync).withWriteBufferSize(64 << 10)
                .withTargetFileSize(64 << 10).withMaxBytesForLevelBase(256 << 10);
        Result r = new Result();
        Random rnd = new Random(seed);
        TreeMap<String, String> base = new TreeMap<>();
        long deadline = System.currentTimeMillis() + durationMillis;
        out.println("fault campaign seed=" + seed + " sync=" + sync + " dir=" + db);
        do {
            r.rounds++;
            Kind kind = kinds.get(rnd.nextInt(kinds.size()));
            String where = "round " + r.rounds + " (seed " + seed + ", " + kind + ")";
            List<Op> acked = new ArrayList<>();
            Op inDoubt = null;
            int inDoubtAt = -1;
            boolean hit = false;
            String failure = null;
            boolean powerLoss = false;
            LsmDb d = LsmDb.open(db, options);
            try {
                int before = 20 + rnd.nextInt(600);
                int after = 300;
                for (int i = 0; i < before + after; i++) {
                    if (i == before) {
                        arm(kind, faults, fs, rnd);
                        r.injected.merge(kind, 1, Integer::sum);
                        if (kind == Kind.POWER_LOSS) {
                            hit = true;
                            break;
                        }
                    }
                    Op op = randomOp(rnd, r.rounds, i);
                    boolean done = false;
                    try {
                        apply(d, op);
                        acked.add(op);
                        done = true;
                        if (i >= before && rnd.nextInt(25) == 0) {
                            d.flush(); // renames and directory syncs happen at flushes
                        }
                    } catch (IOException e) {
                        failure = e.getMessage();
                        if (i < before) {
                            throw new IOException(where + ": a write failed before any fault was injected", e);
                        }
                        hit = true;
                        // A flush that failed came after an acknowledged op: nothing is in doubt then.
                        if (!done) {
                            inDoubt = op;
                            inDoubtAt = acked.size();
                        }
                        break;
                    }
                }
                if (!hit) {
                    r.neverHit++;
                } else if (kind != Kind.POWER_LOSS) {
                    afterFailure(d, base, acked, inDoubt, inDoubtAt, rnd, r, where);
                }
                powerLoss = kind == Kind.POWER_LOSS || rnd.nextInt(3) == 0;
                if (powerLoss) {
                    // The power goes: the process does no more I/O of any kind (its background threads are stopped
                    // by a close whose every write, sync, rename and delete fails), then unsynced data is dropped.
                    faults.failWritesAfter(0);
                    faults.failSyncsAfter(0);
                    faults.setFailDeletes(true);
                    faults.setFailRenames(true);
                    fs.failAfter(0);
                    closeQuietly(d);
                    faults.dropUnsyncedData();
                    r.powerLosses++;
                }
            } finally {
                closeQuietly(d);
            }
            faults.reset();
            fs.reset();
            TreeMap<String, String> observed;
            try (LsmDb reopened = LsmDb.open(db, options)) {
                observed = readAll(reopened);
                if (!sync) {
                    // Without sync, what this reopen recovered may still be only in the OS (a close that failed
                    // synced nothing); the next round's power loss could take it, so make it durable first.
                    reopened.flush();
                }
            } catch (IOException e) {
                r.violations.add(where + ": the database does not reopen after the fault: " + e);
                break;
            }
            List<Op> history = new ArrayList<>(acked);
            if (inDoubt != null) {
                history.add(inDoubtAt, inDoubt);
            }
            boolean prefixOnly = powerLoss && !sync;
            String problem = prefixOnly ? checkPrefix(base, history, observed)
                    : checkAcknowledged(base, acked, inDoubt, inDoubtAt, observed);
            if (problem != null) {
                r.violations.add(where + (powerLoss ? " with power loss" : "") + ", " + acked.size()
                        + " writes acknowledged, the next failing with \"" + failure + "\": " + problem);
                break;
            }
            r.acknowledged += acked.size();
            base = observed;
            if (r.rounds % 25 == 0) {
                out.println("round " + r.rounds + ": " + r);
                out.flush();
            }
        } while (System.currentTimeMillis() < deadline);
        r.violations.forEach(v -> out.println("VIOLATION " + v));
        return r;
    }

    private static void arm(Kind kind, FaultInjectingFileSystem faults, DirectorySyncFaults fs, Random rnd) {
        switch (kind) {
            case WRITE -> faults.failWritesAfter(rnd.nextInt(30));
            case FSYNC -> faults.failSyncsAfter(rnd.nextInt(4));
            case RENAME -> faults.setFailRenames(true);
            case DIRECTORY_SYNC -> fs.failAfter(rnd.nextInt(3));
            case DISK_FULL -> faults.setDiskFull(true);
            case POWER_LOSS -> { }
        }
    }

    /** After a failed write: further writes are refused or work; reads of acknowledged data go on either way. */
    private void afterFailure(LsmDb d, TreeMap<String, String> base, List<Op> acked, Op inDoubt, int inDoubtAt,
            Random rnd, Result r, String where) {
        TreeMap<String, String> expected = new TreeMap<>(base);
        acked.forEach(op -> op.apply(expected));
        Set<String> doubtful = inDoubt == null ? Set.of() : inDoubt.touched(expected);
        if (inDoubt != null && inDoubt.kind() == 0) {
            doubtful = new HashSet<>(List.of(inDoubt.keys()));
        }
        try {
            d.put(bytes("probe"), bytes("x"));
            r.keptWorking++;
            d.delete(bytes("probe"));
        } catch (IOException e) {
            r.refusedWrites++;
        }
        List<String> keys = new ArrayList<>(expected.keySet());
        for (int i = 0; i < 50 && !keys.isEmpty(); i++) {
            String k = keys.get(rnd.nextInt(keys.size()));
            if (doubtful.contains(k)) {
                continue;
            }
            try {
                byte[] v = d.get(bytes(k));
                if (v == null || !new String(v, java.nio.charset.StandardCharsets.UTF_8).equals(expected.get(k))) {
                    r.violations.add(where + ": after the failure " + k + " reads " + (v == null ? "nothing"
                            : new String(v, java.nio.charset.StandardCharsets.UTF_8)) + ", acknowledged "
                            + expected.get(k));
                    return;
                }
                r.readsDuringRefusal++;
            } catch (IOException e) {
                r.violations.add(where + ": a read failed after the write failure: " + e);
                return;
            }
        }
    }

    /** The reopened database holds the acknowledged history, with the op in doubt either wholly there or not. */
    private static String checkAcknowledged(TreeMap<String, String> base, List<Op> acked, Op inDoubt, int at,
            TreeMap<String, String> observed) {
        TreeMap<String, String> without = new TreeMap<>(base);
        acked.forEach(op -> op.apply(without));
        if (without.equals(observed)) {
            return null;
        }
        if (inDoubt != null) {
            TreeMap<String, String> with = new TreeMap<>(base);
            List<Op> h = new ArrayList<>(acked);
            h.add(at, inDoubt);
            h.forEach(op -> op.apply(with));
            if (with.equals(observed)) {
                return null;
            }
        }
        return "after reopening the database differs from the " + acked.size() + " acknowledged writes"
                + (inDoubt != null ? " (with or without the one in doubt)" : "") + ": " + firstDifference(without,
                observed);
    }

    /** After a power loss without sync: the database holds the state after some prefix of the history. */
    private static String checkPrefix(TreeMap<String, String> base, List<Op> history, TreeMap<String, String> observed) {
        TreeMap<String, String> cur = new TreeMap<>(base);
        Set<String> keys = new HashSet<>(cur.keySet());
        keys.addAll(observed.keySet());
        int mismatches = 0;
        for (String k : keys) {
            if (!Objects.equals(cur.get(k), observed.get(k))) {
                mismatches++;
            }
        }
        int best = mismatches;
        TreeMap<String, String> closest = new TreeMap<>(cur);
        int bestAt = 0;
        for (Op op : history) {
            if (mismatches == 0) {
                return null;
            }
            Set<String> touched = op.touched(cur);
            for (String k : touched) {
                mismatches -= Objects.equals(cur.get(k), observed.get(k)) ? 0 : 1;
            }
            op.apply(cur);
            for (String k : touched) {
                mismatches += Objects.equals(cur.get(k), observed.get(k)) ? 0 : 1;
            }
            if (mismatches < best) {
                best = mismatches;
                bestAt = history.indexOf(op) + 1;
                closest = new TreeMap<>(cur);
            }
        }
        if (mismatches == 0) {
            return null;
        }
        String diff = firstDifference(closest, observed);
        String key = diff.substring(0, diff.indexOf(' '));
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < history.size(); i++) {
            Op op = history.get(i);
            boolean touches = op.kind() == 2 ? key.compareTo(op.from()) >= 0 && key.compareTo(op.to()) < 0
                    : List.of(op.keys()).contains(key);
            if (touches) {
                ops.append(" #").append(i).append(op.kind() == 0 ? " put" : op.kind() == 1 ? " delete"
                        : " deleteRange [" + op.from() + ", " + op.to() + ")");
            }
        }
        return "after the power loss the database is no prefix of the " + history.size() + " writes (" + best
                + " keys differ from the closest, prefix " + bestAt + ", e.g. " + diff + "; writes of " + key + ":"
                + ops + ")";
    }

    private static String firstDifference(TreeMap<String, String> want, TreeMap<String, String> got) {
        Set<String> keys = new java.util.TreeSet<>(want.keySet());
        keys.addAll(got.keySet());
        for (String k : keys) {
            if (!Objects.equals(want.get(k), got.get(k))) {
                return k + " is " + got.get(k) + ", acknowledged " + want.get(k);
            }
        }
        return "none";
    }

    private static Op randomOp(Random rnd, int round, int i) {
        int p = rnd.nextInt(20);
        if (p < 16) {
            String[] keys = new String[1 + rnd.nextInt(3)];
            for (int j = 0; j < keys.length; j++) {
                keys[j] = key(rnd.nextInt(KEYS));
            }
            return new Op(0, keys, "r" + round + "-w" + i + "-" + "v".repeat(rnd.nextInt(200)), null, null);
        }
        if (p < 19) {
            return new Op(1, new String[] {key(rnd.nextInt(KEYS))}, null, null, null);
        }
        int from = rnd.nextInt(KEYS);
        return new Op(2, null, null, key(from), key(from + 1 + rnd.nextInt(30)));
    }

    private static void apply(LsmDb d, Op op) throws IOException {
        switch (op.kind()) {
            case 0 -> {
                WriteBatch b = new WriteBatch();
                for (String k : op.keys()) {
                    b.put(bytes(k), bytes(op.value()));
                }
                d.write(b);
            }
            case 1 -> d.delete(bytes(op.keys()[0]));
            default -> d.deleteRange(bytes(op.from()), bytes(op.to()));
        }
    }

    static TreeMap<String, String> readAll(LsmDb d) throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        try (LsmIterator it = d.iterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                m.put(new String(it.key(), java.nio.charset.StandardCharsets.UTF_8),
                        new String(it.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void closeQuietly(LsmDb d) {
        try {
            d.close();
        } catch (IOException | RuntimeException e) {
            // closing a database that refuses writes may fail; the reopen is what is checked
        }
    }

    private static String key(int i) {
        return String.format("k%05d", i);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
