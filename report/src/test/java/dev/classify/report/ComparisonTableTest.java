package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.api.EpochMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ComparisonTableTest {
    /** The simple CNN's count at 1x28x28 and 10 classes; the engine's count is tested there. */
    private static final ParameterCounter COUNTER =
            model ->
                    model.getFileName().toString().equals(RunFiles.MODEL)
                            ? OptionalLong.of(21_840)
                            : OptionalLong.empty();

    @TempDir Path folder;

    private List<RunFolder> runs() throws IOException {
        Path first =
                RunFolderTest.run(
                        folder.resolve("cnn-5x5"),
                        new EpochMetrics(1, 0.1, 0.9, 0.6, 0.7, 0.75, 2.0, 100),
                        new EpochMetrics(2, 0.05, 0.6, 0.8, 0.6, 0.81, 3.0, 200));
        RunReportTest.describe(
                first, List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), Map.of());
        Path second =
                RunFolderTest.run(
                        folder.resolve("no-hold-out"),
                        new EpochMetrics(1, 0.0003125, 0.9, 0.6, Double.NaN, Double.NaN, 75.4, 10));
        return List.of(RunFolder.read(first), RunFolder.read(second));
    }

    @Test
    void printsOneAlignedRowPerRun() throws IOException {
        List<RunFolder> runs = runs();

        String text = ComparisonTable.of(runs, RunFolder.labels(runs), COUNTER).text();

        assertThat(text)
                .isEqualTo(
                        """
                        run          model       parameters  epochs  best val acc  best epoch   final lr  wall time
                        cnn-5x5      simple-cnn      21,840       2        0.8100           2       0.05       5.0s
                        no-hold-out  ?                    ?       1             -           -  0.0003125     1m 15s
                        """);
    }

    @Test
    void writesTheTableAsCsv() throws IOException {
        List<RunFolder> runs = runs();
        Path file = folder.resolve("out/comparison.csv");

        ComparisonTable.of(runs, RunFolder.labels(runs), COUNTER).writeCsv(file);

        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "run,model,parameters,epochs,best_val_accuracy,best_epoch,final_lr,wall_seconds",
                        "cnn-5x5,simple-cnn,21840,2,0.810000,2,0.0500000,5.000",
                        "no-hold-out,?,,1,,,0.000312500,75.400");
    }

    @Test
    void drawsTheRunsWithValidationIntoOnePicture() throws IOException {
        List<RunFolder> runs = runs();
        Path file = folder.resolve(ComparisonChart.FILE_NAME);

        ComparisonChart.write(file, runs, RunFolder.labels(runs));
        BufferedImage image = ImageIO.read(file.toFile());

        assertThat(image.getWidth()).isEqualTo(ComparisonChart.WIDTH).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(ComparisonChart.HEIGHT).isEqualTo(480);
        // Without any validation curve the picture says so instead of plotting nothing.
        ComparisonChart.write(file, runs.subList(1, 2), List.of("no-hold-out"));
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(1280);
    }

    @Test
    void formatsDurationsAndLearningRates() {
        assertThat(ComparisonTable.duration(4.84)).isEqualTo("4.8s");
        assertThat(ComparisonTable.duration(125)).isEqualTo("2m 05s");
        assertThat(ComparisonTable.duration(3725)).isEqualTo("1h 02m");
        assertThat(ComparisonTable.learningRate(0.1)).isEqualTo("0.1");
        assertThat(ComparisonTable.learningRate(0.000123456)).isEqualTo("0.0001235");
        assertThat(ComparisonTable.learningRate(0)).isEqualTo("0");
    }
}
