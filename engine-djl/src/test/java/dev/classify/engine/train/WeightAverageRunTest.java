package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the simple CNN with {@code train.ema} on the committed Fashion-MNIST subset: three epochs
 * in one go against two then resumed to three (the same metrics and bit-identical parameters,
 * average included), the kept model holding the average, and resumes that switch the average on or
 * off.
 */
final class WeightAverageRunTest {
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
                size: 1000
                seed: 42
            model:
              type: simple-cnn
            augment:
              train:
                - {type: normalize, mean: [0.286], std: [0.353]}
              eval:
                - {type: normalize, mean: [0.286], std: [0.353]}
            train:
              epochs: 3
              batchSize: 64
              optimizer: {type: sgd, learningRate: 0.01, momentum: 0.9}
              scheduler: {type: step, stepEpochs: 2, gamma: 0.5}
              device: cpu
              seed: 42
              ema: {decay: 0.99, warmupSteps: 50}
            """;

    private static final RunListener QUIET = new RunListener() {};

    @TempDir static Path straight;
    @TempDir static Path resumed;

    private static Classify pipeline;
    private static RunResult straightResult;
    private static RunResult resumedResult;

    @BeforeAll
    static void trainBothWays() throws IOException {
        pipeline = Classify.forClassPath();
        straightResult = pipeline.train(pipeline.prepare(config()), straight, QUIET);
        pipeline.train(pipeline.prepare(config("train.epochs=2")), resumed, QUIET);
        resumedResult = pipeline.resume(pipeline.prepare(config()), resumed, QUIET);
    }

    private static PipelineConfig config(String... overrides) {
        return new ConfigurationLoader()
                .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("ema-test.yaml"));
    }

    @Test
    void resumingGivesExactlyTheRunTrainedInOneGo() throws IOException {
        assertThat(Files.readAllLines(resumed.resolve("metrics.csv")))
                .hasSize(4)
                .extracting(WeightAverageRunTest::withoutTimes)
                .isEqualTo(
                        Files.readAllLines(straight.resolve("metrics.csv")).stream()
                                .map(WeightAverageRunTest::withoutTimes)
                                .toList());
        assertThat(resumedResult.epochs())
                .extracting(metrics -> metrics.validationAccuracy())
                .isEqualTo(
                        straightResult.epochs().stream()
                                .map(metrics -> metrics.validationAccuracy())
                                .toList());
        assertThat(resumedResult.bestEpoch()).isEqualTo(straightResult.bestEpoch());
        for (String file :
                List.of(
                        "checkpoints/last/" + WeightAverage.ARRAYS_FILE,
                        "checkpoints/last/" + WeightAverage.STATE_FILE,
                        "checkpoints/last/model-0000.params",
                        "model/model-0000.params")) {
            assertThat(Files.readAllBytes(resumed.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(straight.resolve(file)));
        }
        assertThat(Files.readAllLines(resumed.resolve("submission.csv")))
                .isEqualTo(Files.readAllLines(straight.resolve("submission.csv")));
    }

    @Test
    void countsTheOptimizerStepsOfEveryEpoch() throws IOException {
        // 5,000 training images in batches of 64: 79 steps an epoch.
        assertThat(
                        Files.readString(
                                straight.resolve("checkpoints/last/" + WeightAverage.STATE_FILE)))
                .isEqualTo("{\"steps\":237}");
    }

    @Test
    void theKeptModelHoldsTheAverage() throws Exception {
        PreparedRun prepared = pipeline.prepare(config());
        Path best = Checkpoint.folder(straight, Checkpoint.BEST);
        assertThat(Checkpoint.read(best).epoch()).isEqualTo(straightResult.bestEpoch());
        try (Model kept = Model.newInstance("kept", prepared.device(), prepared.engine());
                Model trained =
                        Model.newInstance("trained", prepared.device(), prepared.engine())) {
            kept.setBlock(
                    pipeline.catalog().model("model.type", "simple-cnn").create(prepared.spec()));
            kept.load(straight.resolve("model"), "model");
            trained.setBlock(
                    pipeline.catalog().model("model.type", "simple-cnn").create(prepared.spec()));
            trained.load(best, "model");
            NDList average;
            try (InputStream in = Files.newInputStream(best.resolve(WeightAverage.ARRAYS_FILE))) {
                average = NDList.decode(kept.getNDManager(), in);
            }
            List<String> names = new ArrayList<>();
            for (Pair<String, Parameter> pair : kept.getBlock().getParameters()) {
                names.add(pair.getKey());
                NDArray saved = average.get(names.size() - 1);
                assertThat(saved.getName()).isEqualTo(pair.getKey());
                assertThat(pair.getValue().getArray().toFloatArray())
                        .as(pair.getKey())
                        .containsExactly(saved.toFloatArray());
            }
            // ... and not the trained weights.
            assertThat(kept.getBlock().getParameters().get(0).getValue().getArray().toFloatArray())
                    .isNotEqualTo(
                            trained.getBlock()
                                    .getParameters()
                                    .get(0)
                                    .getValue()
                                    .getArray()
                                    .toFloatArray());
            assertThat(names).isNotEmpty();
        }
    }

    @Test
    void aRunWithoutTheAverageWritesNoneAndSwitchingItOnIsSaid(@TempDir Path plain)
            throws IOException {
        pipeline.train(pipeline.prepare(config("train.epochs=1", "train.ema=null")), plain, QUIET);
        assertThat(Checkpoint.folder(plain, Checkpoint.LAST).resolve(WeightAverage.STATE_FILE))
                .doesNotExist();
        assertThat(Files.readString(plain.resolve("config.yaml"))).doesNotContain("ema:");
        List<String> messages = new ArrayList<>();

        pipeline.resume(pipeline.prepare(config("train.epochs=2")), plain, recording(messages));

        assertThat(messages)
                .contains(
                        "train.ema is now set but the run trained without it: the weight average"
                                + " starts from the weights of epoch 1",
                        "weight average (train.ema): decay 0.99, warm-up 50 steps, batch-norm"
                                + " statistics recomputed from 16 training batches each epoch;"
                                + " validation, model/ and predictions use the average");
        assertThat(Checkpoint.folder(plain, Checkpoint.LAST).resolve(WeightAverage.STATE_FILE))
                .hasContent("{\"steps\":79}");
    }

    @Test
    void switchingTheAverageOffIsSaid(@TempDir Path copy) throws IOException {
        copyRun(resumed, copy);
        List<String> messages = new ArrayList<>();

        pipeline.resume(
                pipeline.prepare(config("train.epochs=4", "train.ema=null")),
                copy,
                recording(messages));

        assertThat(messages)
                .contains(
                        "train.ema is now off but the run trained with it: the checkpoint's weight"
                                + " average is left out, and validation and model/ take the"
                                + " trained weights from epoch 4");
        assertThat(Checkpoint.folder(copy, Checkpoint.LAST).resolve(WeightAverage.STATE_FILE))
                .doesNotExist();
    }

    @Test
    void aDamagedAverageIsOneLine(@TempDir Path copy) throws IOException {
        copyRun(resumed, copy);
        Path arrays = Checkpoint.folder(copy, Checkpoint.LAST).resolve(WeightAverage.ARRAYS_FILE);
        byte[] bytes = Files.readAllBytes(arrays);
        Files.write(arrays, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(
                        () ->
                                pipeline.resume(
                                        pipeline.prepare(config("train.epochs=4")), copy, QUIET))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(WeightAverage.ARRAYS_FILE)
                .hasMessageContaining("cannot load the checkpoint's weight average")
                .hasMessageContaining("the checkpoint is damaged: train again")
                .hasMessageNotContaining("\n");
    }

    private static RunListener recording(List<String> messages) {
        return new RunListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
    }

    private static void copyRun(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** A metrics.csv line without epoch_seconds and images_per_second. */
    /** A metrics.csv line without its time columns (epoch_seconds, images_per_second). */
    static String withoutTimes(String line) {
        String[] cells = line.split(",", -1);
        return String.join(",", List.of(cells).subList(0, 6));
    }
}
