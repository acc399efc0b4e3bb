package lsmdb.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import lsmdb.core.Compression;
import lsmdb.core.Options;

/**
 * The engine options a client of the SQL layer (the JDBC driver's URL) may set, so that it needs no engine types.
 * Immutable; every {@code with} returns a copy. A value beyond an option's bounds is an IllegalArgumentException
 * naming the option and the bounds.
 */
public final class DatabaseOptions {

    private final Options engine;

    private DatabaseOptions(Options engine) {
        this.engine = engine;
    }

    public static DatabaseOptions defaults() {
        // Each table's rows and each index's entries ({@code KeySpace}: 0x01 | id) flush to tables of their own, so
        // rows appended in key order beside an index written at random skip compaction.
        return new DatabaseOptions(Options.defaults().withPartitionPrefixLength(5));
    }

    public DatabaseOptions withSync(boolean v) {
        return new DatabaseOptions(engine.withSync(v));
    }

    public DatabaseOptions withCreateIfMissing(boolean v) {
        return new DatabaseOptions(engine.withCreateIfMissing(v));
    }

    public DatabaseOptions withReadOnly(boolean v) {
        return new DatabaseOptions(engine.withReadOnly(v));
    }

    public DatabaseOptions withParanoidChecks(boolean v) {
        return new DatabaseOptions(engine.withParanoidChecks(v));
    }

    public DatabaseOptions withWriteBufferSize(long bytes) {
        return new DatabaseOptions(engine.withWriteBufferSize(bytes));
    }

    public DatabaseOptions withBlockSize(int bytes) {
        return new DatabaseOptions(engine.withBlockSize(bytes));
    }

    public DatabaseOptions withBloomBitsPerKey(int bits) {
        return new DatabaseOptions(engine.withBloomBitsPerKey(bits));
    }

    public DatabaseOptions withBlockCacheSize(long bytes) {
        return new DatabaseOptions(engine.withBlockCacheSize(bytes));
    }

    public DatabaseOptions withMmapReads(boolean v) {
        return new DatabaseOptions(engine.withMmapReads(v));
    }

    /** {@code none}, {@code lz4} or {@code zstd}, any case; IllegalArgumentException naming the value otherwise. */
    public DatabaseOptions withCompression(String codec) {
        return new DatabaseOptions(engine.withCompression(Compression.of(codec)));
    }

    /** The options of an open engine, as a client of the SQL layer sees them. */
    public static DatabaseOptions of(Options engine) {
        return new DatabaseOptions(engine);
    }

    /** Engine-wide options by URL name (lower case): the spelling users know, and the value; one per engine. */
    private static final Map<String, Map.Entry<String, Function<Options, Object>>> ENGINE_WIDE = engineWide();

    private static Map<String, Map.Entry<String, Function<Options, Object>>> engineWide() {
        Map<String, Map.Entry<String, Function<Options, Object>>> m = new LinkedHashMap<>();
        m.put("writebuffersize", Map.entry("writeBufferSize", Options::writeBufferSize));
        m.put("blocksize", Map.entry("blockSize", Options::blockSize));
        m.put("bloombitsperkey", Map.entry("bloomBitsPerKey", Options::bloomBitsPerKey));
        m.put("blockcachesize", Map.entry("blockCacheSize", Options::blockCacheSize));
        m.put("mmapreads", Map.entry("mmapReads", Options::mmapReads));
        m.put("compression", Map.entry("compression", Options::compression));
        m.put("paranoidchecks", Map.entry("paranoidChecks", Options::paranoidChecks));
        return m;
    }

    /**
     * Each engine-wide option among {@code named} (URL names, lower case) whose value here is not {@code open}'s,
     * as {@code name=value (open with value)}: what a connection to an already open engine asked for in vain.
     */
    public List<String> engineWideDifferences(DatabaseOptions open, Set<String> named) {
        List<String> out = new ArrayList<>();
        ENGINE_WIDE.forEach((key, option) -> {
            Object want = option.getValue().apply(engine);
            Object have = option.getValue().apply(open.engine);
            if (named.contains(key) && !want.equals(have)) {
                out.add(option.getKey() + "=" + want + " (open with " + have + ")");
            }
        });
        return out;
    }

    public boolean sync() {
        return engine.sync();
    }

    public boolean readOnly() {
        return engine.readOnly();
    }

    public boolean createIfMissing() {
        return engine.createIfMissing();
    }

    /** The engine's options, for code that opens the engine itself (the replication module) and for tests. */
    public Options engineOptions() {
        return engine;
    }

    @Override
    public String toString() {
        return engine.toString();
    }
}
