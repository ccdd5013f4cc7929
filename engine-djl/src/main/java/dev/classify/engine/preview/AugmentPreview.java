package dev.classify.engine.preview;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.classify.api.ImageSet;
import dev.classify.engine.data.BatchAssembler;
import dev.classify.engine.train.PreparedRun;
import dev.classify.report.Png;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draws what the augmentation of a configuration does, as a grid: one row per image (the first
 * images of the training set, labelled with their class name and id), the image through the
 * evaluation pipeline in the first column ("eval", what validation sees), then independently
 * augmented versions through the training pipeline ("train 1" .. "train N").
 *
 * <p>Each training column is one batch of all shown images augmented with its own random stream,
 * split in column order from a {@link SplittableRandom} seeded with the given seed: the same seed
 * draws the same picture, and the shown images do not depend on the seed.
 *
 * <p>Steps that mix images of a batch ({@code mixup}, {@code cutmix}) mix the shown images with
 * each other, each column being one batch; the row labels stay the images' own (training mixes the
 * labels too, see {@link #mixesImages}).
 *
 * <p>Pixels are scaled for display by each cell's own minimum and maximum (over all its channels),
 * not by undoing the configured {@code normalize}: that works whatever steps the pipelines hold, at
 * the price of stretching the contrast of images that do not span [0, 1]. A cell of one constant
 * value is drawn mid-gray. Three channels are drawn as RGB, any other count as gray from the first
 * channel. Small images are enlarged by whole factors, nearest neighbour, so that their pixels can
 * be seen (28x28 becomes 84x84, see {@link #scale}); images larger than {@value #MAX_CELL} pixels
 * are shrunk to fit.
 *
 * <p>Uses the native engine on the run's device. Not thread safe.
 */
public final class AugmentPreview {
    /** The smallest side of a drawn cell in pixels, unless the images are larger. */
    public static final int MIN_CELL = 84;

    /** The largest side of a drawn cell in pixels. */
    public static final int MAX_CELL = 256;

    private static final int GAP = 4;
    private static final int MARGIN = 8;
    private static final int EVAL_GAP = 3 * GAP;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private final PreparedRun prepared;
    private final int count;
    private final int variants;
    private final long seed;

    /**
     * Creates a preview of {@code prepared}'s augmentation.
     *
     * @param prepared the run whose training images and pipelines are shown
     * @param count how many images (rows) to show, at least 1; fewer when the training set is
     *     smaller
     * @param variants how many augmented versions (columns after "eval") per image, at least 1
     * @param seed the seed of every random decision of the training pipeline
     */
    public AugmentPreview(PreparedRun prepared, int count, int variants, long seed) {
        this.prepared = requireNonNull(prepared, "prepared is null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (variants < 1) {
            throw new IllegalArgumentException("variants must be at least 1, got " + variants);
        }
        this.count = Math.min(count, prepared.train().size());
        this.variants = variants;
        this.seed = seed;
    }

    /**
     * Returns how many drawn pixels one image pixel takes per side: a whole factor that brings the
     * smaller side to {@link #MIN_CELL} without the larger passing {@link #MAX_CELL}, or a fraction
     * below 1 for images larger than {@link #MAX_CELL}.
     */
    static double scale(int height, int width) {
        int largest = Math.max(height, width);
        if (largest > MAX_CELL) {
            return (double) MAX_CELL / largest;
        }
        int smallest = Math.min(height, width);
        int enlarge = (MIN_CELL + smallest - 1) / smallest;
        return Math.max(1, Math.min(enlarge, MAX_CELL / largest));
    }

    /**
     * Returns whether the training list mixes images of a batch with each other (mixup, cutmix), so
     * that a caller can say that the drawn labels are not the mixed ones.
     */
    public boolean mixesImages() {
        return prepared.trainAugment().mixesLabels();
    }

    /** Draws the grid as an RGB image. */
    public BufferedImage draw() {
        List<float[]> columns = augmentedColumns();
        Layout layout = layout();
        BufferedImage grid =
                new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = grid.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, layout.width(), layout.height());
            graphics.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION,
                    layout.scale() >= 1
                            ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                            : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setFont(FONT);
            graphics.setColor(Color.BLACK);
            drawColumns(graphics, layout, columns);
            drawRowLabels(graphics, layout);
        } finally {
            graphics.dispose();
        }
        return grid;
    }

    /**
     * The shown images' pixels, CHW image after image: through the evaluation pipeline, then once
     * through the training pipeline per variant.
     */
    private List<float[]> augmentedColumns() {
        int[] indices = IntStream.range(0, count).toArray();
        List<float[]> columns = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(prepared.device(), prepared.engine())) {
            NDArray images =
                    new BatchAssembler(prepared.train()).images(manager, indices, 0, count);
            // The evaluation pipeline is meant to be deterministic; a fixed stream keeps it so.
            columns.add(
                    prepared.evalAugment()
                            .apply(images, new SplittableRandom(seed))
                            .toFloatArray());
            SplittableRandom root = new SplittableRandom(seed);
            for (int v = 0; v < variants; v++) {
                columns.add(prepared.trainAugment().apply(images, root.split()).toFloatArray());
            }
        }
        return columns;
    }

    /** Draws each column's header and images. */
    private void drawColumns(Graphics2D graphics, Layout layout, List<float[]> columns) {
        FontMetrics metrics = graphics.getFontMetrics();
        int[] chw = layout.shape();
        int imageSize = chw[0] * chw[1] * chw[2];
        List<String> headers = headers();
        for (int c = 0; c < columns.size(); c++) {
            Rectangle column = layout.cell(0, c);
            String header = headers.get(c);
            graphics.drawString(
                    header,
                    column.x + (column.width - metrics.stringWidth(header)) / 2,
                    MARGIN + metrics.getAscent());
            for (int r = 0; r < count; r++) {
                Rectangle bounds = layout.cell(r, c);
                graphics.drawImage(
                        CellImage.of(columns.get(c), r * imageSize, chw),
                        bounds.x,
                        bounds.y,
                        bounds.width,
                        bounds.height,
                        null);
            }
        }
    }

    /** Draws each row's label, right-aligned left of its images. */
    private void drawRowLabels(Graphics2D graphics, Layout layout) {
        FontMetrics metrics = graphics.getFontMetrics();
        List<String> rowLabels = rowLabels();
        for (int r = 0; r < count; r++) {
            Rectangle bounds = layout.cell(r, 0);
            String label = rowLabels.get(r);
            graphics.drawString(
                    label,
                    layout.labelRight() - metrics.stringWidth(label),
                    bounds.y + (bounds.height + metrics.getAscent() - metrics.getDescent()) / 2);
        }
    }

    /**
     * Draws the grid and writes it as a PNG, atomically, replacing {@code file}.
     *
     * @throws IOException when the file cannot be written
     */
    public void write(Path file) throws IOException {
        Png.write(file, draw());
    }

    /** Where the image of {@code row} in {@code column} (0 is "eval") is drawn in the grid. */
    Rectangle cellBounds(int row, int column) {
        return layout().cell(row, column);
    }

    private List<String> headers() {
        List<String> headers = new ArrayList<>();
        headers.add("eval");
        for (int v = 1; v <= variants; v++) {
            headers.add("train " + v);
        }
        return headers;
    }

    private List<String> rowLabels() {
        ImageSet train = prepared.train();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add(prepared.classNames().get(train.label(i)) + " #" + train.id(i));
        }
        return labels;
    }

    private Layout layout() {
        int[] chw = prepared.evalAugment().outputShape(prepared.imageShape());
        double scale = scale(chw[1], chw[2]);
        int cellHeight = (int) Math.round(chw[1] * scale);
        int cellWidth = (int) Math.round(chw[2] * scale);
        // Measures text on a scratch image: the grid's size depends on the labels' widths.
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics metrics = measure.getFontMetrics(FONT);
        measure.dispose();
        int labelWidth = 0;
        for (String label : rowLabels()) {
            labelWidth = Math.max(labelWidth, metrics.stringWidth(label));
        }
        int columnWidth = cellWidth;
        for (String header : headers()) {
            columnWidth = Math.max(columnWidth, metrics.stringWidth(header));
        }
        int left = MARGIN + labelWidth + 2 * GAP;
        int top = MARGIN + metrics.getHeight() + GAP;
        int width = left + (variants + 1) * (columnWidth + GAP) + EVAL_GAP + MARGIN;
        int height = top + count * (cellHeight + GAP) + MARGIN;
        return new Layout(
                chw,
                scale,
                MARGIN + labelWidth,
                left,
                top,
                columnWidth,
                cellWidth,
                cellHeight,
                width,
                height);
    }

    /** Positions in the grid, in pixels. */
    private record Layout(
            int[] shape,
            double scale,
            int labelRight,
            int left,
            int top,
            int columnWidth,
            int cellWidth,
            int cellHeight,
            int width,
            int height) {
        Rectangle cell(int row, int column) {
            // The eval column stands apart from the training columns.
            int x = left + column * (columnWidth + GAP) + (column > 0 ? EVAL_GAP : 0);
            return new Rectangle(
                    x + (columnWidth - cellWidth) / 2,
                    top + row * (cellHeight + GAP),
                    cellWidth,
                    cellHeight);
        }
    }
}
