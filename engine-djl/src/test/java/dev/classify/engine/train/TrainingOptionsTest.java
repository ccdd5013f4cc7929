package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the simple CNN for two epochs with AdamW, label smoothing and a cosine schedule with one
 * warm-up epoch on the committed Fashion-MNIST subset, checking that the options reach the training
 * loop.
 */
final class TrainingOptionsTest {
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
              epochs: 2
              batchSize: 64
              labelSmoothing: 0.1
              optimizer: {type: adamw, learningRate: 0.002, clipGradient: 10}
              scheduler: {type: cosine, warmupEpochs: 1}
              device: cpu
            """;

    @Test
    void trainsWithAdamwLabelSmoothingAndAWarmedUpCosineSchedule(@TempDir Path run)
            throws IOException {
        Classify root = Classify.forClassPath();
        Classify pipeline = root;
        PipelineConfig config =
                new ConfigurationLoader().parse(CONFIG, EXAMPLES, List.of(), Path.of("t.yaml"));

        RunResult result = pipeline.train(pipeline.prepare(config), run, new RunListener() {});

        // Warm-up: 0.002 * 1/2; then T_max = 1, t = 0: the initial rate.
        assertThat(result.epochs().get(0).learningRate()).isCloseTo(0.001, within(1e-12));
        assertThat(result.epochs().get(1).learningRate()).isCloseTo(0.002, within(1e-12));
        assertThat(result.epochs().get(1).validationAccuracy()).isGreaterThan(0.6);
        assertThat(result.epochs().get(1).trainLoss())
                .isLessThan(result.epochs().get(0).trainLoss());
        assertThat(new ConfigurationLoader().load(run.resolve("config.yaml"), List.of()))
                .isEqualTo(config);
    }
}
