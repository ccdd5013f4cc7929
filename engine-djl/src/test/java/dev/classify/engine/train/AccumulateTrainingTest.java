package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train.accumulate} and {@code train.clipGradientNorm} reach the training loop: one epoch of
 * the simple CNN on the committed subset with both, whose batch count (5000 / 64 = 79 batches) is
 * not a multiple of 3, so that the epoch ends on a remainder.
 */
final class AccumulateTrainingTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
              validation: {size: 1000, seed: 42}
            model: {type: simple-cnn}
            augment:
              train: [{type: normalize, mean: [0.286], std: [0.353]}]
              eval: [{type: normalize, mean: [0.286], std: [0.353]}]
            train:
              epochs: 1
              batchSize: 64
              accumulate: 3
              clipGradientNorm: 2.0
              optimizer: {type: sgd, learningRate: 0.05, momentum: 0.9}
              device: cpu
            """;

    @Test
    void trainsWithAccumulatedClippedStepsAndKeepsTheKeysInConfigYaml(@TempDir Path run)
            throws IOException {
        Classify root = Classify.forClassPath();
        PipelineConfig config =
                new ConfigurationLoader().parse(CONFIG, EXAMPLES, List.of(), Path.of("t.yaml"));

        RunResult result = root.train(root.prepare(config), run, new RunListener() {});

        assertThat(result.epochs()).hasSize(1);
        assertThat(result.epochs().get(0).validationAccuracy()).isGreaterThan(0.5);
        assertThat(Files.readString(run.resolve("config.yaml")))
                .contains("accumulate: 3")
                .contains("clipGradientNorm: 2.0");
        assertThat(new ConfigurationLoader().load(run.resolve("config.yaml"), List.of()))
                .isEqualTo(config);
    }
}
