package dev.classify.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --set key.path=value}: malformed keys are errors naming the override, never ignored. */
final class ConfigurationOverridesTest {
    private static final String YAML =
            """
            data: {train: {images: a.npy, labels: a.csv}}
            model: {type: simple-cnn, channels: [8, 16]}
            """;

    private final ConfigurationLoader loader = new ConfigurationLoader();

    private PipelineConfig parse(String... overrides) {
        return loader.parse(YAML, Path.of("/data"), List.of(overrides), Path.of("c.yaml"));
    }

    @Test
    void aKeyOfDotsAloneIsAnErrorNotIgnored() {
        assertThatThrownBy(() -> parse(".=3"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "--set .: '.' has an empty key; give keys separated by single dots, e.g."
                                + " train.optimizer.learningRate=0.1");
        assertThatThrownBy(() -> parse("train.=3"))
                .hasMessageStartingWith("--set train.: 'train.' has an empty key");
        assertThatThrownBy(() -> parse("train..epochs=3"))
                .hasMessageStartingWith("--set train..epochs: 'train..epochs' has an empty key");
    }

    @Test
    void aNegativeListIndexIsAnErrorNotAReplacementOfTheList() {
        assertThatThrownBy(() -> parse("model.channels[-1]=5"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "--set model.channels[-1]: bad list index in 'channels[-1]'; give an index"
                                + " from 0 (the first element) to the list's size (appends)");
        assertThatThrownBy(() -> parse("model.channels[x]=5"))
                .hasMessageStartingWith("--set model.channels[x]: bad list index in 'channels[x]'");
    }

    @Test
    void aKeyBelowAShortFormSaysToWriteItAsAMap() {
        assertThatThrownBy(
                        () ->
                                loader.parse(
                                        YAML + "train: {ema: 0.99}\n",
                                        Path.of("/data"),
                                        List.of("train.ema.batchNormBatches=0"),
                                        Path.of("c.yaml")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "--set train.ema.batchNormBatches: train.ema is 0.99, not a map: write it"
                                + " as a map in the configuration (e.g. ema: {decay: 0.99} for"
                                + " ema: 0.99) to set its key 'batchNormBatches'");
    }

    @Test
    void validIndicesStillSetAndAppend() {
        PipelineConfig config = parse("model.channels[1]=32", "model.channels[2]=64");

        assertThat(config.model().options()).containsEntry("channels", List.of(8, 32, 64));
        assertThat(parse("train.epochs=3").train().epochs()).isEqualTo(3);
        assertThat(config.model().options()).isInstanceOf(Map.class);
    }
}
