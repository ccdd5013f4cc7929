package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine} on {@code train} and {@code predict}: a PyTorch-trained model predicts the same
 * labels with either engine, and the run records its engine.
 */
final class EngineOptionTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }

    @Test
    void trainsOnPyTorchAndPredictsWithEitherEngine() throws IOException {
        Path config = folder.resolve("config.yaml");
        Files.writeString(
                config,
                """
                data:
                  train: {images: %s/train.npy, labels: %s/train.csv}
                  validation: {size: 1000}
                train: {epochs: 1, batchSize: 64, device: cpu}
                """
                        .formatted(DATA, DATA));
        Path run = folder.resolve("run");
        assertThat(
                        run(
                                "train",
                                "--config",
                                config.toString(),
                                "--engine",
                                "PyTorch",
                                "--output",
                                run.toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("engine: PyTorch");
        assertThat(Files.readString(run.resolve("model").resolve("classify-model.json")))
                .contains("\"engine\" : \"PyTorch\"");

        Path recorded = folder.resolve("recorded.csv");
        Path other = folder.resolve("other.csv");
        String images = DATA.resolve("test.npy").toString();
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                images,
                                "--output",
                                recorded.toString()))
                .as(err.toString())
                .isZero();
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                images,
                                "--output",
                                other.toString(),
                                "--engine",
                                "MXNet"))
                .as(err.toString())
                .isZero();
        assertThat(Files.readAllLines(other)).isEqualTo(Files.readAllLines(recorded)).hasSize(1001);

        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                images,
                                "--output",
                                folder.resolve("x.csv").toString(),
                                "--engine",
                                "Torch"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("unknown engine 'Torch'; known: [MXNet, PyTorch]");
    }
}
