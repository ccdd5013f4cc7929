package dev.classify.datasets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices given as data files are refused at once instead of read for gigabytes, and a labels file
 * too large to hold is refused by its size.
 */
final class SpecialFilesTest {
    private static final Path ZERO = Path.of("/dev/zero");
    private static final Path RANDOM = Path.of("/dev/urandom");

    @TempDir Path folder;

    @BeforeAll
    static void needsDevices() {
        assumeThat(Files.exists(ZERO) && Files.exists(RANDOM))
                .as("a system with /dev/zero and /dev/urandom")
                .isTrue();
    }

    @Test
    void refusesADeviceAsLabels() {
        assertThatThrownBy(
                        () ->
                                open(
                                        new NpyDatasetProvider(),
                                        NpyFiles.fashionMnistImages(),
                                        Optional.of(RANDOM)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        "/dev/urandom: is not a regular file but a device, pipe or socket, which"
                                + " may never end; give a file; check data.train.labels");
        assertThatThrownBy(() -> CsvLabels.read(RANDOM, "id", "label", 64))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageEndingWith("which may never end; give a labels file");
    }

    @Test
    void refusesADeviceAsImagesOfEveryType() {
        assertThatThrownBy(() -> open(new NpyDatasetProvider(), ZERO, Optional.empty()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("/dev/zero: is not a regular file but a device");
        assertThatThrownBy(() -> open(new IdxDatasetProvider(), ZERO, Optional.empty()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("/dev/zero: is not a regular file but a device");
        assertThatThrownBy(() -> open(new FolderDatasetProvider(), ZERO, Optional.empty()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("/dev/zero: is not a regular file but a device");
    }

    @Test
    void refusesALabelsFileLargerThanTheMemoryBudgetBeforeReadingIt() throws IOException {
        // A sparse file: as large as declared, nothing written.
        Path labels = folder.resolve("labels.csv");
        long size = MemoryBudget.maxBytes() / 2 + 1;
        try (RandomAccessFile file = new RandomAccessFile(labels.toFile(), "rw")) {
            file.setLength(size);
        }

        assertThatThrownBy(() -> CsvLabels.read(labels, "id", "label", 64))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(labels + ": is " + MemoryBudget.size(size) + " of text, ")
                .hasMessageContaining(
                        "in memory, more than the " + MemoryBudget.size(MemoryBudget.maxBytes()));
    }

    private static void open(DatasetProvider provider, Path images, Optional<Path> labels) {
        provider.open(new DataSource(images, labels, new Options("data.train", Map.of())));
    }
}
