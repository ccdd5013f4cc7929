package dev.classify.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** The look the per-epoch charts share: a white XChart line chart over epochs, two side by side. */
final class EpochCharts {
    private EpochCharts() {}

    /** Returns an empty chart of {@code width} x {@code height} pixels with epochs along x. */
    static XYChart chart(String title, String yAxis, int width, int height) {
        XYChart chart =
                new XYChartBuilder()
                        .width(width)
                        .height(height)
                        .title(title)
                        .xAxisTitle("epoch")
                        .yAxisTitle(yAxis)
                        .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("#0.###");
        return chart;
    }

    /** Draws {@code left} and {@code right} side by side into one picture. */
    static BufferedImage sideBySide(XYChart left, XYChart right) {
        BufferedImage image =
                new BufferedImage(
                        left.getWidth() + right.getWidth(),
                        Math.max(left.getHeight(), right.getHeight()),
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.drawImage(BitmapEncoder.getBufferedImage(left), 0, 0, null);
            graphics.drawImage(BitmapEncoder.getBufferedImage(right), left.getWidth(), 0, null);
        } finally {
            graphics.dispose();
        }
        return image;
    }
}
