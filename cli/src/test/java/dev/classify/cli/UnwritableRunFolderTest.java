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
 * {@code --resume} into a run folder that cannot be written is one line that says what to do:
 * {@code --resume} takes no {@code --output}, which the message used to suggest.
 */
final class UnwritableRunFolderTest {
    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    @Test
    void resumingAnImmutableRunFolderSaysToMakeItWritableOrCopyIt() throws Exception {
        Path run = runFolder();

        try (ImmutableFolder immutable = ImmutableFolder.of(run)) {
            assertThat(run("train", "--resume", run.toString())).isEqualTo(2);
        }

        assertThat(err.toString())
                .isEqualTo(
                        "classify: "
                                + run.resolve("train-resumed.log")
                                + ": cannot write the log file (Operation not permitted); make the"
                                + " run folder writable and resume again, or copy it elsewhere and"
                                + " resume the copy\n");
        assertThat(run.resolve("train-resumed.log")).doesNotExist();
    }

    @Test
    void resumingAnImmutableRunFolderWithoutALockFileSaysTheSame() throws Exception {
        // A run folder written before run folders had a lock file.
        Path run = runFolder();
        Files.delete(run.resolve(".classify.lock"));

        try (ImmutableFolder immutable = ImmutableFolder.of(run)) {
            assertThat(run("train", "--resume", run.toString())).isEqualTo(2);
        }

        assertThat(err.toString())
                .isEqualTo(
                        "classify: "
                                + run
                                + ": cannot write into the run folder (Operation not permitted);"
                                + " make the run folder writable and resume again, or copy it"
                                + " elsewhere and resume the copy\n");
    }

    /**
     * A run folder as far as a resume reads it before it trains: its configuration, its lock file
     * and a checkpoint (never read: the resume fails before).
     */
    private Path runFolder() throws IOException {
        Path run = Files.createDirectories(folder.resolve("run"));
        CommandProcess.oneEpochConfig(run.resolve("config.yaml"));
        Files.writeString(run.resolve(".classify.lock"), "");
        Files.createDirectories(run.resolve("checkpoints").resolve("last"));
        return run;
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }
}
