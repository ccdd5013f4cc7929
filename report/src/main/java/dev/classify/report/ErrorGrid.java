package dev.classify.report;

import dev.classify.api.ImageSet;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws {@code errors.png}: the first misclassified images in input order, at most {@value
 * #MAX_IMAGES}, in a grid of {@value #COLUMNS} columns, each scaled to {@value #TILE} pixels on its
 * longer side and captioned with its id and {@code true -> predicted} class names. Written
 * atomically.
 */
final class ErrorGrid {
    static final int MAX_IMAGES = 64;
    static final int COLUMNS = 8;
    static final int TILE = 112;
    private static final int GAP = 8;
    private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ErrorGrid() {}

    /**
     * Writes the grid.
     *
     * @param truth the true class index of each image of {@code images}
     * @param predicted the predicted class index of each image
     * @param classNames the model's class names, indexed by class
     */
    static void write(
            Path file, ImageSet images, int[] truth, int[] predicted, List<String> classNames)
            throws IOException {
        BufferedImage image = draw(images, truth, predicted, classNames);
        Png.write(file, image);
    }

    static BufferedImage draw(
            ImageSet images, int[] truth, int[] predicted, List<String> classNames) {
        List<Integer> errors = errors(truth, predicted);
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics metrics = measure.getFontMetrics(CAPTION);
        measure.dispose();
        int lineHeight = metrics.getHeight();
        int columns = Math.max(1, Math.min(COLUMNS, errors.size()));
        int rows = Math.max(1, (errors.size() + COLUMNS - 1) / COLUMNS);
        int tileHeight = TILE + 2 * lineHeight + 4;
        int width = GAP + columns * (TILE + GAP);
        int height = GAP + rows * (tileHeight + GAP);
        if (errors.isEmpty()) {
            width = 2 * GAP + metrics.stringWidth("no misclassified images") + 2 * GAP;
            height = 2 * GAP + lineHeight;
        }
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(CAPTION);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            if (errors.isEmpty()) {
                g.setColor(Color.BLACK);
                g.drawString("no misclassified images", 2 * GAP, GAP + metrics.getAscent());
            }
            float[] pixels = new float[images.channels() * images.height() * images.width()];
            for (int n = 0; n < errors.size(); n++) {
                int index = errors.get(n);
                int x = GAP + (n % COLUMNS) * (TILE + GAP);
                int y = GAP + (n / COLUMNS) * (tileHeight + GAP);
                images.copyPixels(index, pixels, 0);
                drawTile(g, images, pixels, x, y);
                String classes =
                        classNames.get(truth[index]) + " -> " + classNames.get(predicted[index]);
                g.setColor(new Color(200, 0, 0));
                g.drawString(fit(metrics, classes), x, y + TILE + 2 + metrics.getAscent());
                g.setColor(Color.DARK_GRAY);
                g.drawString(
                        fit(metrics, "id " + images.id(index)),
                        x,
                        y + TILE + 2 + lineHeight + metrics.getAscent());
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /** The indices of the first {@value #MAX_IMAGES} misclassified images, in input order. */
    private static List<Integer> errors(int[] truth, int[] predicted) {
        List<Integer> errors = new ArrayList<>();
        for (int i = 0; i < truth.length && errors.size() < MAX_IMAGES; i++) {
            if (truth[i] != predicted[i]) {
                errors.add(i);
            }
        }
        return errors;
    }

    /** Draws {@code pixels}, an image of {@code images}, centred in the tile at x, y. */
    private static void drawTile(Graphics2D g, ImageSet images, float[] pixels, int x, int y) {
        BufferedImage picture = picture(images, pixels);
        // Nearest neighbour keeps small images' pixels sharp; larger ones are smoothed.
        boolean upscale = Math.max(images.height(), images.width()) <= TILE;
        g.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION,
                upscale
                        ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                        : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double scale = (double) TILE / Math.max(images.height(), images.width());
        int w = (int) Math.round(images.width() * scale);
        int h = (int) Math.round(images.height() * scale);
        g.drawImage(picture, x + (TILE - w) / 2, y + (TILE - h) / 2, w, h, null);
    }

    /** The image's pixels, grayscale or RGB, from CHW floats in [0, 1]. */
    private static BufferedImage picture(ImageSet images, float[] pixels) {
        int width = images.width();
        int height = images.height();
        int plane = width * height;
        boolean rgb = images.channels() >= 3;
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int r = level(pixels[i]);
                int green = rgb ? level(pixels[plane + i]) : r;
                int b = rgb ? level(pixels[2 * plane + i]) : r;
                picture.setRGB(x, y, (r << 16) | (green << 8) | b);
            }
        }
        return picture;
    }

    private static int level(float value) {
        return Math.max(0, Math.min(255, Math.round(value * 255)));
    }

    /** Cuts {@code text} to the tile's width. */
    private static String fit(FontMetrics metrics, String text) {
        if (metrics.stringWidth(text) <= TILE) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > TILE) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
