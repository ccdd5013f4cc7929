package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.report.FileWriteException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The one line for a file that cannot be written names it, the reason and the fix; a resumed run,
 * which must write into its own folder, is never told to give another {@code --output}.
 */
final class WriteFailureTest {
    private static final Path METRICS = Path.of("runs", "x", "metrics.csv");

    @Test
    void aFullDiskSaysToFreeSpace() {
        // What a write to a full disk (or to /dev/full) throws: no file, the reason as message.
        FileWriteException e =
                new FileWriteException(METRICS, new IOException("No space left on device"));

        assertThat(WriteFailure.message(e, false))
                .isEqualTo(
                        "runs/x/metrics.csv: cannot write (No space left on device); free some"
                                + " space or give another --output");
        assertThat(WriteFailure.message(e, true))
                .isEqualTo(
                        "runs/x/metrics.csv: cannot write (No space left on device); free some"
                                + " space and resume again");
    }

    @Test
    void aReadOnlyFolderSaysToMakeItWritable() {
        FileWriteException e =
                new FileWriteException(
                        METRICS,
                        new FileSystemException(
                                "runs/x/.metrics.csv.1-2.tmp", null, "Read-only file system"));

        assertThat(WriteFailure.message(e, false))
                .isEqualTo(
                        "runs/x/metrics.csv: cannot write (Read-only file system); make the folder"
                                + " writable or give another --output");
        assertThat(WriteFailure.message(e, true))
                .isEqualTo(
                        "runs/x/metrics.csv: cannot write (Read-only file system); make the run"
                                + " folder writable and resume again, or copy it elsewhere and"
                                + " resume the copy")
                .doesNotContain("--output");
    }
}
