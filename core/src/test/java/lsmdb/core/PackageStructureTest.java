package lsmdb.core;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages form layers, each importing only those beneath it (ARCHITECTURE.md, "core, one package per
 * idea"): a change low in the stack never needs a change above it to compile, and each package can be read and
 * tested with only its lower neighbours in mind.
 */
class PackageStructureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lsmdb.core");
    }

    @Test
    void subpackagesAreFreeOfCycles() {
        slices().matching("lsmdb.core.(*)..").should().beFreeOfCycles().check(core);
    }

    /**
     * The public value types are the vocabulary lower layers speak (as LevelDB's {@code table/} and {@code db/}
     * include {@code leveldb/options.h}, {@code status.h} and {@code write_batch.h}); everything else in the root
     * package (the face, {@link LsmDb}, and the parts that need the vocabulary's package-private side) is the top
     * layer, which nothing imports.
     */
    private static final DescribedPredicate<JavaClass> PUBLIC_VOCABULARY = DescribedPredicate.describe(
            "the public value types",
            c -> c.getBaseComponentType().getName().matches("lsmdb\\.core\\.(Options|Compression|CorruptionException"
                    + "|WriteBatch|LsmIterator|WriteConflictException|ReadOnlyException)(\\$.*)?"));

    private static final DescribedPredicate<JavaClass> DATABASE = DescribedPredicate.describe(
            "the root package apart from its vocabulary",
            c -> c.getBaseComponentType().getPackageName().equals("lsmdb.core") && !PUBLIC_VOCABULARY.test(c));

    @Test
    void packagesImportDownwardOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("format").definedBy("lsmdb.core.format..", "lsmdb.core.util..")
                .layer("io").definedBy("lsmdb.core.io..")
                .layer("vocabulary").definedBy(PUBLIC_VOCABULARY)
                .layer("wal").definedBy("lsmdb.core.wal..")
                .layer("memtable").definedBy("lsmdb.core.memtable..")
                .layer("sstable").definedBy("lsmdb.core.sstable..")
                .layer("cache").definedBy("lsmdb.core.cache..")
                .layer("version").definedBy("lsmdb.core.version..")
                .layer("iterator").definedBy("lsmdb.core.iterator..")
                .layer("compaction").definedBy("lsmdb.core.compaction..")
                .layer("db").definedBy("lsmdb.core.db..")
                .layer("database").definedBy(DATABASE)
                .whereLayer("format").mayNotAccessAnyLayer()
                .whereLayer("io").mayNotAccessAnyLayer()
                .whereLayer("vocabulary").mayOnlyAccessLayers("format", "io")
                .whereLayer("wal").mayOnlyAccessLayers("format", "io", "vocabulary")
                .whereLayer("memtable").mayOnlyAccessLayers("format")
                .whereLayer("sstable").mayOnlyAccessLayers("format", "io", "vocabulary")
                .whereLayer("cache").mayOnlyAccessLayers("format", "io", "vocabulary", "sstable")
                .whereLayer("version").mayOnlyAccessLayers("format", "io", "vocabulary", "wal", "sstable", "cache")
                .whereLayer("iterator").mayOnlyAccessLayers("format")
                .whereLayer("compaction").mayOnlyAccessLayers("format", "io", "vocabulary", "memtable", "sstable",
                        "cache", "version", "iterator")
                .whereLayer("db").mayOnlyAccessLayers("format", "io", "vocabulary", "memtable", "sstable", "cache",
                        "version", "iterator", "compaction", "wal")
                .whereLayer("database").mayNotBeAccessedByAnyLayer()
                .check(core);
    }
}
