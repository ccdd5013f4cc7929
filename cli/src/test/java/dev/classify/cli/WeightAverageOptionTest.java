package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad {@code train.ema} is one line naming the key, exit code 2, and no run folder. */
final class WeightAverageOptionTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    @TempDir Path folder;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "train.ema=1.5|classify: train.ema.decay: must be between 0 and 1 (exclusive),"
                        + " e.g. 0.999, got 1.5",
                "train.ema={decay: 0}|classify: train.ema.decay: must be between 0 and 1"
                        + " (exclusive), e.g. 0.999, got 0.0",
                "train.ema={warmupSteps: -10}|classify: train.ema.warmupSteps: must be at least 0"
                        + " (0: no warm-up), got -10"
            })
    void aBadValueIsOneLineNamingTheKey(String set, String message) throws IOException {
        Path config = folder.resolve("config.yaml");
        Files.writeString(
                config,
                "data: {train: {images: %s/train.npy, labels: %s/train.csv}}\n"
                        .formatted(DATA, DATA));
        Path run = folder.resolve("run");
        StringWriter err = new StringWriter();

        int code =
                Main.run(
                        new PrintWriter(err, true),
                        "train",
                        "--config",
                        config.toString(),
                        "--set",
                        set,
                        "--output",
                        run.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(message);
        assertThat(run).doesNotExist();
    }
}
