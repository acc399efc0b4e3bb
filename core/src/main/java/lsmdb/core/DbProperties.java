package lsmdb.core;

import java.util.List;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.db.DbStats;
import lsmdb.core.format.DbFiles;
import lsmdb.core.version.Version;

/** The names {@link LsmDb#property(String)} answers, and how. */
final class DbProperties {

    private static final String PREFIX = "lsmdb.";
    static final List<String> NAMES = List.of(
            "lsmdb.stats", "lsmdb.property-names",
            "lsmdb.num-files-at-level<N>", "lsmdb.bytes-at-level<N>", "lsmdb.score-at-level<N>",
            "lsmdb.total-table-bytes", "lsmdb.memtable-bytes", "lsmdb.wal-bytes", "lsmdb.preallocated-log", "lsmdb.last-sequence",
            "lsmdb.flush-count", "lsmdb.flush-bytes", "lsmdb.compaction-count", "lsmdb.trivial-moves", "lsmdb.idle-compactions", "lsmdb.idle-flushes",
            "lsmdb.compaction-bytes-read", "lsmdb.compaction-bytes-written", "lsmdb.write-amplification",
            "lsmdb.stall-slowdowns", "lsmdb.stall-stops", "lsmdb.stall-micros",
            "lsmdb.wal-syncs", "lsmdb.write-groups", "lsmdb.write-batches",
            "lsmdb.block-cache-hits", "lsmdb.block-cache-misses", "lsmdb.block-cache-hit-ratio",
            "lsmdb.block-cache-usage", "lsmdb.live-snapshots", "lsmdb.range-tombstones",
            "lsmdb.recovery-dropped-tails", "lsmdb.recovery-dropped-bytes", "lsmdb.live-tables",
            "lsmdb.open-tables", "lsmdb.table-opens-ahead", "lsmdb.table-opens-on-read");

    private DbProperties() {
    }

    static String get(String name, DbImpl db) {
        if (!name.startsWith(PREFIX)) {
            return null;
        }
        Version v = db.currentVersion();
        DbStats s = db.stats();
        BlockCache cache = db.blockCache();
        String rest = name.substring(PREFIX.length());
        Integer level = levelSuffix(rest);
        if (level != null) {
            if (rest.startsWith("num-files-at-level")) {
                return Integer.toString(v.numFiles(level));
            }
            if (rest.startsWith("bytes-at-level")) {
                return Long.toString(v.levelBytes(level));
            }
            if (rest.startsWith("score-at-level")) {
                return String.format("%.2f", db.picker().score(v, level));
            }
            return null;
        }
        return switch (rest) {
            case "stats" -> stats(db, v, s, cache);
            case "property-names" -> String.join("\n", NAMES);
            case "total-table-bytes" -> Long.toString(totalBytes(v));
            case "memtable-bytes" -> Long.toString(db.memTableBytes());
            case "wal-bytes" -> Long.toString(db.walBytes());
            case "preallocated-log" -> db.spareLogName();
            case "last-sequence" -> Long.toString(db.lastSequence());
            case "flush-count" -> s.flushCount.toString();
            case "flush-bytes" -> s.flushBytes.toString();
            case "compaction-count" -> s.compactionCount.toString();
            case "trivial-moves" -> s.trivialMoves.toString();
            case "idle-compactions" -> s.idleCompactions.toString();
            case "idle-flushes" -> s.idleFlushes.toString();
            case "compaction-bytes-read" -> s.compactionBytesRead.toString();
            case "compaction-bytes-written" -> s.compactionBytesWritten.toString();
            case "write-amplification" -> String.format("%.2f", s.writeAmplification());
            case "stall-slowdowns" -> s.slowdowns.toString();
            case "stall-stops" -> s.stops.toString();
            case "stall-micros" -> s.stallMicros.toString();
            case "wal-syncs" -> s.walSyncs.toString();
            case "write-groups" -> s.writeGroups.toString();
            case "write-batches" -> s.writeBatches.toString();
            case "block-cache-hits" -> Long.toString(cache.hits());
            case "block-cache-misses" -> Long.toString(cache.misses());
            case "block-cache-hit-ratio" -> String.format("%.4f", hitRatio(cache));
            case "block-cache-usage" -> Long.toString(cache.usage());
            case "live-snapshots" -> Integer.toString(db.liveSnapshots());
            case "range-tombstones" -> Integer.toString(v.tombstones().size());
            case "recovery-dropped-tails" -> s.droppedLogTails.toString();
            case "recovery-dropped-bytes" -> s.droppedLogBytes.toString();
            case "live-tables" -> liveTables(v);
            case "open-tables" -> Integer.toString(db.tableCache().openTables());
            case "table-opens-ahead" -> Long.toString(db.tableCache().opensAhead());
            case "table-opens-on-read" -> Long.toString(db.tableCache().opensOnRead());
            case "table-bytes-prefaulted" -> Long.toString(db.tableCache().bytesPrefaulted());
            default -> null;
        };
    }

