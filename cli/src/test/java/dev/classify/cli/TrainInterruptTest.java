package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a real process as soon as its run folder exists, while the data loads and the engine
 * starts: the run must end with exit code 130 and leave no folder behind, as when Ctrl-C comes
 * during the first epoch. (The JVM's own handler, in place until training began, used to end the
 * process there and leave the folder with train.log, which then refused the same --output.)
 */
final class TrainInterruptTest {
    @TempDir Path folder;

    @Test
    void ctrlCWhileTheDataLoadsLeavesNoRunFolder() throws Exception {
        Path config = CommandProcess.oneEpochConfig(folder.resolve("interrupted.yaml"));
        Path run = folder.resolve("run");
        Path console = folder.resolve("console.txt");
        Process process =
                CommandProcess.start(
                        console,
                        "train",
                        "--config",
                        config.toString(),
                        "--output",
                        run.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(run) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(run).as("the run folder, made before the data loads").exists();
            assertThat(
                            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                                    .start()
                                    .waitFor())
                    .isZero();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }

        String output = Files.readString(console, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(130);
        assertThat(output).containsPattern("interrupted (before training started|in epoch 1)");
        assertThat(run).as(output).doesNotExist();
    }
}
