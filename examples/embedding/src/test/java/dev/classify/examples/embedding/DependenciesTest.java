package dev.classify.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application compiles against classify and DJL alone: the libraries classify runs on reach it
 * at run time only (the dependencies of this module are those the README lists).
 */
final class DependenciesTest {
    private static List<String> compileClassPath() throws IOException {
        String text = Files.readString(Path.of("target", "compile-classpath.txt")).trim();
        return Arrays.stream(text.split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString())
                .toList();
    }

    @Test
    void theCompileClassPathHoldsClassifyAndDjlButNotTheirLibraries() throws IOException {
        List<String> jars = compileClassPath();

        assertThat(jars)
                .anyMatch(jar -> jar.startsWith("classify-engine-djl-"))
                .anyMatch(jar -> jar.startsWith("classify-api-"))
                .anyMatch(jar -> jar.startsWith("api-0.36"));
        for (String library :
                List.of(
                        "guice-",
                        "guava-",
                        "jackson-",
                        "snakeyaml-",
                        "xchart-",
                        "commons-csv-",
                        "jmustache-",
                        "classify-report-",
                        "classify-datasets-")) {
            assertThat(jars).noneMatch(jar -> jar.startsWith(library));
        }
    }

    @Test
    void theyAreThereAtRunTime() throws ClassNotFoundException {
        assertThat(Class.forName("com.google.inject.Guice")).isNotNull();
        assertThat(Class.forName("com.fasterxml.jackson.dataformat.yaml.YAMLMapper")).isNotNull();
        assertThat(Class.forName("org.apache.commons.csv.CSVFormat")).isNotNull();
        assertThat(Class.forName("dev.classify.report.RunFiles")).isNotNull();
    }
}
