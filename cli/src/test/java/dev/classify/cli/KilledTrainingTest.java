package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.report.KilledCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
 * Trainings killed (a child JVM halting itself, as {@code kill -9} ends it) at the points where
 * they used to leave a run that no command could use: between the two renames that replace {@code
 * model/} or {@code checkpoints/last} (then "no trained model here" and "no checkpoint here",
 * although both copies were on disk), after the last checkpoint but before the results (then
 * "already finished epoch N", with no evaluation or submission ever written), and before the first
 * epoch ended (then the same command said "run folder exists and is not empty").
 */
final class KilledTrainingTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    @Test
    void aModelLeftHalfReplacedIsRestoredForPredict() throws Exception {
        // No hold-out: every epoch is the best, so that epoch 2 replaces model/.
        Path run = folder.resolve("run");
        killed(
                "model",
                "MOVED_AWAY",
                "train",
                "--config",
                config(2, 0),
                "--output",
                run.toString());
        assertThat(run.resolve("model")).as("what the kill leaves").doesNotExist();

        Path predictions = folder.resolve("predictions.csv");
        String console =
                output(
                        "predict",
                        "--model",
                        run.toString(),
                        "--images",
                        DATA.resolve("test.npy").toString(),
                        "--output",
                        predictions.toString());

        assertThat(console)
                .contains(
                        "note: restored "
                                + run.resolve("model")
                                + ", which a killed training left half replaced");
        assertThat(Files.readAllLines(predictions)).hasSize(1001);
        assertThat(names(run)).noneMatch(name -> name.startsWith(".model."));
    }

    @Test
    void aCheckpointLeftHalfReplacedIsRestoredAndTheRunFinished() throws Exception {
        Path run = folder.resolve("run");
        killed(
                "last",
                "MOVED_AWAY",
                "train",
                "--config",
                config(2, 1000),
                "--output",
                run.toString());
        Path last = run.resolve("checkpoints").resolve("last");
        assertThat(last).as("what the kill leaves").doesNotExist();

        String console = output("train", "--resume", run.toString());

        // The new checkpoint was complete: epoch 2 is kept, and its results written.
        assertThat(console)
                .contains("note: restored " + last + ", which a killed training left half replaced")
                .contains("the run finished epoch 2 but was stopped before it wrote metrics.csv");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(3);
        assertThat(run.resolve("submission.csv")).exists();
        assertThat(run.resolve("evaluation").resolve("metrics.json")).exists();
        assertThat(names(last.getParent())).containsExactly("best", "last");
    }

    @Test
    void aRunKilledAfterItsLastCheckpointIsFinishedByResume() throws Exception {
        Path run = folder.resolve("run");
        killed(
                "last",
                "MOVED_IN",
                "train",
                "--config",
                config(1, 1000),
                "--output",
                run.toString());
        assertThat(run.resolve("metrics.csv")).as("what the kill leaves").doesNotExist();

        String console = output("train", "--resume", run.toString());

        assertThat(console)
                .contains(
                        "the run finished epoch 1 but was stopped before it wrote metrics.csv,"
                                + " curves.png, submission.csv and evaluation/: writing them now")
                .contains("finishing after epoch 1:")
                .contains("wrote " + run.resolve("submission.csv") + " (1000 predictions")
                .doesNotContain("epoch 2");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(2);
        assertThat(run.resolve("curves.png")).exists();
        assertThat(run.resolve("evaluation").resolve("metrics.json")).exists();

        // Finished now: resuming again is refused, as for a run that was never killed.
        assertThat(run("train", "--resume", run.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("the run already finished epoch 1");
    }

    @Test
    void aRunKilledBeforeItsFirstEpochEndedCanBeTrainedAgain() throws Exception {
        Path run = folder.resolve("run");
        String[] command = {"train", "--config", config(1, 1000), "--output", run.toString()};
        killed("model", "WRITTEN", command);
        assertThat(names(run))
                .contains("config.yaml", "holdout.csv", "train.log")
                .doesNotContain("checkpoints", "metrics.csv");

        assertThat(run("train", "--resume", run.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains(run + ": nothing to resume: the run was stopped before its first epoch");

        String console = output(command);

        assertThat(console)
                .contains(
                        "note: "
                                + run
                                + " held only the start of a run stopped before its first epoch"
                                + " ended (config.yaml, holdout.csv, train.log); replacing it");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(2);
        assertThat(names(run)).noneMatch(name -> name.startsWith(".model."));
    }

    @Test
    void aFolderHoldingAnythingElseIsNeverReplaced() throws IOException {
        String config = config(1, 1000);
        Path notes = folder.resolve("notes");
        Files.createDirectories(notes);
        Files.writeString(notes.resolve("config.yaml"), "mine");
        Files.writeString(notes.resolve("train.log"), "mine");
        Files.writeString(notes.resolve("notes.txt"), "mine");
        Path trained = folder.resolve("trained");
        Files.createDirectories(trained.resolve("checkpoints").resolve("last"));
        Files.writeString(trained.resolve("config.yaml"), "mine");

        for (Path run : List.of(notes, trained)) {
            assertThat(run("train", "--config", config, "--output", run.toString())).isEqualTo(2);
            assertThat(err.toString()).contains(run + ": run folder exists and is not empty");
            assertThat(Files.readString(run.resolve("config.yaml"))).isEqualTo("mine");
        }
        assertThat(names(notes)).containsExactly("config.yaml", "notes.txt", "train.log");
    }

    /** A configuration of {@code epochs} on the quick-start images, with its test images. */
    private String config(int epochs, int holdOut) throws IOException {
        return Files.writeString(
                        folder.resolve("config-" + epochs + "-" + holdOut + ".yaml"),
                        """
                        data:
                          train: {images: %s, labels: %s}
                          test: {images: %s}
                          validation: {size: %d}
                        train: {epochs: %d, batchSize: 64}
                        """
                                .formatted(
                                        DATA.resolve("train.npy"),
                                        DATA.resolve("train.csv"),
                                        DATA.resolve("test.npy"),
                                        holdOut,
                                        epochs))
                .toString();
    }

    /**
     * Runs {@code classify ARGS} in a JVM killed at the first {@code step} of replacing {@code
     * name}.
     */
    private void killed(String name, String step, String... args) throws Exception {
        String[] command = new String[args.length + 3];
        command[0] = name;
        command[1] = step;
        command[2] = "1";
        System.arraycopy(args, 0, command, 3, args.length);
        Path console = folder.resolve("killed-console.txt");
        Process process = CommandProcess.startMain(console, KilledCommand.class.getName(), command);
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue())
                .as(Files.readString(console, StandardCharsets.UTF_8))
                .isEqualTo(KilledCommand.HALTED);
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }

    /** Runs the command line, which must succeed, and returns what it printed. */
    private String output(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(run(args)).as(err.toString()).isZero();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
