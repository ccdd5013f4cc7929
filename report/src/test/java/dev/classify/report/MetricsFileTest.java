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
}
