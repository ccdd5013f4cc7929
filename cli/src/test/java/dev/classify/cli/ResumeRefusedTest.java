package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused resume leaves the run folder as it was, logs included. In a process of its own: the
 * library log file is chosen once per JVM, so only a fresh process writes (or used to leave) a
 * {@code train-resumed.log}.
 */
final class ResumeRefusedTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    @TempDir Path folder;

    @Test
    void aRefusedResumeLeavesNoResumeLog() throws Exception {
        Path config = folder.resolve("one-epoch.yaml");
        Files.writeString(
                config,
                """
                data:
                  train: {images: %s, labels: %s}
                  validation: {size: 1000}
                train: {epochs: 1, batchSize: 64}
                """
                        .formatted(DATA.resolve("train.npy"), DATA.resolve("train.csv")));
        Path run = folder.resolve("run");
        StringWriter err = new StringWriter();
        assertThat(
                        Main.run(
                                new PrintWriter(err, true),
                                "train",
                                "--config",
                                config.toString(),
                                "--output",
                                run.toString()))
                .as(err.toString())
                .isZero();
        List<Path> before = Files.list(run).sorted().toList();

        Path console = folder.resolve("console.txt");
        Process process =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName(),
                                "train",
                                "--resume",
                                run.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(console.toFile())
                        .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String output = Files.readString(console, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("already finished epoch 1");
        assertThat(Files.list(run).sorted().toList()).isEqualTo(before);
    }
}