    private static Integer levelSuffix(String rest) {
        for (String p : new String[] {"num-files-at-level", "bytes-at-level", "score-at-level"}) {
            if (rest.startsWith(p)) {
                String digits = rest.substring(p.length());
                if (digits.length() == 1 && Character.isDigit(digits.charAt(0))) {
                    int l = digits.charAt(0) - '0';
                    return l < Version.NUM_LEVELS ? l : null;
                }
            }
        }
        return null;
    }

    /** The file names of the tables the current version reads, space-separated ({@code lsmdb verify} checks these). */
    private static String liveTables(Version v) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < Version.NUM_LEVELS; l++) {
            for (lsmdb.core.version.FileMetaData f : v.files(l)) {
                sb.append(sb.length() == 0 ? "" : " ").append(lsmdb.core.format.DbFiles.tableName(f.number()));
            }
        }
        return sb.toString();
    }

    private static long totalBytes(Version v) {
        long n = 0;
        for (int l = 0; l < Version.NUM_LEVELS; l++) {
            n += v.levelBytes(l);
        }
        return n;
    }

    private static double hitRatio(BlockCache c) {
        long total = c.hits() + c.misses();
        return total == 0 ? 0 : c.hits() / (double) total;
    }

    private static String stats(DbImpl db, Version v, DbStats s, BlockCache cache) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-6s %6s %12s %7s%n", "level", "files", "bytes", "score"));
        for (int l = 0; l < Version.NUM_LEVELS; l++) {
            sb.append(String.format("L%-5d %6d %12d %7.2f%n", l, v.numFiles(l), v.levelBytes(l), db.picker().score(v, l)));
        }
        sb.append(String.format("memtable bytes %d, wal bytes %d, last sequence %d%n",
                db.memTableBytes(), db.walBytes(), db.lastSequence()));
        sb.append(String.format("flushes %d (%d bytes), compactions %d (+%d trivial moves), read %d, written %d, "
                        + "write amplification %.2f%n", s.flushCount.get(), s.flushBytes.get(), s.compactionCount.get(),
                s.trivialMoves.get(), s.compactionBytesRead.get(), s.compactionBytesWritten.get(), s.writeAmplification()));
        sb.append(String.format("stalls: %d slowdowns, %d stops, %d us; write groups %d for %d batches, wal syncs %d%n",
                s.slowdowns.get(), s.stops.get(), s.stallMicros.get(), s.writeGroups.get(), s.writeBatches.get(),
                s.walSyncs.get()));
        sb.append(String.format("block cache: %d hits, %d misses, hit ratio %.4f, usage %d of %d bytes%s%n",
                cache.hits(), cache.misses(), hitRatio(cache), cache.usage(), cache.capacity(),
                db.options().mmapReads() ? " (tables on disk are memory-mapped and bypass it)" : ""));
        sb.append(String.format("table cache: %d tables open; opened ahead by their writers %d, on a read %d%n",
                db.tableCache().openTables(), db.tableCache().opensAhead(), db.tableCache().opensOnRead()));
        sb.append(String.format("live snapshots %d, range tombstones %d%n", db.liveSnapshots(), v.tombstones().size()));
        sb.append(String.format("recovery dropped %d damaged log tails (%d bytes, kept under lost/)%n",
                s.droppedLogTails.get(), s.droppedLogBytes.get()));
        return sb.toString();
    }
}
