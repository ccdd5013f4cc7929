package dev.classify.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code model.pretrained} and {@code train.freeze}: reading, defaults, messages, config.yaml. */
final class FineTuneConfigurationTest {
    private static final String DATA = "data: {train: {images: a.npy, labels: a.csv}}\n";

    private final ConfigurationLoader loader = new ConfigurationLoader();
    private final ConfigurationWriter writer = new ConfigurationWriter();

    private PipelineConfig parse(String yaml, Path base, String... overrides) {
        return loader.parse(yaml, base, List.of(overrides), Path.of("config.yaml"));
    }

    private List<String> problems(String yaml, String... overrides) {
        try {
            parse(yaml, Path.of("/configs"), overrides);
        } catch (ConfigurationException e) {
            return e.problems();
        }
        throw new AssertionError("no problem reported");
    }

    @Test
    void neitherIsSetByDefaultAndNeitherIsWritten() {
        PipelineConfig config = parse(DATA, Path.of("/configs"));

        assertThat(config.model().pretrained()).isNull();
        assertThat(config.train().freeze()).isEmpty();
        assertThat(writer.write(config)).doesNotContain("pretrained").doesNotContain("freeze");
    }

    @Test
    void aPretrainedPathResolvesAgainstTheConfigurationsFolder() {
        PipelineConfig config =
                parse(DATA + "model: {type: resnet, pretrained: ../runs/a/model}", Path.of("/x/c"));

        assertThat(config.model().pretrained())
                .isEqualTo(new PretrainedConfig("/x/runs/a/model", List.of()));
        assertThat(config.model().options()).doesNotContainKey("pretrained");
    }

    @Test
    void aPretrainedMapTakesExcludedLayersAndSurvivesARoundTrip() {
        PipelineConfig config =
                parse(
                        DATA
                                + "model: {type: resnet, pretrained: {path: w.safetensors,"
                                + " exclude: [fc]}}\n"
                                + "train: {freeze: [stem, stage1]}\n",
                        Path.of("/configs"));

        assertThat(config.model().pretrained())
                .isEqualTo(new PretrainedConfig("/configs/w.safetensors", List.of("fc")));
        assertThat(config.train().freeze()).containsExactly("stem", "stage1");
        String yaml = writer.write(config);
        assertThat(yaml).contains("/configs/w.safetensors").contains("freeze:");
        assertThat(parse(yaml, Path.of("/elsewhere"))).isEqualTo(config);
    }

    @Test
    void aPathGivenWithSetResolvesLikeOneInTheFile() {
        PipelineConfig config = parse(DATA, Path.of("/configs"), "model.pretrained=runs/a");

        assertThat(config.model().pretrained().path()).isEqualTo("/configs/runs/a");
    }

    @Test
    void reportsBadValuesWithTheirKeys() {
        assertThat(problems(DATA + "model: {pretrained: {path: a, exlude: [fc]}}"))
                .containsExactly(
                        "model.pretrained.exlude: unknown key 'exlude'; known: [exclude, path]");
        assertThat(problems(DATA + "model: {pretrained: {exclude: [fc]}}"))
                .containsExactly(
                        "model.pretrained.path: is required: give a .safetensors file or a"
                                + " classify model folder");
        assertThat(problems(DATA + "model: {pretrained: {path: a, exclude: fc}}"))
                .containsExactly(
                        "model.pretrained.exclude: expected a list of layer names such as"
                                + " [classifier]");
        assertThat(problems(DATA + "model: {pretrained: [a]}"))
                .containsExactly(
                        "model.pretrained: expected a path or {path: PATH, exclude:"
                                + " [classifier]}, got [a]");
        assertThat(problems(DATA + "train: {freeze: [stem, stem]}"))
                .containsExactly("train.freeze[1]: names stem twice; list it once");
        assertThat(problems(DATA + "train: {freeze: stem}"))
                .containsExactly("train.freeze: expected a list, got 'stem'");
    }

    @Test
    void aFreezeListCannotBeEmptyNamed() {
        assertThatThrownBy(() -> parse(DATA + "train: {freeze: ['']}", Path.of("/c")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("train.freeze[0]: must be a layer name such as stem");
    }
}
