package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.EpochMetrics;
import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class MetricsFileTest {
    @TempDir Path folder;

    @Test
    void readsBackWhatItWrote() throws IOException {
        Path file = folder.resolve("metrics.csv");
        MetricsFile metrics = new MetricsFile(file);
        metrics.append(new EpochMetrics(1, 0.01, 0.983246, 0.6446, 0.683613, 0.749, 2.043, 2551.5));
        metrics.append(
                new EpochMetrics(2, 0.005, 0.560358, 0.7904, 0.585714, 0.786, 1.313, 3983.8));

        List<EpochMetrics> read = MetricsFile.read(file);

        assertThat(read)
                .containsExactly(
                        new EpochMetrics(1, 0.01, 0.983246, 0.6446, 0.683613, 0.749, 2.043, 2551.5),
                        new EpochMetrics(
                                2, 0.005, 0.560358, 0.7904, 0.585714, 0.786, 1.313, 3983.8));
    }

    @Test
    void tellsWhetherTheFileHoldsEveryEpochOfAHistory() throws IOException {
        Path file = folder.resolve("metrics.csv");
        EpochMetrics first = new EpochMetrics(1, 0.01, 0.98, 0.64, 0.68, 0.75, 2.0, 2551.5);
        EpochMetrics second = new EpochMetrics(2, 0.01, 0.56, 0.79, 0.59, 0.79, 1.3, 3983.8);
        assertThat(MetricsFile.holdsEpochs(file, 0)).as("missing").isFalse();

        // A run killed after its second checkpoint, before the second row.
        new MetricsFile(file).append(first);
        assertThat(MetricsFile.holdsEpochs(file, 1)).isTrue();
        assertThat(MetricsFile.holdsEpochs(file, 2)).isFalse();

        // The resumed run writes the rows of its checkpoint's history again.
        new MetricsFile(file, List.of(first, second)).write();
        assertThat(MetricsFile.holdsEpochs(file, 2)).isTrue();
        assertThat(MetricsFile.read(file)).containsExactly(first, second);

        Files.writeString(file, "not,a,metrics,file\n");
        assertThat(MetricsFile.holdsEpochs(file, 2)).as("damaged").isFalse();
    }

    @Test
    void readsEmptyValidationCellsAsNaN() throws IOException {
        Path file = folder.resolve("metrics.csv");
        new MetricsFile(file)
                .append(new EpochMetrics(1, 0.01, 0.98, 0.64, Double.NaN, Double.NaN, 1.5, 3000));

        EpochMetrics epoch = MetricsFile.read(file).get(0);

        assertThat(epoch.hasValidation()).isFalse();
        assertThat(epoch.validationLoss()).isNaN();
        assertThat(epoch.trainLoss()).isEqualTo(0.98);
    }

    @Test
    void namesTheLineAndColumnOfABadCell() throws IOException {
        Path file = folder.resolve("metrics.csv");
        Files.writeString(
                file,
                String.join(",", MetricsFile.HEADER)
                        + "\n1,0.01,0.9,0.6,0.7,0.7,1.0,100\n2,0.01,oops,0.6,0.7,0.7,1.0,100\n");

        assertThatThrownBy(() -> MetricsFile.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        file
                                + ": line 3, column train_loss: 'oops' is not a number; restore the"
                                + " file or train the run again");
    }

    @Test
    void namesMissingColumns() throws IOException {
        Path file = Files.writeString(folder.resolve("metrics.csv"), "epoch,lr\n1,0.1\n");

        assertThatThrownBy(() -> MetricsFile.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("metrics.csv: missing columns [train_loss, train_accuracy,");
    }

    private Path metrics(String... rows) throws IOException {
        return Files.writeString(
                folder.resolve("metrics.csv"),
                String.join(",", MetricsFile.HEADER) + "\n" + String.join("\n", rows) + "\n");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1e10,0.01,0.9,0.6,0.7,0.7,1.0,100 | line 2: epoch is 1e10, not a whole number from 1",
                "0,0.01,0.9,0.6,0.7,0.7,1.0,100 | line 2: epoch is 0, not a whole number from 1",
                "1.5,0.01,0.9,0.6,0.7,0.7,1.0,100 | line 2: epoch is 1.5, not a whole number from 1",
                "3,0.01,0.9,0.6,0.7,0.7,1.0,100 | line 3: epoch is 3 after epoch 1, not 2",
                "1,0.01,0.9,0.6,0.7,0.7,1.0,100 | line 3: epoch is 1 after epoch 1, not 2",
                "2,0.01,0.9,0.6,0.7,2.5,1.0,100 | line 3: val_accuracy is 2.5, outside 0..1",
                "2,0.01,0.9,-0.1,0.7,0.7,1.0,100 | line 3: train_accuracy is -0.1, outside 0..1",
                "2,0.01,0.9,Infinity,0.7,0.7,1.0,100 | line 3: train_accuracy is Infinity, outside 0..1",
                "2,0.01,-0.5,0.6,0.7,0.7,1.0,100 | line 3: train_loss is -0.5, not a finite number >= 0",
                "2,0.01,NaN,0.6,0.7,0.7,1.0,100 | line 3: train_loss is NaN, not a finite number >= 0",
                "2,0.01,0.9,0.6,Infinity,0.7,1.0,100 | line 3: val_loss is Infinity, not a finite number >= 0",
                "2,-0.01,0.9,0.6,0.7,0.7,1.0,100 | line 3: lr is -0.01, not a finite number >= 0",
                "2,Infinity,0.9,0.6,0.7,0.7,1.0,100 | line 3: lr is Infinity, not a finite number >= 0",
                "2,0.01,0.9,0.6,0.7,0.7,-2,100 | line 3: epoch_seconds is -2, not a finite number >= 0",
                "2,0.01,0.9,0.6,0.7,0.7,1.0,-100 | line 3: images_per_second is -100, not a finite number >= 0"
            })
    void refusesARowTrainingCannotHaveWritten(String row, String problem) throws IOException {
        Path file =
                problem.startsWith("line 2")
                        ? metrics(row)
                        : metrics("1,0.01,0.9,0.6,0.7,0.7,1.0,100", row);

        assertThatThrownBy(() -> MetricsFile.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(file + ": " + problem + "; the file is damaged: train the run again");
    }

    @Test
    void acceptsTheEdgesOfEachRange() throws IOException {
        Path file =
                metrics(
                        "1,0,0,0,,,0,0",
                        "2,0.1,0.5,1,0,1,2.5,100",
                        "3,0.1,0.5,NaN,0.4,NaN,2.5,100");

        List<EpochMetrics> read = MetricsFile.read(file);

        assertThat(read).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        assertThat(read.get(0).hasValidation()).isFalse();
        assertThat(read.get(1).validationAccuracy()).isEqualTo(1);
        assertThat(read.get(2).trainAccuracy()).isNaN();
    }
}
