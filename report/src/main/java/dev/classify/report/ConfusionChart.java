package dev.classify.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * Draws {@code confusion.png}: the confusion matrix as an XChart heat map, true classes down the
 * side and predicted classes along the bottom, each cell holding its count. A cell's shade is its
 * share of its row (so the diagonal reads as per-class recall), which keeps rare classes as visible
 * as common ones. Cells are square, 12 to 56 pixels, so that the matrix stays within about 900
 * pixels (larger where a few classes would leave the matrix narrower than its title); counts are
 * left out of cells too small to hold them. Written atomically.
 */
final class ConfusionChart {
    private static final int MAX_MATRIX = 900;
    private static final int MIN_COUNTED_CELL = 22;
    private static final int MAX_LABEL = 18;
    private static final int PADDING = 16;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Color DARK = new Color(8, 48, 107);
    private static final Color LIGHT = new Color(247, 251, 255);

    private ConfusionChart() {}

    static void write(Path file, Evaluation evaluation) throws IOException {
        Png.write(file, draw(evaluation));
    }

    static BufferedImage draw(Evaluation evaluation) {
        int k = evaluation.size();
        int cell = Math.max(12, Math.min(56, MAX_MATRIX / k));
        int matrix = cell * k;
        // XChart places the plot after the titles and the class names; one trial layout tells how
        // much room they take, so that the second makes the cells square.
        CountedHeatMap trial = chart(evaluation, cell, matrix + 400, matrix + 400);
        Rectangle2D plot = trial.plotBounds();
        int width = (int) Math.round(trial.getWidth() - plot.getWidth()) + matrix;
        int height = (int) Math.round(trial.getHeight() - plot.getHeight()) + matrix;
        // XChart centres the title over the plot: a few classes would make a matrix narrower
        // than its title, so their cells grow, still square.
        int wider = titleWidth(evaluation) + 2 * PADDING - matrix;
        if (wider > 0) {
            width += wider;
            height += wider;
        }
        return BitmapEncoder.getBufferedImage(chart(evaluation, cell, width, height));
    }

    private static String title(Evaluation evaluation) {
        return String.format(
                Locale.ROOT,
                "Confusion matrix: %d images, accuracy %.4f",
                evaluation.total(),
                evaluation.accuracy());
    }

    private static int titleWidth(Evaluation evaluation) {
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return measure.getFontMetrics(TITLE_FONT).stringWidth(title(evaluation));
        } finally {
            measure.dispose();
        }
    }

    private static CountedHeatMap chart(Evaluation evaluation, int cell, int width, int height) {
        int k = evaluation.size();
        CountedHeatMap chart = new CountedHeatMap(evaluation, cell, width, height);
        chart.setTitle(title(evaluation));
        chart.setXAxisTitle("predicted class");
        chart.setYAxisTitle("true class");
        HeatMapStyler styler = chart.getStyler();
        styler.setChartTitleFont(TITLE_FONT);
        styler.setAxisTitleFont(TITLE_FONT);
        styler.setAxisTickLabelsFont(
                new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(14, cell / 2))));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendVisible(false);
        styler.setPlotGridLinesVisible(false);
        styler.setChartPadding(PADDING);
        // Cells tile the whole plot area, where CountedHeatMap finds them.
        styler.setPlotContentSize(1.0);
        styler.setDrawBorder(false);
        styler.setXAxisLabelRotation(90);
        styler.setRangeColors(new Color[] {LIGHT, DARK});
        styler.setMin(0);
        styler.setMax(1);
        List<String> names = evaluation.classNames().stream().map(ConfusionChart::shorten).toList();
        List<String> upward = new ArrayList<>(names);
        // XChart counts rows from the bottom; the first class goes on top.
        Collections.reverse(upward);
        List<Number[]> shades = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            int support = evaluation.support(t);
            for (int p = 0; p < k; p++) {
                double share = support == 0 ? 0 : (double) evaluation.count(t, p) / support;
                // Square root: the few confusions off the diagonal stay visible next to a full
                // diagonal.
                shades.add(new Number[] {p, k - 1 - t, Math.sqrt(share)});
            }
        }
        chart.addSeries("share of the row", names, upward, shades);
        return chart;
    }

    /** Long class names are cut, so that the matrix keeps most of the picture. */
    static String shorten(String name) {
        return name.length() <= MAX_LABEL ? name : name.substring(0, MAX_LABEL - 1) + "…";
    }

    /**
     * A heat map that writes each cell's count over its shade. XChart's heat map can label a cell
     * only with the value it is shaded by (here the share of the row, not the count) and in one
     * colour for every cell, which is unreadable on either the dark or the light cells; so the
     * counts are drawn here, white on dark cells and black on light ones, in the cells of the plot
     * area XChart laid out.
     */
    private static final class CountedHeatMap extends HeatMapChart {
        private final Evaluation evaluation;
        private final int cell;
        private final Font countFont;

        CountedHeatMap(Evaluation evaluation, int cell, int width, int height) {
            super(width, height, Styler.ChartTheme.XChart);
            this.evaluation = evaluation;
            this.cell = cell;
            this.countFont =
                    new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(14, cell / 3)));
        }

        /** The plot area, laid out on a scratch picture of the chart's size. */
        Rectangle2D plotBounds() {
            BufferedImage scratch =
                    new BufferedImage(getWidth(), getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scratch.createGraphics();
            try {
                super.paint(g, getWidth(), getHeight());
            } finally {
                g.dispose();
            }
            return plot.getBounds();
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            super.paint(g, width, height);
            if (cell < MIN_COUNTED_CELL) {
                return;
            }
            int k = evaluation.size();
            Rectangle2D plotArea = plot.getBounds();
            double cellWidth = plotArea.getWidth() / k;
            double cellHeight = plotArea.getHeight() / k;
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(countFont);
            FontMetrics metrics = g.getFontMetrics();
            for (int t = 0; t < k; t++) {
                int support = evaluation.support(t);
                for (int p = 0; p < k; p++) {
                    int count = evaluation.count(t, p);
                    if (count == 0) {
                        continue;
                    }
                    String text = String.valueOf(count);
                    g.setColor((double) count / support > 0.5 ? Color.WHITE : Color.BLACK);
                    double x = plotArea.getX() + (p + 0.5) * cellWidth;
                    double y = plotArea.getY() + (t + 0.5) * cellHeight;
                    g.drawString(
                            text,
                            (float) (x - metrics.stringWidth(text) / 2.0),
                            (float) (y + (metrics.getAscent() - metrics.getDescent()) / 2.0));
                }
            }
        }
    }
}
