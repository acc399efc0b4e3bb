package lsmdb.sql;

import java.util.ArrayList;
import java.util.List;
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

    /** An option every connection to one engine shares: its URL name (lower case), its spelling, its value. */
    private record EngineWide(String key, String name, Function<Options, Object> value) {
    }

    private static final List<EngineWide> ENGINE_WIDE = List.of(
            new EngineWide("writebuffersize", "writeBufferSize", Options::writeBufferSize),
            new EngineWide("blocksize", "blockSize", Options::blockSize),
            new EngineWide("bloombitsperkey", "bloomBitsPerKey", Options::bloomBitsPerKey),
            new EngineWide("blockcachesize", "blockCacheSize", Options::blockCacheSize),
            new EngineWide("mmapreads", "mmapReads", Options::mmapReads),
            new EngineWide("compression", "compression", Options::compression),
            new EngineWide("paranoidchecks", "paranoidChecks", Options::paranoidChecks));

    /**
     * Each engine-wide option among {@code named} (URL names, lower case) whose value here is not {@code open}'s,
     * as {@code name=value (open with value)}: what a connection to an already open engine asked for in vain.
     */
    public List<String> engineWideDifferences(DatabaseOptions open, Set<String> named) {
        List<String> out = new ArrayList<>();
        for (EngineWide o : ENGINE_WIDE) {
            Object want = o.value().apply(engine);
            Object have = o.value().apply(open.engine);
            if (named.contains(o.key()) && !want.equals(have)) {
                out.add(o.name() + "=" + want + " (open with " + have + ")");
            }
        }
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
