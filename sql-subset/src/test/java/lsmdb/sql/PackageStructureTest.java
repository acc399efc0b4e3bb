package lsmdb.sql;

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
 * The SQL layer's packages form layers, each importing only those beneath it: the pipeline parse → bind → plan →
 * exec runs downward (the binder hands bound statements to the planner, the planner builds exec's operators), so
 * an operator never reaches back into planning, and nothing below {@code session} knows about statements or
 * transactions.
 *
 * <p>{@code codec} sits on {@code catalog}: it encodes the rows and keys of the catalog's tables and indexes. The
 * catalog stores an ALTERed table's values as one-column rows through an interface of its own
 * ({@code ColumnValueFormat}), which codec implements and the session hands it.
 */
class PackageStructureTest {

    private static JavaClasses sql;

    @BeforeAll
    static void importSql() {
        sql = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lsmdb.sql");
    }

    /**
     * The root package's face, {@link SqlDatabase}: an interface whose static methods open a database (session's
     * {@code Database} implements it); everything else there is vocabulary.
     */
    private static final DescribedPredicate<JavaClass> ENTRY = DescribedPredicate.describe(
            "the entry point", c -> c.getBaseComponentType().getName().equals("lsmdb.sql.SqlDatabase"));

    private static final DescribedPredicate<JavaClass> VOCABULARY = DescribedPredicate.describe(
            "the root package's types (columns, errors, the Session and Result interfaces)",
            c -> c.getBaseComponentType().getPackageName().equals("lsmdb.sql") && !ENTRY.test(c));

    @Test
    void packagesImportDownwardOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("vocabulary").definedBy(VOCABULARY)
                .layer("types").definedBy("lsmdb.sql.types..")
                .layer("expr").definedBy("lsmdb.sql.expr..")
                .layer("parse").definedBy("lsmdb.sql.parse..")
                .layer("catalog").definedBy("lsmdb.sql.catalog..")
                .layer("codec").definedBy("lsmdb.sql.codec..")
                .layer("exec").definedBy("lsmdb.sql.exec..")
                .layer("plan").definedBy("lsmdb.sql.plan..")
                .layer("bind").definedBy("lsmdb.sql.bind..")
                .layer("indexbuild").definedBy("lsmdb.sql.indexbuild..")
                .layer("session").definedBy("lsmdb.sql.session..")
                .layer("entry").definedBy(ENTRY)
                .whereLayer("vocabulary").mayNotAccessAnyLayer()
                .whereLayer("types").mayOnlyAccessLayers("vocabulary")
                .whereLayer("expr").mayOnlyAccessLayers("vocabulary", "types")
                .whereLayer("parse").mayOnlyAccessLayers("vocabulary", "types")
                .whereLayer("catalog").mayOnlyAccessLayers("vocabulary", "types")
                .whereLayer("codec").mayOnlyAccessLayers("vocabulary", "types", "catalog")
                .whereLayer("exec").mayOnlyAccessLayers("vocabulary", "types", "expr", "catalog", "codec")
                .whereLayer("plan").mayOnlyAccessLayers("vocabulary", "types", "expr", "catalog", "codec", "exec")
                .whereLayer("bind").mayOnlyAccessLayers("vocabulary", "types", "expr", "parse", "catalog", "codec",
                        "exec", "plan")
                .whereLayer("indexbuild").mayOnlyAccessLayers("vocabulary", "types", "catalog", "codec", "exec")
                .whereLayer("session").mayOnlyAccessLayers("vocabulary", "types", "expr", "parse", "catalog", "codec",
                        "exec", "plan", "bind", "indexbuild", "entry")
                .whereLayer("entry").mayOnlyAccessLayers("vocabulary", "session")
                .whereLayer("entry").mayOnlyBeAccessedByLayers("session") // session.Database implements it
                .check(sql);
    }

    /** No two packages reach each other, directly or round about (catalog and codec did, before ColumnValueFormat). */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("lsmdb.sql.(*)..").should().beFreeOfCycles().check(sql);
    }
}
