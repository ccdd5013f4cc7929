package dev.classify.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and parsing the configuration's YAML: bounded input, messages that say what is wrong. */
final class YamlTreeTest {
    private final ConfigurationLoader loader = new ConfigurationLoader();

    @TempDir Path folder;

    @Test
    void refusesADeviceAsTheConfigurationInsteadOfReadingItForever() {
        Path device = Path.of("/dev/zero");
        assumeThat(Files.exists(device)).as("a system with /dev/zero").isTrue();

        assertThatThrownBy(() -> loader.load(device, List.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        "/dev/zero: is not a regular file but a device, pipe or socket, which may"
                                + " never end; give a YAML file");
    }

    @Test
    void refusesAConfigurationFileOver256KibibytesBeforeReadingIt() throws IOException {
        // 50 MB of nothing: a sparse file, refused by its size alone.
        Path file = folder.resolve("huge.yaml");
        try (RandomAccessFile huge = new RandomAccessFile(file.toFile(), "rw")) {
            huge.setLength(50_000_000);
        }

        assertThatThrownBy(() -> loader.load(file, List.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        file
                                + ": the configuration is 50000000 bytes, more than the 262144 a"
                                + " configuration may have; give the YAML configuration (a few"
                                + " kilobytes), not a data file");
    }

    @Test
    void refusesConfigurationTextOver256KibibytesBeforeParsingIt() {
        // One long line, which the YAML scanner takes seconds over per megabyte.
        String text = "data: " + "x".repeat(1 << 20) + "\n";

        assertThatThrownBy(() -> loader.parse(text, folder, List.of(), Path.of("long.yaml")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(
                        "long.yaml: the configuration is 1048583 characters, more than the"
                                + " 262144");
    }

    @Test
    void aCommandLineValueOver256KibibytesIsRefusedBeforeParsing() {
        String value = "x".repeat(1 << 20);

        assertThatThrownBy(() -> loader.parseValue("--set model.type", value))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "--set model.type: the value is 1048576 characters, more than the 262144"
                                + " a configuration may have; give a short value");
        assertThatThrownBy(
                        () ->
                                loader.parse(
                                        "data: {}",
                                        folder,
                                        List.of("model.type=" + value),
                                        Path.of("c.yaml")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("--set model.type: the value is 1048576 characters");
    }

    @Test
    void theParserRefusesMoreThan256KibibytesOfTokens() throws IOException {
        // The parser's own limit (SnakeYAML's default is 3 MiB), behind the length checks.
        ObjectMapper mapper = new ObjectMapper(YamlTree.factory());

        assertThatThrownBy(() -> mapper.readTree("a: [" + "1, ".repeat(100_000) + "1]"))
                .hasMessageContaining("exceeds the limit: 262144 code points");
        assertThat(mapper.readTree("a:\nb: 1\n").get("a").isNull()).isTrue();
    }

    @Test
    void readsAConfigurationFileOfUsualSize() throws IOException {
        Path file =
                Files.writeString(
                        folder.resolve("small.yaml"),
                        "data:\n  train: {images: train.npy, labels: train.csv}\n");

        assertThat(loader.load(file, List.of()).data().train().images())
                .isEqualTo(folder.resolve("train.npy").toString());
    }

    @Test
    void aSyntaxErrorKeepsTheParsersProblemWithLineAndColumn() {
        assertThatThrownBy(() -> parse("data:\n\ttrain: {images: a.npy}\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(
                        "tab.yaml: not valid YAML at line 2, column 1: found character"
                                + " '\\t(TAB)' that cannot start any token")
                .hasMessageEndingWith(
                        "; correct the YAML there (indent with spaces, close quotes"
                                + " and brackets)");
        assertThatThrownBy(() -> parse("data:\n  train: {images: [a.npy, b.npy\nmodel: {}\n"))
                .hasMessageStartingWith(
                        "tab.yaml: not valid YAML at line 3, column 6: expected ',' or ']', but"
                                + " got : (while parsing a flow sequence that starts at line 2,"
                                + " column 19)");
    }

    @Test
    void refusesAliasesAndAnchorsNamingKeyAndLine() {
        String yaml =
                """
                data:
                  train: {images: a.npy, labels: a.csv}
                augment:
                  train:
                    - &norm {type: normalize, mean: [0.286], std: [0.353]}
                  eval:
                    - *norm
                """;

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigurationException) e).problems())
                                        .containsExactly(
                                                "augment.eval[0]: line 7: *norm is a YAML alias"
                                                        + " of &norm on line 5; anchors (&) and"
                                                        + " aliases (*) are not read, write the"
                                                        + " value out in full"));
        assertThatThrownBy(() -> parse("data: &d {train: {images: a.npy, labels: a.csv}}\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "data: line 1: &d is a YAML anchor; anchors (&) and aliases (*) are not"
                                + " read, remove it");
    }

    @Test
    void refusesAnAliasOfAScalar() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        "data: {train: {images: &f a.npy, labels: a.csv}}\n"
                                                + "model: {type: *f}\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "model.type: line 2: *f is a YAML alias; anchors (&) and aliases (*)"
                                + " are not read, write the value out in full");
    }

    @Test
    void infinityAndNotANumberAreRefusedForTheirKey() {
        String yaml =
                """
                data: {train: {images: a.npy, labels: a.csv}}
                train:
                  optimizer: {type: sgd, learningRate: .inf}
                augment:
                  eval: [{type: normalize, mean: [.NaN], std: [-.Inf]}]
                """;

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigurationException) e).problems())
                                        .containsExactly(
                                                "train.optimizer.learningRate: line 3: .inf"
                                                        + " (infinity) is not allowed here; give a"
                                                        + " finite number such as 0.5",
                                                "augment.eval[0].mean[0]: line 5: .NaN (not a"
                                                        + " number) is not allowed here; give a"
                                                        + " finite number such as 0.5",
                                                "augment.eval[0].std[0]: line 5: -.Inf"
                                                        + " (infinity) is not allowed here; give a"
                                                        + " finite number such as 0.5"));
        assertThatThrownBy(
                        () ->
                                parse(
                                        "data: {train: {images: a.npy, labels: a.csv}}\n",
                                        "train.optimizer.learningRate=.nan"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "--set train.optimizer.learningRate: .nan (not a number) is not allowed"
                                + " here; give a finite number such as 0.5");
    }

    @Test
    void aCommandLineValueThatIsNotYamlSaysWhere() {
        assertThatThrownBy(() -> loader.parseValue("--set model.channels", "[16, 32"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("--set model.channels: value is not valid YAML at column")
                .hasMessageContaining("expected ',' or ']'");
        assertThatThrownBy(() -> loader.parseValue("--set model.type", "*other"))
                .hasMessage(
                        "--set model.type: *other is a YAML alias; anchors (&) and aliases (*) are"
                                + " not read, write the value out in full");
    }

    private PipelineConfig parse(String yaml, String... overrides) {
        return loader.parse(yaml, folder, List.of(overrides), Path.of("tab.yaml"));
    }
}
