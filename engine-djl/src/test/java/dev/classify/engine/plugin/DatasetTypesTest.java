package dev.classify.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DatasetTypesTest {
    @TempDir Path folder;

    @Test
    void infersTheFormatFromThePath() throws IOException {
        Path rawFile = Files.writeString(folder.resolve("pixels"), "x");

        assertThat(DatasetTypes.infer(folder)).isEqualTo("folder");
        assertThat(DatasetTypes.infer(folder.resolve("photo.JPG"))).isEqualTo("folder");
        assertThat(DatasetTypes.infer(folder.resolve("train-images-idx3-ubyte.gz")))
                .isEqualTo("idx");
        assertThat(DatasetTypes.infer(folder.resolve("train.npy"))).isEqualTo("npy");
        assertThat(DatasetTypes.infer(folder.resolve("train.npz"))).isEqualTo("npy");
        assertThat(DatasetTypes.infer(rawFile)).isEqualTo("npy");
    }

    @Test
    void aMissingPathWithoutExtensionIsAMistypedFolder() {
        // Reported by the folder plugin as not found, not as an npy file without labels.
        assertThat(DatasetTypes.infer(folder.resolve("tarin"), false)).isEqualTo("folder");
        // With a labels file it stays an npy file that is not found.
        assertThat(DatasetTypes.infer(folder.resolve("tarin"), true)).isEqualTo("npy");
    }
}
