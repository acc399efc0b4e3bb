package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every size option has an upper bound: absurd values are refused at once, naming the option. */
class OptionsTest {

    private record Bound(String name, Function<Long, Options> set, long max) {
    }

    private static final List<Bound> BOUNDS = List.of(
            new Bound("writeBufferSize", v -> Options.defaults().withWriteBufferSize(v), 1L << 30),
            new Bound("blockSize", v -> Options.defaults().withBlockSize(Math.toIntExact(v)), 16L << 20),
            new Bound("blockRestartInterval", v -> Options.defaults().withBlockRestartInterval(Math.toIntExact(v)), 1 << 16),
            new Bound("bloomBitsPerKey", v -> Options.defaults().withBloomBitsPerKey(Math.toIntExact(v)), 64),
            new Bound("blockCacheSize", v -> Options.defaults().withBlockCacheSize(v), 1L << 40),
            new Bound("maxOpenFiles", v -> Options.defaults().withMaxOpenFiles(Math.toIntExact(v)), 1_000_000),
            new Bound("l0CompactionTrigger", v -> Options.defaults().withL0CompactionTrigger(Math.toIntExact(v)), 10_000),
            new Bound("l0SlowdownTrigger", v -> Options.defaults().withL0SlowdownTrigger(Math.toIntExact(v)), 10_000),
            new Bound("l0StopTrigger", v -> Options.defaults().withL0StopTrigger(Math.toIntExact(v)), 10_000),
            new Bound("maxBytesForLevelBase", v -> Options.defaults().withMaxBytesForLevelBase(v), 1L << 40),
            new Bound("levelSizeMultiplier", v -> Options.defaults().withLevelSizeMultiplier(Math.toIntExact(v)), 1000),
            new Bound("targetFileSize", v -> Options.defaults().withTargetFileSize(v), 1L << 30));

    @Test
    void everySizeOptionAcceptsItsBoundAndRefusesOneMoreNamingIt() {
        for (Bound b : BOUNDS) {
            b.set().apply(b.max()); // the bound itself is fine
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.set().apply(b.max() + 1),
                    b.name());
            assertTrue(e.getMessage().startsWith(b.name() + " "), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> b.set().apply(-1L), b.name());
        }
    }

    @Test
    void aTypoSizedWriteBufferIsRefusedBeforeAnythingIsWritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.defaults().withWriteBufferSize(99999L << 30));
        assertTrue(e.getMessage().contains("writeBufferSize") && e.getMessage().contains("1GB"), e.getMessage());
    }

    @Test
    void paranoidChecksIsOffByDefault() {
        assertEquals(false, Options.defaults().paranoidChecks());
        assertEquals(true, Options.defaults().withParanoidChecks(true).paranoidChecks());
    }
}
