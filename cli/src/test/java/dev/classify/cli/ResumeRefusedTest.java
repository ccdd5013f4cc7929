package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused resume leaves the run folder as it was, logs included. In a process of its own: the
 * library log file is chosen once per JVM, so only a fresh process writes (or used to leave) a
 * {@code train-resumed.log}.
 */
final class ResumeRefusedTest {
    @TempDir Path folder;

    @Test
    void aRefusedResumeLeavesNoResumeLog() throws Exception {
        Path config = CommandProcess.oneEpochConfig(folder.resolve("one-epoch.yaml"));
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
        List<Path> before = listing(run);

        Path console = folder.resolve("console.txt");
        Process process = CommandProcess.start(console, "train", "--resume", run.toString());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String output = Files.readString(console, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("already finished epoch 1");
        assertThat(listing(run)).isEqualTo(before);
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
