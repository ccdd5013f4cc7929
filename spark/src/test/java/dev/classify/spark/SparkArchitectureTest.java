package dev.classify.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Spark module consumes classify as an application does: the embedding API, the SPI and the
 * dataset readers, never the engine's internals (cli's ArchitectureTest does not see this module).
 */
final class SparkArchitectureTest {
    @Test
    void usesOnlyTheEmbeddingApiOfTheEngine() {
        JavaClasses classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.classify.spark");
        noClasses()
                .that()
                .resideInAPackage("dev.classify.spark..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.classify.engine",
                        "dev.classify.engine.config..",
                        "dev.classify.engine.plugin..",
                        "dev.classify.engine.data..",
                        "dev.classify.engine.train..",
                        "dev.classify.engine.runtime..",
                        "dev.classify.engine.model..",
                        "dev.classify.engine.bench..",
                        "dev.classify.engine.preview..",
                        "dev.classify.report..",
                        "dev.classify.cli..",
                        "com.google.inject..")
                .check(classes);
    }
}
