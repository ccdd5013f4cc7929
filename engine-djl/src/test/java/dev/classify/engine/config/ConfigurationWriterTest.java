package dev.classify.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

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
                .contains("type: npy")
                .contains("engine: MXNet");
    }

    @Test
    void writesTheEngineAndReadsItBack() {
        PipelineConfig config =
                parse(
                        "data: {train: {images: a.npy, labels: a.csv}}\nengine: PyTorch\n",
                        Path.of("/data"));

        String yaml = writer.write(config);

        assertThat(yaml).contains("engine: PyTorch");
        assertThat(parse(yaml, Path.of("/other")).engine()).isEqualTo("PyTorch");
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

    @Test
    void writesOnlyTheKeysOfEachTypeAndReadsThemBack() {
        String base = "data: {train: {images: a.npy, labels: a.csv}}\n";
        List<String> trains =
                List.of(
                        "train: {optimizer: {type: adam, beta2: 0.99, clipGradient: 1}, scheduler:"
                                + " {type: multistep, milestones: [3, 6], gamma: 0.5}}",
                        "train: {epochs: 20, labelSmoothing: 0.1, optimizer: {type: adamw},"
                                + " scheduler: {type: cosine, warmupEpochs: 2, minLr: 0.00001}}",
                        "train: {optimizer: {nesterov: true}, scheduler: {type: step}}");
        for (String train : trains) {
            PipelineConfig config = parse(base + train, Path.of("/data"));

            String yaml = writer.write(config);

            assertThat(parse(yaml, Path.of("/other"))).as(train).isEqualTo(config);
        }
        String adam = writer.write(parse(base + trains.get(0), Path.of("/data")));
        assertThat(adam)
                .contains("beta2: 0.99", "clipGradient: 1.0", "milestones:", "gamma: 0.5")
                .doesNotContain("momentum", "nesterov", "stepEpochs", "patience", "minLr");
        String cosine = writer.write(parse(base + trains.get(1), Path.of("/data")));
        assertThat(cosine)
                .contains("labelSmoothing: 0.1", "weightDecay: 0.01", "warmupEpochs: 2")
                .doesNotContain("gamma", "momentum", "clipGradient", "monitor");
    }
}
