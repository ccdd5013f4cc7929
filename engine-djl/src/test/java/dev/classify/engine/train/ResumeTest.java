package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.ConfigurationException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the simple CNN (no dropout) on the committed Fashion-MNIST subset three epochs in one go,
 * and two epochs then resumed to three, and checks that both give the same run; then interrupts a
 * further resume and checks that nothing of the abandoned epoch is written.
 */
final class ResumeTest {
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
            """;

    private static final RunListener QUIET = new RunListener() {};

    @TempDir static Path straight;
    @TempDir static Path resumed;

    private static Classify pipeline;
    private static RunResult straightResult;
    private static RunResult resumedResult;

    @BeforeAll
    static void trainBothWays() throws IOException {
        Classify root = Classify.forClassPath();
        pipeline = root;
        straightResult = pipeline.train(pipeline.prepare(config()), straight, QUIET);
        pipeline.train(pipeline.prepare(config("train.epochs=2")), resumed, QUIET);
        resumedResult = pipeline.resume(pipeline.prepare(config()), resumed, QUIET);
    }

    private static PipelineConfig config(String... overrides) {
        return new ConfigurationLoader()
                .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("resume-test.yaml"));
    }

    @Test
    void resumingGivesTheSameMetricsAsTrainingInOneGo() throws IOException {
        List<String[]> expected = rows(straight.resolve("metrics.csv"));
        List<String[]> actual = rows(resumed.resolve("metrics.csv"));

        assertThat(actual).hasSize(3);
        assertThat(expected).hasSize(3);
        for (int row = 0; row < 3; row++) {
            assertThat(actual.get(row)[0]).isEqualTo(String.valueOf(row + 1));
            // lr, train_loss, train_accuracy, val_loss, val_accuracy
            for (int column = 1; column <= 5; column++) {
                assertThat(Double.parseDouble(actual.get(row)[column]))
                        .isCloseTo(Double.parseDouble(expected.get(row)[column]), within(1e-4));
            }
        }
        assertThat(resumedResult.epochs()).hasSize(3);
        assertThat(resumedResult.bestEpoch()).isEqualTo(straightResult.bestEpoch());
    }

    @Test
    void resumingGivesTheSamePredictions() throws IOException {
        assertThat(Files.readAllLines(resumed.resolve("submission.csv")))
                .isEqualTo(Files.readAllLines(straight.resolve("submission.csv")));
    }

    @Test
    void writesCheckpointsWithTheFullHistory() {
        Checkpoint last = Checkpoint.read(Checkpoint.folder(resumed, Checkpoint.LAST));
        assertThat(last.epoch()).isEqualTo(3);
        assertThat(last.history()).isEqualTo(resumedResult.epochs());
        assertThat(last.bestEpoch()).isEqualTo(resumedResult.bestEpoch());
        Checkpoint best = Checkpoint.read(Checkpoint.folder(resumed, Checkpoint.BEST));
        assertThat(best.epoch()).isEqualTo(resumedResult.bestEpoch());
        assertThat(Checkpoint.folder(resumed, Checkpoint.LAST).resolve(OptimizerState.ARRAYS_FILE))
                .isNotEmptyFile();
    }

    @Test
    void refusesToResumeAFinishedRun() {
        assertThatThrownBy(() -> pipeline.resume(pipeline.prepare(config()), straight, QUIET))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("already finished epoch 3")
                .hasMessageContaining("give --set train.epochs=N to extend");
    }

    @Test
    void refusesToResumeARunThatStoppedEarlyBeforeWritingAnything() throws IOException {
        // No epoch of the straight run beats the best by 0.5: patience 1 stops it after epoch 2.
        byte[] written = Files.readAllBytes(straight.resolve("config.yaml"));

        assertThatThrownBy(
                        () ->
                                pipeline.resume(
                                        pipeline.prepare(
                                                config(
                                                        "train.epochs=5",
                                                        "train.earlyStopping={patience: 1,"
                                                                + " minDelta: 0.5}")),
                                        straight,
                                        QUIET))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "train.earlyStopping: the run stopped early after epoch 3; raise"
                                + " train.earlyStopping.patience or remove it to go on");
        assertThat(Files.readAllBytes(straight.resolve("config.yaml"))).isEqualTo(written);
    }

    @Test
    void aStopRequestAbandonsTheEpochWithoutWritingIt() throws IOException {
        byte[] metrics = Files.readAllBytes(straight.resolve("metrics.csv"));
        RunListener stopAfterThreeBatches =
                new RunListener() {
                    private int batches;

                    @Override
                    public void batchFinished(int epoch, int done, int total, int images) {
                        batches++;
                    }

                    @Override
                    public boolean stopRequested() {
                        return batches >= 3;
                    }
                };

        RunInterruptedException interrupted =
                org.assertj.core.api.Assertions.catchThrowableOfType(
                        RunInterruptedException.class,
                        () ->
                                pipeline.resume(
                                        pipeline.prepare(config("train.epochs=5")),
                                        straight,
                                        stopAfterThreeBatches));

        assertThat(interrupted.epoch()).isEqualTo(4);
        assertThat(interrupted.bestEpoch()).isEqualTo(straightResult.bestEpoch());
        assertThat(Checkpoint.read(Checkpoint.folder(straight, Checkpoint.LAST)).epoch())
                .isEqualTo(3);
        assertThat(Files.readAllBytes(straight.resolve("metrics.csv"))).isEqualTo(metrics);
    }

    @Test
    void saysSoAndStartsTheOptimizerAfreshWhenItWasSwitched(@TempDir Path copy) throws IOException {
        try (var files = Files.walk(straight)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(straight.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        List<String> messages = new ArrayList<>();
        RunListener recording =
                new RunListener() {
                    @Override
                    public void message(String text) {
                        messages.add(text);
                    }
                };

        RunResult result =
                pipeline.resume(
                        pipeline.prepare(config("train.epochs=4", "train.optimizer.nesterov=true")),
                        copy,
                        recording);

        assertThat(messages)
                .contains(
                        "train.optimizer is now sgd (Nesterov) but the run trained with sgd: the"
                                + " checkpoint's optimizer state is left out and sgd (Nesterov)"
                                + " starts from zero");
        assertThat(result.epochs()).hasSize(4);
        assertThat(Files.readString(copy.resolve("config.yaml"))).contains("nesterov: true");
    }

    @Test
    void aNewLearningRateKeepsTheOptimizerState() {
        assertThat(
                        ResumeGuards.switchedOptimizer(
                                pipeline.prepare(config("train.optimizer.learningRate=0.001")),
                                straight))
                .isEmpty();
    }

    private static List<String[]> rows(Path file) throws IOException {
        return Files.readAllLines(file).stream().skip(1).map(line -> line.split(",", -1)).toList();
    }
}
