package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochMetrics;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.report.Evaluation;
import dev.classify.report.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the simple CNN for two epochs on the committed quick-start subset of Fashion-MNIST (6,000
 * training images, 1,000 of them held out, and 1,000 labelled test images) and checks the run
 * folder. Maven runs tests in the module folder, so the examples are one level up.
 */
final class TrainingPipelineTest {
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
              epochs: 2
              batchSize: 64
              optimizer: {type: sgd, learningRate: 0.01, momentum: 0.9}
              device: cpu
              seed: 42
            """;

    private static final RunListener QUIET = new RunListener() {};

    @TempDir static Path firstRun;

    private static PluginCatalog catalog;
    private static Classify pipeline;
    private static PreparedRun prepared;
    private static RunResult result;

    @BeforeAll
    static void trainOnce() throws IOException {
        Classify root = Classify.forClassPath();
        catalog = root.catalog();
        pipeline = root;
        prepared = pipeline.prepare(config());
        result = pipeline.train(prepared, firstRun, QUIET);
    }

    private static PipelineConfig config(String... overrides) {
        return new ConfigurationLoader()
                .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("quickstart-test.yaml"));
    }

    private static List<List<String>> csvRows(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .skip(1)
                .map(line -> Arrays.asList(line.split(",", -1)))
                .collect(Collectors.toList());
    }

    @Test
    void preparesTheSplitAndTheModelInput() {
        assertThat(prepared.split().validation()).hasSize(1000);
        assertThat(prepared.split().train()).hasSize(5000);
        assertThat(prepared.imageShape()).containsExactly(1, 28, 28);
        assertThat(prepared.spec().inputChannels()).isEqualTo(1);
        assertThat(prepared.spec().numClasses()).isEqualTo(10);
        assertThat(prepared.classNames())
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(prepared.test()).isPresent();
    }

    @Test
    void writesTheHoldOutIdsToTheRunFolder() throws IOException {
        List<String> lines = Files.readAllLines(firstRun.resolve("holdout.csv"));

        assertThat(lines).hasSize(1001).startsWith("id");
        List<String> ids = new ArrayList<>();
        for (int index : prepared.split().validation()) {
            ids.add(prepared.train().id(index));
        }
        assertThat(lines.subList(1, lines.size())).isEqualTo(ids);
    }

    @Test
    void learnsFarBeyondChance() {
        assertThat(result.epochs()).hasSize(2);
        EpochMetrics last = result.epochs().get(1);
        assertThat(last.validationAccuracy()).isGreaterThan(0.6);
        assertThat(last.trainLoss()).isLessThan(result.epochs().get(0).trainLoss());
        assertThat(result.bestEpoch()).isBetween(1, 2);
        assertThat(result.submission()).contains(firstRun.resolve("submission.csv"));
    }

    @Test
    void writesOneMetricsRowPerEpoch() throws IOException {
        Path metrics = firstRun.resolve("metrics.csv");
        List<String> lines = Files.readAllLines(metrics);

        assertThat(lines.get(0))
                .isEqualTo(
                        "epoch,lr,train_loss,train_accuracy,val_loss,val_accuracy,epoch_seconds,"
                                + "images_per_second");
        List<List<String>> rows = csvRows(metrics);
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(row -> row.get(0)).containsExactly("1", "2");
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(8).doesNotContain(""));
        assertThat(Double.parseDouble(rows.get(1).get(1))).isEqualTo(0.01);
        assertThat(Double.parseDouble(rows.get(1).get(5))).isGreaterThan(0.6);
    }

    @Test
    void writesAConfigurationThatLoadsAgain() {
        Path written = firstRun.resolve("config.yaml");

        assertThat(written).isRegularFile();
        assertThat(new ConfigurationLoader().load(written, List.of())).isEqualTo(config());
    }

    @Test
    void savesTheModelAndTheCurves() {
        assertThat(firstRun.resolve("model/classify-model.json")).isRegularFile();
        assertThat(firstRun.resolve("model/model-0000.params")).isRegularFile();
        assertThat(firstRun.resolve("curves.png")).isRegularFile();
    }

    @Test
    void evaluatesTheKeptModelOnTheHoldOut() throws IOException {
        Path evaluation = firstRun.resolve("evaluation");

        assertThat(evaluation.toFile().list())
                .containsExactlyInAnyOrderElementsOf(EvaluationReport.FILES);
        List<String> confusion = Files.readAllLines(evaluation.resolve("confusion.csv"));
        assertThat(confusion).hasSize(11);
        int correct = 0;
        int total = 0;
        for (int row = 1; row < confusion.size(); row++) {
            String[] cells = confusion.get(row).split(",");
            for (int column = 1; column < cells.length; column++) {
                int count = Integer.parseInt(cells[column]);
                total += count;
                correct += row == column ? count : 0;
            }
        }
        assertThat(total).isEqualTo(1000);
        // Written from the kept epoch's own validation predictions.
        double best = result.epochs().get(result.bestEpoch() - 1).validationAccuracy();
        assertThat(correct / 1000.0).isEqualTo(best);
    }

    @Test
    void evaluatesTheSavedModelWhenTheKeptEpochRanBeforeAResume(@TempDir Path folder)
            throws IOException {
        // The path a resumed run takes when no resumed epoch beats the kept one.
        Evaluation evaluation =
                RunCompletion.evaluateHoldOut(
                        catalog, prepared, firstRun, folder, Optional.empty());

        assertThat(folder.toFile().list())
                .containsExactlyInAnyOrderElementsOf(EvaluationReport.FILES);
        double best = result.epochs().get(result.bestEpoch() - 1).validationAccuracy();
        // Same model and evaluation augmentation; other batch sizes may round a logit apart.
        assertThat(evaluation.accuracy()).isCloseTo(best, within(0.002));
        assertThat(evaluation.size()).isEqualTo(10);
    }

    @Test
    void writesNoEvaluationWithoutAHoldOut(@TempDir Path folder) throws IOException {
        pipeline.train(
                pipeline.prepare(config("data.validation.size=0", "train.epochs=1")),
                folder,
                QUIET);

        assertThat(folder.resolve("model/classify-model.json")).isRegularFile();
        assertThat(folder.resolve("evaluation")).doesNotExist();
    }

    @Test
    void predictsTheTestImagesInOrder() throws IOException {
        Path submission = firstRun.resolve("submission.csv");
        List<String> lines = Files.readAllLines(submission);

        assertThat(lines.get(0)).isEqualTo("id,label");
        List<List<String>> rows = csvRows(submission);
        assertThat(rows).hasSize(1000);
        assertThat(rows)
                .extracting(row -> row.get(0))
                .containsExactlyElementsOf(
                        IntStream.range(0, 1000).mapToObj(String::valueOf).toList());
        assertThat(accuracy(rows)).isGreaterThan(0.6);
    }

    @Test
    void aSavedModelPredictsWhatTheSubmissionSays() throws IOException {
        ImageSet test = prepared.test().orElseThrow();
        List<String> submitted =
                csvRows(firstRun.resolve("submission.csv")).stream()
                        .map(row -> row.get(1))
                        .toList();

        try (SavedModel model = SavedModel.load(firstRun, catalog, PipelineConfig.DEFAULT_ENGINE)) {
            int[] classes =
                    model.predict(test, EXAMPLES.resolve("fashion-mnist-small/test.npy"), 100);

            assertThat(RunCompletion.labels(classes, model.description().classNames()))
                    .containsExactlyElementsOf(submitted);
            assertThat(model.description().modelType()).isEqualTo("simple-cnn");
            assertThat(model.description().imageShape()).containsExactly(1, 28, 28);
        }
    }

    @Test
    void theSameSeedTrainsTheSameModel(@TempDir Path secondRun) throws IOException {
        pipeline.train(pipeline.prepare(config()), secondRun, QUIET);

        // epoch_seconds and images_per_second measure the machine, not the training.
        assertThat(lossAndAccuracyColumns(secondRun.resolve("metrics.csv")))
                .isEqualTo(lossAndAccuracyColumns(firstRun.resolve("metrics.csv")));
        assertThat(Files.readAllLines(secondRun.resolve("submission.csv")))
                .isEqualTo(Files.readAllLines(firstRun.resolve("submission.csv")));
    }

    @Test
    void rejectsThreeInputChannelsForGrayscaleImagesWithoutToRgb() {
        assertThatThrownBy(() -> pipeline.prepare(config("model.inputChannels=3")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("model.inputChannels")
                .hasMessageContaining("to-rgb");
    }

    @Test
    void stopsEarlyAndKeepsTheBestEpoch(@TempDir Path folder) throws IOException {
        // A learning rate so small that accuracy barely moves: patience 1 stops in epoch 2 or 3.
        RunResult stopped =
                pipeline.train(
                        pipeline.prepare(
                                config(
                                        "train.epochs=6",
                                        "train.optimizer.learningRate=1e-9",
                                        "train.earlyStopping={patience: 1, minDelta: 0.01}")),
                        folder,
                        QUIET);
        assertThat(stopped.epochs()).hasSize(2);
        assertThat(stopped.bestEpoch()).isEqualTo(1);
        assertThat(Files.readAllLines(folder.resolve("metrics.csv"))).hasSize(3);
    }

    @Test
    void rejectsEarlyStoppingWithoutValidationImages() {
        assertThatThrownBy(
                        () ->
                                pipeline.prepare(
                                        config(
                                                "data.validation.size=0",
                                                "train.earlyStopping={patience: 2}")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("train.earlyStopping: reads validation metrics");
    }

    @Test
    void reportsShapeChannelAndModelProblemsTogether() {
        // Found by a tester: only the first of these was reported.
        ConfigurationException e =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () ->
                                pipeline.prepare(
                                        config(
                                                "augment.train=[{type: center-crop, size: 40}]",
                                                "augment.eval=[{type: normalize, mean: [1, 2, 3]}]",
                                                "model.hidden=0")));
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).startsWith("augment.train[0]"))
                .anySatisfy(p -> assertThat(p).startsWith("augment.eval[0]"));
        ConfigurationException model =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () -> pipeline.prepare(config("model.hidden=0", "model.inputChannels=3")));
        assertThat(model.problems())
                .anySatisfy(p -> assertThat(p).startsWith("model.hidden: must be at least 1"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .startsWith(
                                                "model.inputChannels: is 3 but the augmented"
                                                        + " images have 1 channel; add {type:"
                                                        + " to-rgb}"));
    }

    @Test
    void rejectsImagesLargerThanTheEngineCanIndex() {
        assertThatThrownBy(
                        () ->
                                pipeline.prepare(
                                        config(
                                                "augment.train=[{type: resize, size: 5000}]",
                                                "augment.eval=[{type: resize, size: 5000}]")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larger than 1024x1024; resize to a smaller size");
    }

    @Test
    void rejectsLabelsThatHoldASingleClass(@TempDir Path folder) throws IOException {
        // Found by a tester: every label 7 trained an "8-class" model without a word.
        StringBuilder csv = new StringBuilder("id,label\n");
        for (int id = 0; id < 6000; id++) {
            csv.append(id).append(",7\n");
        }
        Path labels = Files.writeString(folder.resolve("sevens.csv"), csv);
        assertThatThrownBy(() -> pipeline.prepare(config("data.train.labels=" + labels)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("sevens.csv: every image has label 7")
                .hasMessageContaining("at least two classes");
    }

    @Test
    void rejectsAPlateauScheduleWithoutValidationImages() {
        assertThatThrownBy(
                        () ->
                                pipeline.prepare(
                                        config(
                                                "data.validation.size=0",
                                                "train.scheduler.type=plateau")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("train.scheduler.type")
                .hasMessageContaining("data.validation holds out no image");
    }

    @Test
    void rejectsAHoldOutOfEveryImage() {
        assertThatThrownBy(() -> pipeline.prepare(config("data.validation.size=6000")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("data.validation")
                .hasMessageContaining("leaves no training image");
    }

    @Test
    void rejectsAnUnknownAugmenterListingTheKnownOnes() {
        assertThatThrownBy(() -> pipeline.prepare(config("augment.train[0]={type: rezise}")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "augment.train[0].type: unknown augmenter 'rezise'; known: [")
                .hasMessageContaining("normalize")
                .hasMessageContaining("random-flip");
    }

    @Test
    void rejectsAnUnknownModelListingTheKnownOnes() {
        assertThatThrownBy(() -> pipeline.prepare(config("model.type=resnt")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("model.type: unknown model 'resnt'; known: [")
                .hasMessageContaining("simple-cnn");
    }

    @Test
    void rejectsBadModelOptionsBeforeTraining() {
        assertThatThrownBy(() -> pipeline.prepare(config("model.kernelSize=4")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("model.kernelSize");
    }

    private static List<List<String>> lossAndAccuracyColumns(Path metrics) throws IOException {
        List<List<String>> columns = new ArrayList<>();
        for (List<String> row : csvRows(metrics)) {
            columns.add(row.subList(0, 6));
        }
        return columns;
    }

    private static double accuracy(List<List<String>> submission) throws IOException {
        List<List<String>> truth =
                csvRows(EXAMPLES.resolve("fashion-mnist-small").resolve("test-labels.csv"));
        assertThat(truth).hasSameSizeAs(submission);
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            assertThat(submission.get(i).get(0)).isEqualTo(truth.get(i).get(0));
            if (submission.get(i).get(1).equals(truth.get(i).get(1))) {
                correct++;
            }
        }
        return (double) correct / truth.size();
    }
}
