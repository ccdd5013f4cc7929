package dev.classify.engine.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.classify.api.ImageSet;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.train.PreparedRun;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Draws previews of the committed quick-start subset of Fashion-MNIST (28x28 gray images), once
 * with a flip that always happens and once with a coin-flip one. Maven runs tests in the module
 * folder, so the examples are one level up.
 */
final class AugmentPreviewTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
              validation: {size: 1000}
            augment:
              train:
                - {type: random-flip, probability: %s}
                - {type: normalize, mean: [0.286], std: [0.353]}
              eval:
                - {type: normalize, mean: [0.286], std: [0.353]}
            train: {device: cpu}
            """;

    @TempDir Path folder;

    private static PreparedRun alwaysFlipped;
    private static PreparedRun sometimesFlipped;

    @BeforeAll
    static void prepare() {
        Classify root = Classify.forClassPath();
        Classify pipeline = root;
        alwaysFlipped = pipeline.prepare(config("1"));
        sometimesFlipped = pipeline.prepare(config("0.5"));
    }

    private static PipelineConfig config(String probability) {
        return new ConfigurationLoader()
                .parse(
                        CONFIG.formatted(probability),
                        EXAMPLES,
                        List.of(),
                        Path.of("augment-preview-test.yaml"));
    }

    @Test
    void drawsOneRowPerImageAndAnEvalColumnBeforeTheVariants() {
        AugmentPreview preview = new AugmentPreview(alwaysFlipped, 3, 2, 42);
        BufferedImage grid = preview.draw();

        Rectangle first = preview.cellBounds(0, 0);
        Rectangle last = preview.cellBounds(2, 2);
        assertThat(first.width).isEqualTo(84);
        assertThat(first.height).isEqualTo(84);
        assertThat(preview.cellBounds(0, 1).x).isGreaterThan(first.x + 84);
        assertThat(preview.cellBounds(1, 0).y).isGreaterThan(first.y + 84);
        // Room above the first row and left of the first column for the labels.
        assertThat(first.x).isGreaterThan(20);
        assertThat(first.y).isGreaterThan(10);
        assertThat(grid.getWidth()).isBetween(last.x + last.width, last.x + last.width + 40);
        assertThat(grid.getHeight()).isBetween(last.y + last.height, last.y + last.height + 40);
    }

    @Test
    void showsTheImageInTheEvalColumnAndItsMirrorInTheTrainColumns() {
        AugmentPreview preview = new AugmentPreview(alwaysFlipped, 2, 2, 42);
        BufferedImage grid = preview.draw();
        ImageSet train = alwaysFlipped.train();
        float[] pixels = new float[28 * 28];
        train.copyPixels(0, pixels, 0);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float value : pixels) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        Rectangle eval = preview.cellBounds(0, 0);
        Rectangle flipped = preview.cellBounds(0, 2);
        int asymmetric = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int expected = Math.round((pixels[y * 28 + x] - min) / (max - min) * 255);
                // Every drawn pixel of the 3x3 block of an image pixel has its gray level.
                for (int dy = 0; dy < 3; dy++) {
                    for (int dx = 0; dx < 3; dx++) {
                        int rgb = grid.getRGB(eval.x + 3 * x + dx, eval.y + 3 * y + dy);
                        assertThat(rgb & 0xff).isCloseTo(expected, offset(1));
                        assertThat(rgb >> 16 & 0xff).isEqualTo(rgb & 0xff);
                    }
                }
                int mirrored = grid.getRGB(flipped.x + 3 * (27 - x) + 1, flipped.y + 3 * y + 1);
                assertThat(mirrored).isEqualTo(grid.getRGB(eval.x + 3 * x + 1, eval.y + 3 * y + 1));
                if (pixels[y * 28 + x] != pixels[y * 28 + 27 - x]) {
                    asymmetric++;
                }
            }
        }
        // Otherwise the mirror check would prove nothing.
        assertThat(asymmetric).isGreaterThan(50);
    }

    @Test
    void theSameSeedWritesTheSamePngAndAnotherSeedAnother() throws IOException {
        Path first = folder.resolve("first.png");
        Path again = folder.resolve("again.png");
        Path other = folder.resolve("other.png");
        new AugmentPreview(sometimesFlipped, 8, 4, 42).write(first);
        new AugmentPreview(sometimesFlipped, 8, 4, 42).write(again);
        new AugmentPreview(sometimesFlipped, 8, 4, 7).write(other);

        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.readAllBytes(other)).isNotEqualTo(Files.readAllBytes(first));
        try (var files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("first.png", "again.png", "other.png");
        }
    }

    @Test
    void showsCutMixPastingBoxesBetweenTheShownImages() {
        Classify pipeline = Classify.forClassPath();
        PreparedRun cutmix =
                pipeline.prepare(
                        new ConfigurationLoader()
                                .parse(
                                        CONFIG.formatted("1"),
                                        EXAMPLES,
                                        List.of(
                                                "augment.train=[{type: cutmix, probability: 1}]",
                                                "augment.eval=[]"),
                                        Path.of("augment-preview-test.yaml")));
        AugmentPreview preview = new AugmentPreview(cutmix, 4, 3, 42);
        BufferedImage grid = preview.draw();

        assertThat(preview.mixesImages()).isTrue();
        assertThat(new AugmentPreview(alwaysFlipped, 4, 3, 42).mixesImages()).isFalse();
        // Some train cells differ from their row's eval cell: boxes of other rows were pasted.
        int changedCells = 0;
        for (int row = 0; row < 4; row++) {
            for (int column = 1; column <= 3; column++) {
                changedCells += sameCell(grid, preview, row, column) ? 0 : 1;
            }
        }
        assertThat(changedCells).isGreaterThan(3);
    }

    @Test
    void drawsTrivialAugmentAndRandAugmentTheSameForTheSameSeed() throws IOException {
        Classify pipeline = Classify.forClassPath();
        for (String augmenter : List.of("{type: trivial-augment}", "{type: rand-augment, n: 2}")) {
            PreparedRun run =
                    pipeline.prepare(
                            new ConfigurationLoader()
                                    .parse(
                                            CONFIG.formatted("1"),
                                            EXAMPLES,
                                            List.of("augment.train=[" + augmenter + "]"),
                                            Path.of("augment-preview-test.yaml")));
            AugmentPreview preview = new AugmentPreview(run, 4, 4, 42);
            BufferedImage grid = preview.draw();
            int changedCells = 0;
            for (int row = 0; row < 4; row++) {
                for (int column = 1; column <= 4; column++) {
                    changedCells += sameCell(grid, preview, row, column) ? 0 : 1;
                }
            }
            // 16 variants, each kept by the identity op with probability 1/14 (per op for rand)
            assertThat(changedCells).as(augmenter).isGreaterThan(8);
            Path first = folder.resolve("first.png");
            Path again = folder.resolve("again.png");
            new AugmentPreview(run, 4, 4, 42).write(first);
            new AugmentPreview(run, 4, 4, 42).write(again);
            assertThat(Files.readAllBytes(again))
                    .as(augmenter)
                    .isEqualTo(Files.readAllBytes(first));
            Files.delete(first);
            Files.delete(again);
        }
    }

    private static boolean sameCell(
            BufferedImage grid, AugmentPreview preview, int row, int column) {
        Rectangle eval = preview.cellBounds(row, 0);
        Rectangle cell = preview.cellBounds(row, column);
        for (int y = 0; y < eval.height; y++) {
            for (int x = 0; x < eval.width; x++) {
                if (grid.getRGB(eval.x + x, eval.y + y) != grid.getRGB(cell.x + x, cell.y + y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void enlargesSmallImagesByWholeFactorsAndShrinksLargeOnes() {
        assertThat(AugmentPreview.scale(28, 28)).isEqualTo(3);
        assertThat(AugmentPreview.scale(32, 32)).isEqualTo(3);
        assertThat(AugmentPreview.scale(96, 96)).isEqualTo(1);
        assertThat(AugmentPreview.scale(28, 200)).isEqualTo(1);
        assertThat(AugmentPreview.scale(512, 256)).isEqualTo(0.5);
    }

    @Test
    void rejectsNoImagesOrNoVariants() {
        assertThatThrownBy(() -> new AugmentPreview(alwaysFlipped, 0, 6, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count must be at least 1, got 0");
        assertThatThrownBy(() -> new AugmentPreview(alwaysFlipped, 16, 0, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variants must be at least 1, got 0");
    }
}
