package dev.classify.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.classify.engine.model.ModelDefinition;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows between modules and packages that the design relies on, checked over the main classes
 * of every module (this module's test class path holds them all).
 */
final class ArchitectureTest {
    private static final String[] PLUGIN_MODULES = {
        "dev.classify.datasets..", "dev.classify.augment..", "dev.classify.models.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.classify");
    }

    @Test
    void theSpiDependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("dev.classify.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.classify.engine..",
                        "dev.classify.report..",
                        "dev.classify.cli..",
                        "com.google.inject..",
                        "com.fasterxml.jackson..",
                        "ai.djl.mxnet..",
                        "ai.djl.pytorch..")
                .check(classes);
    }

    @Test
    void pluginsUseOnlyTheSpi() {
        noClasses()
                .that()
                .resideInAnyPackage(PLUGIN_MODULES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.classify.engine..",
                        "dev.classify.report..",
                        "dev.classify.cli..",
                        "com.google.inject..",
                        "ai.djl.mxnet..",
                        "ai.djl.pytorch..")
                .check(classes);
    }

    @Test
    void pluginModulesDoNotUseEachOther() {
        for (String module : PLUGIN_MODULES) {
            String[] others =
                    java.util.Arrays.stream(PLUGIN_MODULES)
                            .filter(m -> !m.equals(module))
                            .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(module)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .check(classes);
        }
    }

    @Test
    void theReportNeedsNoEngine() {
        noClasses()
                .that()
                .resideInAPackage("dev.classify.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.classify.engine..",
                        "dev.classify.cli..",
                        "ai.djl..",
                        "com.google.inject..")
                .check(classes);
    }

    @Test
    void theSavedModelDoesNotNeedTraining() {
        noClasses()
                .that()
                .resideInAPackage("dev.classify.engine.model..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.classify.engine.train..")
                .check(classes);
    }

    @Test
    void theEmbeddingApiAndTheCommandLineOpenSavedModelsThroughTheRoot() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.classify.engine.embed..", "dev.classify.cli..")
                .should()
                .callMethod(SavedModel.class, "load", Path.class, PluginCatalog.class)
                .orShould()
                .callMethod(SavedModel.class, "load", Path.class, PluginCatalog.class, String.class)
                .orShould()
                .callMethod(ModelDefinition.class, "open", Path.class, PluginCatalog.class)
                .check(classes);
    }

    @Test
    void nothingUsesTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.classify.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.classify.cli..")
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootAsksAnInjector() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.classify.engine.Classify")
                .should()
                .callMethod(Injector.class, "getInstance", Class.class)
                .orShould()
                .callMethod(Injector.class, "getInstance", com.google.inject.Key.class)
                .orShould()
                .callMethod(
                        Guice.class,
                        "createInjector",
                        com.google.inject.Stage.class,
                        com.google.inject.Module[].class)
                .orShould()
                .callMethod(Guice.class, "createInjector", com.google.inject.Module[].class)
                .orShould()
                .callMethod(Injector.class, "createChildInjector", com.google.inject.Module[].class)
                .check(classes);
    }

    @Test
    void theEmbeddingApiSpeaksOnlyItsOwnTheSpisAndDjlsTypes() {
        ArchCondition<JavaCodeUnit> ownTypes =
                new ArchCondition<>("use only embed, api, DJL and JDK types in its signature") {
                    @Override
                    public void check(JavaCodeUnit member, ConditionEvents events) {
                        List<JavaClass> types = new ArrayList<>(member.getRawParameterTypes());
                        types.add(member.getRawReturnType());
                        for (JavaClass type : types) {
                            JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
                            String name = base.getPackageName();
                            boolean allowed =
                                    base.isPrimitive()
                                            || name.startsWith("java.")
                                            || name.startsWith("javax.")
                                            || name.startsWith("ai.djl")
                                            || name.startsWith("dev.classify.api")
                                            || name.equals("dev.classify.engine.embed");
                            if (!allowed) {
                                events.add(
                                        SimpleConditionEvent.violated(
                                                member,
                                                member.getFullName() + " uses " + base.getName()));
                            }
                        }
                    }
                };
        codeUnits()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage("dev.classify.engine.embed")
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .should(ownTypes)
                .check(classes);
    }
}
