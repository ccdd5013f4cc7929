package dev.classify.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the PNG of {@code classify lr-find}: the training loss of each batch of a learning-rate
 * sweep, raw and smoothed, against its learning rate on a logarithmic axis, with the suggested rate
 * marked. Written atomically, in the style of the run's curves.
 */
public final class LearningRateChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 460;

    /** The last batches left out of the loss axis's range. */
    private static final int SKIP_END = 5;

    private LearningRateChart() {}

    /**
     * Writes the chart into {@code file}.
     *
     * @param rates the learning rates, positive, one per batch
     * @param loss the training loss of each batch
     * @param smoothed the smoothed loss of each batch
     * @param suggested the suggested rate, marked on the smoothed curve
     * @throws IOException when the file cannot be written; {@code file} is then left as it was
     */
    public static void write(
            Path file, double[] rates, double[] loss, double[] smoothed, double suggested)
            throws IOException {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title("Learning-rate range test")
                        .xAxisTitle("learning rate (log scale)")
                        .yAxisTitle("training loss")
                        .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("#0.###");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0.#E0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        XYSeries raw = chart.addSeries("loss", rates, loss);
        raw.setMarker(SeriesMarkers.NONE);
        raw.setLineColor(new Color(180, 180, 180));
        XYSeries smooth = chart.addSeries("smoothed loss", rates, smoothed);
        smooth.setMarker(SeriesMarkers.NONE);
        int at = nearest(rates, suggested);
        XYSeries mark =
                chart.addSeries(
                        String.format(java.util.Locale.ROOT, "suggested %.3g", suggested),
                        new double[] {rates[at]},
                        new double[] {smoothed[at]});
        mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        mark.setMarker(SeriesMarkers.CIRCLE);
        mark.setMarkerColor(Color.RED);
        // The loss of the last batches runs away by orders of magnitude: the axis shows the range
        // of the smoothed loss before them, as fastai's plot leaves them out.
        int shown = smoothed.length > 2 * SKIP_END ? smoothed.length - SKIP_END : smoothed.length;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < shown; i++) {
            low = Math.min(low, Math.min(loss[i], smoothed[i]));
            high = Math.max(high, smoothed[i]);
        }
        if (Double.isFinite(low) && Double.isFinite(high) && high > low) {
            double margin = 0.1 * (high - low);
            chart.getStyler().setYAxisMin(Math.max(0, low - margin));
            chart.getStyler().setYAxisMax(high + margin);
        }
        Png.write(file, BitmapEncoder.getBufferedImage(chart));
    }

    private static int nearest(double[] rates, double rate) {
        int best = 0;
        for (int i = 1; i < rates.length; i++) {
            if (Math.abs(Math.log(rates[i] / rate)) < Math.abs(Math.log(rates[best] / rate))) {
                best = i;
            }
        }
        return best;
    }
}
