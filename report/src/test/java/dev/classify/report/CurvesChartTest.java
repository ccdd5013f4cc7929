package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.api.EpochMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CurvesChartTest {
    @TempDir Path folder;

    @Test
    void drawsLossAndAccuracySideBySideAsAPng() throws IOException {
        Path file = folder.resolve("curves.png");
        List<EpochMetrics> epochs =
                List.of(
                        new EpochMetrics(1, 0.01, 0.98, 0.64, 0.68, 0.75, 1.5, 3400),
                        new EpochMetrics(2, 0.01, 0.56, 0.79, 0.59, 0.79, 1.4, 3600));

        CurvesChart.write(file, epochs);
        BufferedImage image = ImageIO.read(file.toFile());

        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(420);
        assertThat(folder.toFile().list()).containsExactly("curves.png");
    }

    @Test
    void drawsTrainingAloneWithoutAHoldOut() throws IOException {
        Path file = folder.resolve("curves.png");
        CurvesChart.write(
                file, List.of(new EpochMetrics(1, 0.01, 0.98, 0.64, Double.NaN, Double.NaN, 1, 1)));
        assertThat(ImageIO.read(file.toFile())).isNotNull();
    }
}
