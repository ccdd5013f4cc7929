package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails names its target and the operating system's reason, and leaves the target as
 * it was. {@code /dev/full} fails every write with ENOSPC, as a full disk does. (A full disk used
 * to end every command in "internal error: java.io.IOException: No space left on device", naming no
 * file.)
 */
final class AtomicFilesTest {
    private static final Path FULL = Path.of("/dev/full");

    @TempDir Path folder;

    @Test
    void aFullDiskNamesTheFileAndKeepsTheOldOne() throws IOException {
        Assumptions.assumeTrue(Files.exists(FULL), "no /dev/full on this system");
        Path file = Files.writeString(folder.resolve("metrics.csv"), "old");

        assertThatThrownBy(() -> AtomicFiles.writeBytes(file, out -> writeToFullDisk()))
                .isInstanceOfSatisfying(
                        FileWriteException.class,
                        e -> {
                            assertThat(e.getFile()).isEqualTo(file.toString());
                            assertThat(e.getReason()).isEqualTo("No space left on device");
                        })
                .hasMessage(file + ": No space left on device");

        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(folder.toFile().list()).containsExactly("metrics.csv");
    }

    @Test
    void aFullDiskWhileAFolderIsWrittenKeepsTheOldFolder() throws IOException {
        Assumptions.assumeTrue(Files.exists(FULL), "no /dev/full on this system");
        Path model = Files.createDirectories(folder.resolve("model"));
        Files.writeString(model.resolve("model-0000.params"), "old");

        assertThatThrownBy(
                        () ->
                                AtomicFiles.writeDirectory(
                                        model,
                                        temporary -> {
                                            Files.writeString(
                                                    temporary.resolve("model-0000.params"), "new");
                                            writeToFullDisk();
                                        }))
                .isInstanceOf(FileWriteException.class)
                .hasMessage(model + ": No space left on device");

        assertThat(Files.readString(model.resolve("model-0000.params"))).isEqualTo("old");
        assertThat(folder.toFile().list()).containsExactly("model");
    }

    @Test
    void aFolderThatCannotBeCreatedNamesTheFile() throws IOException {
        // A file where a folder should be fails for root too, unlike permission bits.
        Path file = Files.writeString(folder.resolve("somefile"), "x");
        Path target = file.resolve("report.html");

        assertThatThrownBy(() -> AtomicFiles.writeBytes(target, out -> out.write(1)))
                .isInstanceOfSatisfying(
                        FileWriteException.class,
                        e -> assertThat(e.getFile()).isEqualTo(target.toString()));
        assertThatThrownBy(() -> AtomicFiles.writeDirectory(target, temporary -> {}))
                .isInstanceOfSatisfying(
                        FileWriteException.class,
                        e -> assertThat(e.getFile()).isEqualTo(target.toString()));
        assertThat(folder.toFile().list()).containsExactly("somefile");
    }

    @Test
    void aFolderIsReplacedWholeWithoutLeftovers() throws IOException {
        Path model = Files.createDirectories(folder.resolve("model"));
        Files.writeString(model.resolve("old.txt"), "old");

        AtomicFiles.writeDirectory(
                model, temporary -> Files.writeString(temporary.resolve("new.txt"), "new"));

        assertThat(model.toFile().list()).containsExactly("new.txt");
        assertThat(folder.toFile().list()).containsExactly("model");
    }

    /** Writes to /dev/full, which fails as a full disk does. */
    private static void writeToFullDisk() throws IOException {
        try (OutputStream out = new FileOutputStream(FULL.toFile())) {
            out.write(new byte[] {1, 2, 3});
            out.flush();
        }
    }
}
