package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code augment-preview} on the committed quick-start subset of Fashion-MNIST. The command is
 * run through its own {@link CommandLine}, so errors are caught here rather than by {@code Main}.
 */
final class AugmentPreviewCommandTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir Path folder;

    private Exception failure;

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new AugmentPreviewCommand());
        commandLine.setExecutionExceptionHandler(
                (exception, command, parseResult) -> {
                    failure = exception;
                    return 2;
                });
        return commandLine.execute(args);
    }

    private Path config() throws IOException {
        Path data = EXAMPLES.resolve("fashion-mnist-small");
        return Files.writeString(
                folder.resolve("config.yaml"),
                """
                data:
                  train: {images: %s/train.npy, labels: %s/train.csv}
                  validation: {size: 1000}
                augment:
                  train:
                    - {type: random-flip}
                    - {type: normalize, mean: [0.286], std: [0.353]}
                  eval:
                    - {type: normalize, mean: [0.286], std: [0.353]}
                train: {device: cpu}
                """
                        .formatted(data, data));
    }

    @Test
    void writesAGridOfCountRowsAndRefusesToReplaceItWithoutForce() throws IOException {
        Path grid = folder.resolve("grid.png");
        String config = config().toString();

        assertThat(
                        run(
                                "--config", config,
                                "--set", "augment.train[0].probability=1",
                                "--count", "4",
                                "--variants", "3",
                                "--output", grid.toString()))
                .as(String.valueOf(failure))
                .isZero();
        BufferedImage image = ImageIO.read(grid.toFile());
        // Four 84-pixel rows, four 84-pixel columns (eval and three variants) and the labels.
        assertThat(image.getHeight()).isBetween(4 * 84, 4 * 84 + 80);
        assertThat(image.getWidth()).isBetween(4 * 84 + 40, 4 * 84 + 200);
        byte[] written = Files.readAllBytes(grid);

        assertThat(run("--config", config, "--seed", "7", "--output", grid.toString()))
                .isEqualTo(2);
        assertThat(failure)
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("exists; give --force to replace it");
        assertThat(Files.readAllBytes(grid)).isEqualTo(written);

        failure = null;
        assertThat(run("--config", config, "--count", "2", "--output", grid.toString(), "--force"))
                .as(String.valueOf(failure))
                .isZero();
        assertThat(ImageIO.read(grid.toFile()).getHeight()).isLessThan(image.getHeight());
    }

    @Test
    void drawsMixupAndCutMixAndSaysThatTheLabelsShownAreTheImagesOwn() throws IOException {
        Path grid = folder.resolve("mixed.png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code =
                    run(
                            "--config", config().toString(),
                            "--set", "augment.train[2]={type: mixup, alpha: 0.4}",
                            "--set", "augment.train[3]={type: cutmix}",
                            "--count", "4",
                            "--output", grid.toString());
        } finally {
            System.setOut(console);
        }

        assertThat(code).as(String.valueOf(failure)).isZero();
        assertThat(grid).isRegularFile();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("note: mixup and cutmix mix the shown images with each other");
    }

    @Test
    void rejectsACountOutsideItsRangeBeforeReadingAnything() {
        Path grid = folder.resolve("grid.png");
        assertThat(
                        run(
                                "--config", folder.resolve("missing.yaml").toString(),
                                "--count", "0",
                                "--output", grid.toString()))
                .isEqualTo(2);
        assertThat(failure)
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--count must be in 1..100, got 0");
        assertThat(grid).doesNotExist();
    }

    @Test
    void rejectsAnOutputBelowAFile() throws IOException {
        Path file = Files.writeString(folder.resolve("taken.txt"), "x");
        Path grid = file.resolve("grid.png");

        assertThat(run("--config", config().toString(), "--output", grid.toString())).isEqualTo(2);
        assertThat(failure)
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("taken.txt: is a file, not a folder; give another --output");
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
