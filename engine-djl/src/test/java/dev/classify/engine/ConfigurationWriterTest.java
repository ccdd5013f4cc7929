package dev.classify.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.api.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigurationWriterTest {
    private final ConfigurationLoader loader = new ConfigurationLoader();
    private final ConfigurationWriter writer = new ConfigurationWriter();

    private PipelineConfig parse(String yaml, Path base) {
        return loader.parse(yaml, base, List.of(), Path.of("config.yaml"));
    }

    @Test
    void theArchitectureExampleSurvivesARoundTrip() {
        PipelineConfig config =
                parse(ConfigurationLoaderTest.ARCHITECTURE_EXAMPLE, Path.of("/projects/seed"));

        String yaml = writer.write(config);
        // Data paths are written absolute, so the copy reads the same from any folder.
        PipelineConfig copy = parse(yaml, Path.of("/somewhere/else"));

        assertThat(copy).isEqualTo(config);
        assertThat(yaml).contains("/projects/seed/data/train.npy");
    }

    @Test
    void writesEveryDefault() {
        PipelineConfig config =
                parse("data: {train: {images: a.npy, labels: a.csv}}", Path.of("/data"));

        String yaml = writer.write(config);

        assertThat(parse(yaml, Path.of("/other"))).isEqualTo(config);
        assertThat(yaml)
                .contains("epochs: 10")
                .contains("batchSize: 64")
                .contains("learningRate: 0.01")
                .contains("type: constant")
                .contains("device: auto")
                .contains("seed: 42")
                .contains("type: simple-cnn")
                .contains("type: npy");
    }

    @Test
    void keepsPluginOptionsOfEveryKind(@TempDir Path folder) throws IOException {
        // Strings that look like numbers or booleans, nested lists, options of sources and
        // models: each must come back with its type.
        String yaml =
                """
                data:
                  train:
                    images: train.npy
                    labels: train.csv
                    labelColumn: "7"
                    idColumn: "true"
                  test: {type: npy, images: test.npy}
                  validation: {fraction: 0.2, seed: 7}
                model:
                  type: simple-cnn
                  channels: [16, 32]
                  dropout: 0.25
                  stem: "0.5"
                augment:
                  train:
                    - {type: random-flip, horizontal: false, vertical: true, probability: 1}
                    - {type: normalize, mean: [0.286], std: [0.353]}
                  eval:
                    - normalize
                train:
                  scheduler: {type: step, stepEpochs: 3, gamma: 0.5}
                  optimizer: {weightDecay: 0.00001}
                  device: gpu:1
                  seed: -3
                output:
                  dir: runs/options
                """;
        Path file = folder.resolve("config.yaml");
        Files.writeString(file, yaml);
        PipelineConfig config = loader.load(file, List.of());

        Path written = folder.resolve("written.yaml");
        Files.writeString(written, writer.write(config));

        assertThat(loader.load(written, List.of())).isEqualTo(config);
    }
}
