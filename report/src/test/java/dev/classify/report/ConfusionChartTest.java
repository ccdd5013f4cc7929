package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfusionChartTest {
    private static final Color DARK = new Color(8, 48, 107);
    private static final Color LIGHT = new Color(247, 251, 255);

    @TempDir Path folder;

    /** Two classes, each predicted right 9 times and as the other once. */
    private static Evaluation nineOfTen() {
        int[] truth = new int[20];
        int[] predicted = new int[20];
        for (int i = 0; i < 20; i++) {
            truth[i] = i / 10;
            predicted[i] = i % 10 == 0 ? 1 - truth[i] : truth[i];
        }
        return Evaluation.of(truth, predicted, List.of("<T-shirt & top>", "Trouser"));
    }

    @Test
    void writesAPngOfTheMatrixWithSquareCells() throws IOException {
        Path file = folder.resolve("confusion.png");

        ConfusionChart.write(file, nineOfTen());

        try (InputStream in = Files.newInputStream(file)) {
            assertThat(in.readNBytes(8))
                    .containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        }
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isBetween(200, 800);
        assertThat(image.getHeight()).isBetween(200, 800);
        // The diagonal's two cells, 90% of their row, span a square as wide as the title.
        Rectangle diagonal = bounds(image, shade(Math.sqrt(0.9)));
        assertThat(diagonal.width).isBetween(2 * 56, image.getWidth() - 100);
        assertThat(diagonal.height).isCloseTo(diagonal.width, within(2));
        Rectangle offDiagonal = bounds(image, shade(Math.sqrt(0.1)));
        assertThat(offDiagonal.x).isCloseTo(diagonal.x, within(1));
        assertThat(offDiagonal.width).isCloseTo(diagonal.width, within(1));
    }

    @Test
    void shadesEachCellByItsShareOfTheRowAndWritesItsCount() {
        int[] truth = {0, 0, 0, 0, 1, 1, 1, 1};
        int[] predicted = {0, 0, 0, 0, 1, 1, 1, 0};
        BufferedImage image =
                ConfusionChart.draw(Evaluation.of(truth, predicted, List.of("a", "b")));

        // Row a: 4 of 4 right (darkest), none wrong (lightest); row b: 3 of 4 and 1 of 4.
        Rectangle full = bounds(image, DARK);
        Rectangle none = bounds(image, LIGHT);
        Rectangle quarter = bounds(image, shade(Math.sqrt(0.25)));
        assertThat(full.height).isCloseTo(full.width, within(2));
        assertThat(none.width).isCloseTo(full.width, within(1));
        assertThat(quarter.height).isCloseTo(full.height, within(1));
        assertThat(none.x).isCloseTo(full.x + full.width, within(1));
        assertThat(quarter.y).isCloseTo(full.y + full.height, within(1));
        assertThat(quarter.x).isCloseTo(full.x, within(1));
        // The counts: white text on the dark cell, black on the light one, none where it is 0.
        assertThat(pixels(image, full, Color.WHITE)).isPositive();
        assertThat(pixels(image, quarter, Color.BLACK)).isPositive();
        assertThat(pixels(image, none, Color.BLACK)).isZero();
    }

    @Test
    void keepsAManyClassMatrixWithinAReadableSize() {
        int classes = 120;
        int[] truth = new int[classes];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            truth[k] = k;
            names.add("a rather long class name " + k);
        }
        BufferedImage image = ConfusionChart.draw(Evaluation.of(truth, truth, names));

        assertThat(image.getWidth()).isBetween(classes * 12, 2000);
        assertThat(image.getHeight()).isBetween(classes * 12, 2000);
        assertThat(ConfusionChart.shorten(names.get(0))).hasSize(18);
    }

    /** The colour of a cell whose shade value is {@code t} in [0, 1]. */
    private static Color shade(double t) {
        return new Color(
                (int) Math.round(LIGHT.getRed() + t * (DARK.getRed() - LIGHT.getRed())),
                (int) Math.round(LIGHT.getGreen() + t * (DARK.getGreen() - LIGHT.getGreen())),
                (int) Math.round(LIGHT.getBlue() + t * (DARK.getBlue() - LIGHT.getBlue())));
    }

    /** The bounding box of the pixels within 2 levels of {@code colour} in each channel. */
    private static Rectangle bounds(BufferedImage image, Color colour) {
        Rectangle box = null;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (near(new Color(image.getRGB(x, y)), colour)) {
                    box =
                            box == null
                                    ? new Rectangle(x, y, 1, 1)
                                    : box.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        assertThat(box).as("pixels of " + colour).isNotNull();
        return box;
    }

    private static long pixels(BufferedImage image, Rectangle area, Color colour) {
        long count = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                count += near(new Color(image.getRGB(x, y)), colour) ? 1 : 0;
            }
        }
        return count;
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) <= 2
                && Math.abs(a.getGreen() - b.getGreen()) <= 2
                && Math.abs(a.getBlue() - b.getBlue()) <= 2;
    }
}
