package lsmdb.sql;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

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
 * <p>{@code catalog} and {@code codec} are one layer for now: codec encodes the catalog's tables and indexes, and
 * the catalog stores an ALTERed table's defaults as one-column rows. Splitting the catalog's model (tables,
 * indexes, stored schemas) from its registry and persistence would layer them model → codec → catalog.
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
                .layer("schema").definedBy("lsmdb.sql.catalog..", "lsmdb.sql.codec..")
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
                .whereLayer("schema").mayOnlyAccessLayers("vocabulary", "types")
                .whereLayer("exec").mayOnlyAccessLayers("vocabulary", "types", "expr", "schema")
                .whereLayer("plan").mayOnlyAccessLayers("vocabulary", "types", "expr", "schema", "exec")
                .whereLayer("bind").mayOnlyAccessLayers("vocabulary", "types", "expr", "parse", "schema", "exec",
                        "plan")
                .whereLayer("indexbuild").mayOnlyAccessLayers("vocabulary", "types", "schema", "exec")
                .whereLayer("session").mayOnlyAccessLayers("vocabulary", "types", "expr", "parse", "schema", "exec",
                        "plan", "bind", "indexbuild", "entry")
                .whereLayer("entry").mayOnlyAccessLayers("vocabulary", "session")
                .whereLayer("entry").mayOnlyBeAccessedByLayers("session") // session.Database implements it
                .check(sql);
    }
}
