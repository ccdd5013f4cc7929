package dev.classify.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws {@code confusion.png}: the confusion matrix as a heat map, true classes down the side and
 * predicted classes along the bottom, each cell holding its count. A cell's shade is its share of
 * its row (so the diagonal reads as per-class recall), which keeps rare classes as visible as
 * common ones. Written atomically.
 */
final class ConfusionChart {
    private static final int MAX_MATRIX = 900;
    private static final int MARGIN = 16;
    private static final int MAX_LABEL = 18;
    private static final Color DARK = new Color(8, 48, 107);
    private static final Color LIGHT = new Color(247, 251, 255);

    private ConfusionChart() {}

    static void write(Path file, Evaluation evaluation) throws IOException {
        Png.write(file, draw(evaluation));
    }

    static BufferedImage draw(Evaluation evaluation) {
        int k = evaluation.size();
        int cell = Math.max(12, Math.min(56, MAX_MATRIX / k));
        boolean counts = cell >= 22;
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(14, cell / 2)));
        Font countFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(14, cell / 3)));
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics labelMetrics = measure.getFontMetrics(labelFont);
        FontMetrics titleMetrics = measure.getFontMetrics(titleFont);
        int labelWidth = 0;
        for (String name : evaluation.classNames()) {
            labelWidth = Math.max(labelWidth, labelMetrics.stringWidth(shorten(name)));
        }
        measure.dispose();
        int titleHeight = titleMetrics.getHeight();
        int left = MARGIN + titleHeight + 6 + labelWidth + 6;
        int top = MARGIN + titleHeight + 8;
        int matrix = cell * k;
        int width =
                Math.max(
                        left + matrix + MARGIN,
                        2 * MARGIN + titleMetrics.stringWidth(title(evaluation)));
        int height = top + matrix + 6 + labelWidth + 6 + titleHeight + MARGIN;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(titleFont);
            g.drawString(title(evaluation), MARGIN, MARGIN + titleMetrics.getAscent());

            for (int t = 0; t < k; t++) {
                int support = evaluation.support(t);
                for (int p = 0; p < k; p++) {
                    int count = evaluation.count(t, p);
                    double share = support == 0 ? 0 : (double) count / support;
                    int x = left + p * cell;
                    int y = top + t * cell;
                    g.setColor(blend(share));
                    g.fillRect(x, y, cell, cell);
                    if (counts && count > 0) {
                        g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                        g.setFont(countFont);
                        centre(g, String.valueOf(count), x + cell / 2, y + cell / 2);
                    }
                }
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawRect(left, top, matrix, matrix);

            g.setColor(Color.BLACK);
            g.setFont(labelFont);
            for (int i = 0; i < k; i++) {
                String name = shorten(evaluation.classNames().get(i));
                int y = top + i * cell + cell / 2;
                g.drawString(
                        name,
                        left - 6 - labelMetrics.stringWidth(name),
                        y + labelMetrics.getAscent() / 2 - 1);
                // Predicted class names read bottom-up under their column, so long names fit.
                AffineTransform saved = g.getTransform();
                int x = left + i * cell + cell / 2 + labelMetrics.getAscent() / 2 - 1;
                g.translate(x, top + matrix + 6 + labelMetrics.stringWidth(name));
                g.rotate(-Math.PI / 2);
                g.drawString(name, 0, 0);
                g.setTransform(saved);
            }

            g.setFont(titleFont);
            centre(g, "predicted class", left + matrix / 2, height - MARGIN - titleHeight / 2);
            AffineTransform saved = g.getTransform();
            g.translate(MARGIN + titleMetrics.getAscent(), top + matrix / 2);
            g.rotate(-Math.PI / 2);
            centre(g, "true class", 0, -titleMetrics.getAscent() / 2);
            g.setTransform(saved);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static String title(Evaluation evaluation) {
        return String.format(
                java.util.Locale.ROOT,
                "Confusion matrix: %d images, accuracy %.4f",
                evaluation.total(),
                evaluation.accuracy());
    }

    private static Color blend(double share) {
        // Square root: the few confusions off the diagonal stay visible next to a full diagonal.
        double t = Math.sqrt(share);
        return new Color(
                (int) Math.round(LIGHT.getRed() + t * (DARK.getRed() - LIGHT.getRed())),
                (int) Math.round(LIGHT.getGreen() + t * (DARK.getGreen() - LIGHT.getGreen())),
                (int) Math.round(LIGHT.getBlue() + t * (DARK.getBlue() - LIGHT.getBlue())));
    }

    private static void centre(Graphics2D g, String text, int x, int y) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(
                text,
                x - metrics.stringWidth(text) / 2,
                y + (metrics.getAscent() - metrics.getDescent()) / 2);
    }

    /** Long class names are cut, so that the matrix keeps most of the picture. */
    static String shorten(String name) {
        return name.length() <= MAX_LABEL ? name : name.substring(0, MAX_LABEL - 1) + "…";
    }
}
