package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochMetrics;
import dev.classify.api.ImageSet;
import dev.classify.api.MixedBatch;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.data.BatchAssembler;
import dev.classify.engine.data.NormalizeStatistics;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the simple CNN for two epochs with random crop, flip and cutmix, normalized with {@code
 * mean: auto, std: auto}, on the committed quick-start subset of Fashion-MNIST (5,000 training
 * images, 1,000 held out, 1,000 test images), and checks what mixing and the computed statistics
 * leave in the run folder. Maven runs tests in the module folder, so the examples are one level up.
 */
final class MixingTrainingTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
              test:
                images: fashion-mnist-small/test.npy
              validation: {size: 1000, seed: 42}
            model:
              type: simple-cnn
            augment:
              train:
                - {type: random-crop, size: 28, padding: 4}
                - {type: random-flip}
                - {type: normalize, mean: auto, std: auto}
                - {type: cutmix, alpha: 1.0, probability: 0.5}
              eval:
                - {type: normalize, mean: auto, std: auto}
            train:
              epochs: 2
              batchSize: 64
              optimizer: {type: sgd, learningRate: 0.02, momentum: 0.9}
              device: cpu
              seed: 42
            """;

    private static final RunListener QUIET = new RunListener() {};

    @TempDir static Path run;

    private static Classify root;
    private static Classify pipeline;
    private static PreparedRun prepared;
    private static RunResult result;

    @BeforeAll
    static void trainOnce() throws IOException {
        root = Classify.forClassPath();
        pipeline = root;
        prepared = pipeline.prepare(config());
        result = pipeline.train(prepared, run, QUIET);
    }

    private static PipelineConfig config(String... overrides) {
        return new ConfigurationLoader()
                .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("cutmix-test.yaml"));
    }

    @Test
    void learnsWithMixedLabels() {
        assertThat(prepared.trainAugment().mixesLabels()).isTrue();
        assertThat(result.epochs()).hasSize(2);
        EpochMetrics last = result.epochs().get(1);
        assertThat(last.trainLoss()).isLessThan(result.epochs().get(0).trainLoss());
        assertThat(last.trainAccuracy()).isBetween(0.3, 1.0);
        assertThat(last.validationAccuracy()).isGreaterThan(0.6);
    }

    @Test
    void theSameSeedTrainsTheSameModel(@TempDir Path again) throws IOException {
        pipeline.train(pipeline.prepare(config()), again, QUIET);

        assertThat(lossAndAccuracy(again)).isEqualTo(lossAndAccuracy(run));
    }

    @Test
    void theSameSeedMixesTheSameBatches() {
        int[] indices = IntStream.range(0, 32).toArray();
        try (NDManager manager = NDManager.newBaseManager(prepared.device(), "MXNet")) {
            BatchAssembler assembler = new BatchAssembler(prepared.train());
            NDArray images = assembler.images(manager, indices, 0, 32);
            NDArray targets =
                    assembler
                            .labels(manager, indices, 0, 32)
                            .toType(DataType.INT32, false)
                            .oneHot(10)
                            .toType(DataType.FLOAT32, false);
            List<float[]> first = mix(images, targets, new SplittableRandom(7));
            List<float[]> again = mix(images, targets, new SplittableRandom(7));
            List<float[]> other = mix(images, targets, new SplittableRandom(8));

            assertThat(again.get(0)).containsExactly(first.get(0));
            assertThat(again.get(1)).containsExactly(first.get(1));
            assertThat(other.get(0)).isNotEqualTo(first.get(0));
        }
    }

    private static List<float[]> mix(NDArray images, NDArray targets, SplittableRandom random) {
        // Four batches from one stream, as an epoch draws them.
        List<float[]> pixels = new ArrayList<>();
        List<float[]> labels = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            MixedBatch mixed = prepared.trainAugment().apply(images, targets, random);
            pixels.add(mixed.images().toFloatArray());
            labels.add(mixed.targets().toFloatArray());
        }
        return List.of(concat(pixels), concat(labels));
    }

    @Test
    void recordsTheComputedStatisticsInConfigYamlAndTheSavedModel() throws IOException {
        NormalizeStatistics.Statistics statistics =
                NormalizeStatistics.compute(prepared.train(), prepared.split().train());
        Map<String, Object> numbers =
                Map.of("mean", List.of(statistics.mean()[0]), "std", List.of(statistics.std()[0]));

        PipelineConfig written =
                new ConfigurationLoader().load(run.resolve("config.yaml"), List.of());
        assertThat(written.augment().train().get(2).options()).isEqualTo(numbers);
        assertThat(written.augment().eval().get(0).options()).isEqualTo(numbers);
        try (SavedModel model = SavedModel.load(run, root.catalog(), "MXNet")) {
            assertThat(model.description().eval())
                    .containsExactly(
                            Map.of(
                                    "type",
                                    "normalize",
                                    "mean",
                                    numbers.get("mean"),
                                    "std",
                                    numbers.get("std")));
        }
    }

    @Test
    void predictsWithTheSavedStatisticsAndWithoutTheTrainingImages(@TempDir Path copy)
            throws IOException {
        ImageSet test = prepared.test().orElseThrow();
        Path testImages = EXAMPLES.resolve("fashion-mnist-small/test.npy");
        PluginCatalog catalog = root.catalog();
        float[][] saved;
        try (SavedModel model = SavedModel.load(run, catalog, "MXNet")) {
            saved = model.probabilities(test, testImages, 250, false);
        }
        // The same parameters with other normalize numbers predict otherwise: the saved numbers
        // are the ones in use.
        Path model = Files.createDirectories(copy.resolve("model"));
        try (var files = Files.list(run.resolve("model"))) {
            for (Path file : files.toList()) {
                Files.copy(file, model.resolve(file.getFileName()));
            }
        }
        ObjectMapper json = new ObjectMapper();
        Path description = model.resolve(ModelDescription.FILE_NAME);
        ObjectNode root = (ObjectNode) json.readTree(description.toFile());
        ((ObjectNode) ((ArrayNode) root.get("eval")).get(0)).putArray("mean").add(0.5);
        json.writeValue(description.toFile(), root);
        try (SavedModel other = SavedModel.load(copy, catalog, "MXNet")) {
            float[][] shifted = other.probabilities(test, testImages, 250, false);
            assertThat(shifted[0]).isNotEqualTo(saved[0]);
        }
    }

    @Test
    void refusesMixingInTheEvaluationList() {
        assertThatThrownBy(() -> pipeline.prepare(config("augment.eval=[{type: mixup}]")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.eval[0].type: mixup mixes the images and labels of a batch,"
                                + " which only training can use; remove it from augment.eval"
                                + " (evaluation must be deterministic)");
        ConfigurationLoader loader = root.configurationLoader();
        assertThatThrownBy(
                        () ->
                                loader.parse(
                                        CONFIG,
                                        EXAMPLES,
                                        List.of("augment.eval[1]={type: cutmix}"),
                                        Path.of("cutmix-test.yaml")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.eval[1].type: cutmix mixes the images and labels");
    }

    private static List<String> lossAndAccuracy(Path folder) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("metrics.csv"))) {
            rows.add(String.join(",", Arrays.asList(line.split(",")).subList(0, 6)));
        }
        return rows;
    }

    private static float[] concat(List<float[]> arrays) {
        int length = arrays.stream().mapToInt(a -> a.length).sum();
        float[] all = new float[length];
        int at = 0;
        for (float[] array : arrays) {
            System.arraycopy(array, 0, all, at, array.length);
            at += array.length;
        }
        return all;
    }
}
