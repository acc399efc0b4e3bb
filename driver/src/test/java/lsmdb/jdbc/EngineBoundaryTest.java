package lsmdb.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The driver reaches the engine only through the SQL layer (issue 10): no class of {@code lsmdb.jdbc} uses an
 * {@code lsmdb.core} type, so engine options and open/close errors come through {@code lsmdb.sql}.
 */
class EngineBoundaryTest {

    @Test
    void driverDoesNotDependOnTheEngine() {
        JavaClasses driver = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lsmdb.jdbc");
        assertTrue(driver.contain(LsmDriver.class) && driver.contain(DatabaseRegistry.class),
                "the driver's classes were imported");
        noClasses().that().resideInAPackage("lsmdb.jdbc..")
                .should().dependOnClassesThat().resideInAPackage("lsmdb.core..")
                .because("the driver reaches the engine only through lsmdb.sql")
                .check(driver);
    }
}
