package dev.classify.engine.lrfind;

import dev.classify.report.CsvFile;
import dev.classify.report.LearningRateChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a sweep's chart ({@code NAME.png}) and its points ({@code NAME.csv} beside it, columns
 * {@code lr,loss,smoothed_loss}), each atomically.
 */
public final class LrFindFiles {
    private LrFindFiles() {}

    /** The CSV beside {@code png}: its name with {@code .csv} for a {@code .png} ending. */
    public static Path csvBeside(Path png) {
        String name = png.getFileName().toString();
        String base =
                name.toLowerCase(java.util.Locale.ROOT).endsWith(".png")
                        ? name.substring(0, name.length() - 4)
                        : name;
        return png.resolveSibling(base + ".csv");
    }

    /**
     * Writes {@code result} into {@code png} and the CSV beside it.
     *
     * @throws IOException when a file cannot be written (it is then left as it was)
     */
    public static void write(LrFindResult result, Path png) throws IOException {
        List<LrFindPoint> points = result.points();
        CsvFile.write(
                csvBeside(png),
                List.of("lr", "loss", "smoothed_loss"),
                points.stream()
                        .map(p -> List.of(p.learningRate(), p.loss(), p.smoothedLoss()))
                        .toList());
        LearningRateChart.write(
                png,
                points.stream().mapToDouble(LrFindPoint::learningRate).toArray(),
                points.stream().mapToDouble(LrFindPoint::loss).toArray(),
                points.stream().mapToDouble(LrFindPoint::smoothedLoss).toArray(),
                result.suggestion().steepest());
    }
}
