package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.EpochMetrics;
import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunFolderTest {
    @TempDir Path folder;

    static Path run(Path folder, EpochMetrics... epochs) throws IOException {
        Files.createDirectories(folder);
        MetricsFile metrics = new MetricsFile(folder.resolve("metrics.csv"));
        for (EpochMetrics epoch : epochs) {
            metrics.append(epoch);
        }
        return folder;
    }

    @Test
    void findsTheBestEpochTheFinalRateAndTheWallTime() throws IOException {
        Path path =
                run(
                        folder.resolve("a"),
                        new EpochMetrics(1, 0.1, 0.9, 0.6, 0.7, 0.75, 2.0, 100),
                        new EpochMetrics(2, 0.1, 0.6, 0.8, 0.6, 0.81, 3.0, 200),
                        new EpochMetrics(3, 0.05, 0.5, 0.8, 0.6, 0.81, 4.5, 300));

        RunFolder run = RunFolder.read(path);

        assertThat(run.name()).isEqualTo("a");
        assertThat(run.bestEpoch()).map(EpochMetrics::epoch).contains(2);
        assertThat(run.lastEpoch().learningRate()).isEqualTo(0.05);
        assertThat(run.wallSeconds()).isEqualTo(9.5);
        assertThat(run.meanImagesPerSecond()).isEqualTo(200);
        assertThat(run.hasValidation()).isTrue();
        assertThat(run.modelName()).isEqualTo("?");
        assertThat(run.problems())
                .containsExactly(
                        path.resolve("config.yaml") + ": not found",
                        path.resolve("model").resolve(RunFiles.MODEL_DESCRIPTION) + ": not found");
    }

    @Test
    void saysWhenEachAccuracyWasFirstReachedAndAfterHowLong() throws IOException {
        Path path =
                run(
                        folder.resolve("t"),
                        new EpochMetrics(1, 0.1, 0.9, 0.6, 0.5, 0.862, 40.0, 600),
                        new EpochMetrics(2, 0.1, 0.6, 0.8, 0.4, 0.905, 41.0, 600),
                        new EpochMetrics(3, 0.1, 0.5, 0.8, 0.3, 0.901, 42.5, 600),
                        new EpochMetrics(4, 0.1, 0.5, 0.8, 0.3, 0.9305, 50.0, 600));

        RunFolder run = RunFolder.read(path);

        assertThat(run.firstReaching(0.9)).map(EpochMetrics::epoch).contains(2);
        assertThat(run.firstReaching(0.94)).isEmpty();
        assertThat(run.secondsThrough(3)).isEqualTo(123.5);
        assertThat(ReportPage.timeToAccuracy(run))
                .contains("0.90 at epoch 2 (1m 21s), 0.93 at epoch 4 (2m 54s), 0.94 not reached");
    }

    @Test
    void aRunWithoutHoldOutHasNoBestEpoch() throws IOException {
        Path path =
                run(
                        folder.resolve("b"),
                        new EpochMetrics(1, 0.1, 0.9, 0.6, Double.NaN, Double.NaN, 2, 1));

        RunFolder run = RunFolder.read(path);

        assertThat(run.hasValidation()).isFalse();
        assertThat(run.bestEpoch()).isEmpty();
        assertThat(ReportPage.timeToAccuracy(run)).isEmpty();
    }

    @Test
    void namesTheModelFromTheConfigurationWithoutADescription() throws IOException {
        Path path = run(folder.resolve("c"), new EpochMetrics(1, 0.1, 0.9, 0.6, 0.7, 0.7, 2, 1));
        Files.writeString(
                path.resolve("config.yaml"),
                "model:\n  type: resnet\n  depth: 18\n  stem: small\n  channels: [16, 32]\n");

        assertThat(RunFolder.read(path).modelName())
                .isEqualTo("resnet depth=18 stem=small channels=[16,32]");
    }

    @Test
    void aFolderWithoutMetricsIsNotARun() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty"));

        assertThatThrownBy(() -> RunFolder.read(empty))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        empty
                                + ": not a run folder (no metrics.csv); give a folder written by"
                                + " 'classify train' that finished an epoch");
        assertThatThrownBy(() -> RunFolder.read(folder.resolve("absent")))
                .hasMessageContaining("absent: folder not found, not a run folder");
    }

    @Test
    void labelsAreFolderNamesUnlessTwoRunsShareOne() throws IOException {
        EpochMetrics epoch = new EpochMetrics(1, 0.1, 0.9, 0.6, 0.7, 0.7, 2, 1);
        RunFolder first = RunFolder.read(run(folder.resolve("x/run"), epoch));
        RunFolder second = RunFolder.read(run(folder.resolve("y/run"), epoch));
        RunFolder third = RunFolder.read(run(folder.resolve("z"), epoch));

        assertThat(RunFolder.labels(List.of(first, second, third)))
                .containsExactly(
                        folder.resolve("x/run").toString(),
                        folder.resolve("y/run").toString(),
                        "z");
    }

    @Test
    void describesTheModelFromItsDescription() throws IOException {
        Path path = run(folder.resolve("d"), new EpochMetrics(1, 0.1, 0.9, 0.6, 0.7, 0.7, 2, 1));
        RunReportTest.describe(path, List.of("a", "b"), Map.of("kernelSize", 3));

        RunFolder run = RunFolder.read(path);

        assertThat(run.modelName()).isEqualTo("simple-cnn kernelSize=3");
        assertThat(run.model()).isPresent();
    }

    @Test
    void aBrokenOrIncompleteDescriptionIsAProblemNotAFailure() throws IOException {
        EpochMetrics epoch = new EpochMetrics(1, 0.1, 0.9, 0.6, 0.7, 0.7, 2, 1);
        Path broken = run(folder.resolve("broken"), epoch);
        Path description =
                Files.createDirectories(broken.resolve(RunFiles.MODEL))
                        .resolve(RunFiles.MODEL_DESCRIPTION);
        Files.writeString(description, "{\"modelType\": ");
        Path incomplete = run(folder.resolve("incomplete"), epoch);
        RunReportTest.describe(incomplete, List.of("only one class"), Map.of());

        RunFolder brokenRun = RunFolder.read(broken);
        RunFolder incompleteRun = RunFolder.read(incomplete);

        assertThat(brokenRun.model()).isEmpty();
        assertThat(brokenRun.problems())
                .contains(
                        description
                                + ": unreadable model description (JsonEOFException); restore the"
                                + " file from the run folder or train again");
        assertThat(incompleteRun.model()).isEmpty();
        assertThat(incompleteRun.problems())
                .anyMatch(problem -> problem.contains(": incomplete model description ("));
        assertThat(incompleteRun.parameters(model -> OptionalLong.of(1))).isEmpty();
    }
}
