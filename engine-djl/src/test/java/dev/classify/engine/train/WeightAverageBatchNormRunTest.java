package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train.ema} on a network with batch normalization (a ResNet-18 at width 0.125, the
 * committed Fashion-MNIST subset, on MXNet, whose batch norm moves its statistics in the backward
 * pass only): in a real run the average's statistics are recomputed (they left their initial values
 * and are not the trained network's; {@link WeightAverageTest} checks their values), and a run
 * resumed after its first epoch equals the run trained in one go, bit for bit.
 */
final class WeightAverageBatchNormRunTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
              test:
                images: fashion-mnist-small/test.npy
              validation:
                size: 3000
                seed: 42
            model:
              type: resnet
              depth: 18
              stem: small
              width: 0.125
            augment:
              train:
                - {type: random-flip, horizontal: true}
                - {type: normalize, mean: [0.286], std: [0.353]}
              eval:
                - {type: normalize, mean: [0.286], std: [0.353]}
            train:
              epochs: 2
              batchSize: 64
              optimizer: {type: sgd, learningRate: 0.05, momentum: 0.9, weightDecay: 0.0005}
              device: cpu
              seed: 42
              ema: {decay: 0.99, warmupSteps: 20, batchNormBatches: 4}
            """;

    private static final RunListener QUIET = new RunListener() {};

    @TempDir static Path straight;
    @TempDir static Path resumed;

    @BeforeAll
    static void trainBothWays() throws IOException {
        Classify pipeline = Classify.forClassPath();
        pipeline.train(pipeline.prepare(config()), straight, QUIET);
        pipeline.train(pipeline.prepare(config("train.epochs=1")), resumed, QUIET);
        pipeline.resume(pipeline.prepare(config()), resumed, QUIET);
    }

    private static PipelineConfig config(String... overrides) {
        return new ConfigurationLoader()
                .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("ema-bn-test.yaml"));
    }

    @Test
    void resumingGivesExactlyTheRunTrainedInOneGo() throws IOException {
        assertThat(
                        Files.readAllLines(resumed.resolve("metrics.csv")).stream()
                                .map(WeightAverageRunTest::withoutTimes))
                .hasSize(3)
                .containsExactlyElementsOf(
                        Files.readAllLines(straight.resolve("metrics.csv")).stream()
                                .map(WeightAverageRunTest::withoutTimes)
                                .toList());
        for (String file :
                List.of(
                        "checkpoints/last/" + WeightAverage.ARRAYS_FILE,
                        "checkpoints/last/model-0000.params",
                        "model/model-0000.params")) {
            assertThat(Files.readAllBytes(resumed.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(straight.resolve(file)));
        }
    }

    @Test
    void theAverageHasStatisticsOfItsOwn() throws Exception {
        Path last = Checkpoint.folder(straight, Checkpoint.LAST);
        try (Model trained = Model.newInstance("trained", ai.djl.Device.cpu(), "MXNet")) {
            Classify pipeline = Classify.forClassPath();
            trained.setBlock(
                    pipeline.catalog()
                            .model("model.type", "resnet")
                            .create(pipeline.prepare(config()).spec()));
            trained.load(last, "model");
            Map<String, float[]> average = new HashMap<>();
            try (InputStream in = Files.newInputStream(last.resolve(WeightAverage.ARRAYS_FILE));
                    NDList arrays = NDList.decode(trained.getNDManager(), in)) {
                for (NDArray array : arrays) {
                    average.put(array.getName(), array.toFloatArray());
                }
            }
            int statistics = 0;
            for (var pair : trained.getBlock().getParameters()) {
                if (pair.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                    statistics++;
                    // Recomputed for the averaged weights: neither the trained network's nor
                    // the initial ones (1).
                    float[] variance = average.get(pair.getKey());
                    assertThat(variance)
                            .as(pair.getKey())
                            .isNotEqualTo(pair.getValue().getArray().toFloatArray());
                    assertThat(variance[0]).as(pair.getKey()).isNotEqualTo(1f).isPositive();
                }
            }
            assertThat(statistics).isEqualTo(20);
        }
    }
}
