package dev.classify.report;

import dev.classify.api.EpochMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the run's {@code curves.png}: loss (left) and top-1 accuracy (right) per epoch, training
 * against validation, as the reference work plotted them. Written atomically.
 */
public final class CurvesChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    private CurvesChart() {}

    public static void write(Path file, List<EpochMetrics> epochs) throws IOException {
        XYChart loss =
                chart(
                        "Loss",
                        "cross-entropy",
                        epochs,
                        EpochMetrics::trainLoss,
                        EpochMetrics::validationLoss);
        loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        XYChart accuracy =
                chart(
                        "Accuracy",
                        "top-1 accuracy",
                        epochs,
                        EpochMetrics::trainAccuracy,
                        EpochMetrics::validationAccuracy);
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        Png.write(file, EpochCharts.sideBySide(loss, accuracy));
    }

    private static XYChart chart(
            String title,
            String yAxis,
            List<EpochMetrics> epochs,
            ToDoubleFunction<EpochMetrics> train,
            ToDoubleFunction<EpochMetrics> validation) {
        XYChart chart = EpochCharts.chart(title, yAxis, WIDTH, HEIGHT);
        double[] x = epochs.stream().mapToDouble(EpochMetrics::epoch).toArray();
        add(chart, "training", x, epochs.stream().mapToDouble(train).toArray());
        if (!epochs.isEmpty() && epochs.get(0).hasValidation()) {
            add(chart, "validation", x, epochs.stream().mapToDouble(validation).toArray());
        }
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}
