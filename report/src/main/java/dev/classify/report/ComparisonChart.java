package dev.classify.report;

import dev.classify.api.EpochMetrics;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the validation curves of several runs overlaid: top-1 accuracy (left) and cross-entropy
 * loss (right) per epoch, one series per run named by its label, the legend below the plots. Runs
 * without a hold-out have no validation curves and are left out; when no run has one, the picture
 * says so. Written atomically as a PNG of {@link #WIDTH} x {@link #HEIGHT} pixels.
 */
public final class ComparisonChart {
    /** The file name {@code classify compare} writes. */
    public static final String FILE_NAME = "validation-curves.png";

    /** The picture's width in pixels: two panels side by side. */
    static final int WIDTH = 2 * 640;

    /** The picture's height in pixels. */
    static final int HEIGHT = 480;

    /** Beyond this many epochs the points of a curve get no markers, which would hide the line. */
    private static final int MAX_MARKED_EPOCHS = 40;

    private ComparisonChart() {}

    /**
     * Draws {@code runs}, labelled by {@code labels} (same order and size), into {@code file}.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, List<RunFolder> runs, List<String> labels)
            throws IOException {
        if (runs.size() != labels.size()) {
            throw new IllegalArgumentException(
                    runs.size() + " runs but " + labels.size() + " labels");
        }
        BufferedImage image = draw(runs, labels);
        Png.write(file, image);
    }

    static BufferedImage draw(List<RunFolder> runs, List<String> labels) {
        if (runs.stream().noneMatch(RunFolder::hasValidation)) {
            return message("No run has validation metrics (all were trained without a hold-out).");
        }
        XYChart accuracy =
                chart(
                        "Validation accuracy",
                        "top-1 accuracy",
                        runs,
                        labels,
                        EpochMetrics::validationAccuracy);
        XYChart loss =
                chart(
                        "Validation loss",
                        "cross-entropy",
                        runs,
                        labels,
                        EpochMetrics::validationLoss);
        return EpochCharts.sideBySide(accuracy, loss);
    }

    private static XYChart chart(
            String title,
            String yAxis,
            List<RunFolder> runs,
            List<String> labels,
            ToDoubleFunction<EpochMetrics> value) {
        XYChart chart = EpochCharts.chart(title, yAxis, WIDTH / 2, HEIGHT);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (int i = 0; i < runs.size(); i++) {
            List<EpochMetrics> epochs =
                    runs.get(i).epochs().stream().filter(EpochMetrics::hasValidation).toList();
            if (epochs.isEmpty()) {
                continue;
            }
            XYSeries series =
                    chart.addSeries(
                            labels.get(i),
                            epochs.stream().mapToDouble(EpochMetrics::epoch).toArray(),
                            epochs.stream().mapToDouble(value).toArray());
            series.setMarker(
                    epochs.size() <= MAX_MARKED_EPOCHS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return chart;
    }

    private static BufferedImage message(String text) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, WIDTH, HEIGHT);
            graphics.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.DARK_GRAY);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
            FontMetrics metrics = graphics.getFontMetrics();
            graphics.drawString(
                    text,
                    (WIDTH - metrics.stringWidth(text)) / 2,
                    (HEIGHT + metrics.getAscent()) / 2);
        } finally {
            graphics.dispose();
        }
        return image;
    }
}
