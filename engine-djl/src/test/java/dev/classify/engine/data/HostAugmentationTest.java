package dev.classify.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.MixedBatch;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.train.PreparedRun;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training batches assembled through the pipeline, whose leading random-crop, random-flip and
 * normalize steps run on the Java array, equal the batches of the NDArray path bit for bit, with
 * the same draws: on the quick-start images, on both engines, for the benchmark's recipe, for a
 * list that goes on with NDArray steps after the host ones (cutmix mixing the targets too), and for
 * one whose second step cannot run on the host.
 */
final class HostAugmentationTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final int BATCH = 100;
    private static final int BATCHES = 4;

    private static final String RECIPE =
            "[{type: random-crop, size: 28, padding: 4}, {type: random-flip, horizontal: true},"
                    + " {type: normalize, mean: [0.286], std: [0.353]}]";
    private static final String MIXED =
            "[{type: random-crop, size: 24, padding: 2, mode: reflect},"
                    + " {type: random-flip, horizontal: true, vertical: true, probability: 0.3},"
                    + " {type: normalize, mean: [0.3], std: [0.35]},"
                    + " {type: cutmix, probability: 0.5},"
                    + " {type: normalize, mean: [0.1], std: [2.0]}]";
    private static final String INTERRUPTED =
            "[{type: random-crop, size: 28, padding: 4}, to-rgb,"
                    + " {type: normalize, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224,"
                    + " 0.225]}]";

    @ParameterizedTest
    @CsvSource({
        "MXNet, recipe",
        "PyTorch, recipe",
        "MXNet, mixed",
        "PyTorch, mixed",
        "MXNet, interrupted",
        "PyTorch, interrupted"
    })
    void theHostPathGivesTheArrayPathsBatchesBitForBit(String engine, String list) {
        PreparedRun prepared =
                switch (list) {
                    case "recipe" -> prepare(engine, RECIPE, "[]");
                    case "mixed" -> prepare(engine, MIXED, "[{type: center-crop, size: 24}]");
                    default -> prepare(engine, INTERRUPTED, "[to-rgb]");
                };
        AugmentationPipeline pipeline = prepared.trainAugment();
        BatchAssembler assembler = new BatchAssembler(prepared.train());
        int[] order = prepared.split().train().clone();
        shuffle(order, new SplittableRandom(3));
        SplittableRandom arrayDraws = new SplittableRandom(11);
        SplittableRandom hostDraws = new SplittableRandom(11);

        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), engine)) {
            for (int b = 0; b < BATCHES; b++) {
                int from = b * BATCH;
                int to = from + BATCH;
                try (NDManager batch = manager.newSubManager()) {
                    NDArray images = assembler.images(batch, order, from, to);
                    if (pipeline.mixesLabels()) {
                        NDArray targets = oneHot(assembler.labels(batch, order, from, to));
                        MixedBatch expected = pipeline.apply(images, targets, arrayDraws);
                        MixedBatch actual =
                                pipeline.apply(
                                        batch,
                                        assembler.pixels(order, from, to),
                                        assembler.shape(BATCH),
                                        targets,
                                        hostDraws);
                        assertSameBits(actual.images(), expected.images());
                        assertSameBits(actual.targets(), expected.targets());
                    } else {
                        NDArray expected = pipeline.apply(images, arrayDraws);
                        NDArray actual =
                                pipeline.apply(
                                        batch,
                                        assembler.pixels(order, from, to),
                                        assembler.shape(BATCH),
                                        hostDraws);
                        assertSameBits(actual, expected);
                    }
                }
            }
        }
        assertThat(hostDraws.nextLong()).isEqualTo(arrayDraws.nextLong());
    }

    private static PreparedRun prepare(String engine, String train, String eval) {
        Classify root = Classify.forClassPath();
        PipelineConfig config =
                root.configurationLoader()
                        .parse(
                                """
                                data:
                                  train:
                                    images: fashion-mnist-small/train.npy
                                    labels: fashion-mnist-small/train.csv
                                  validation: {size: 0}
                                train: {device: cpu}
                                """,
                                EXAMPLES,
                                List.of(
                                        "engine=" + engine,
                                        "augment.train=" + train,
                                        "augment.eval=" + eval),
                                Path.of("host.yaml"));
        return root.prepare(config);
    }

    private static NDArray oneHot(NDArray labels) {
        return labels.toType(DataType.INT32, false).oneHot(10).toType(DataType.FLOAT32, false);
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private static void assertSameBits(NDArray actual, NDArray expected) {
        Shape shape = expected.getShape();
        assertThat(actual.getShape()).isEqualTo(shape);
        assertThat(actual.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(bits(actual.toFloatArray())).isEqualTo(bits(expected.toFloatArray()));
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
