package dev.classify.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file's bytes decode to the pixels the folder source gives for the file. */
final class ImageFileBytesTest {
    @TempDir Path folder;

    @Test
    void givesTheFolderSourcesPixelsWithTheModelsChannelsAndSize() throws IOException {
        ImageSet source = ImageFileWriter.fashionMnist();
        ImageFileWriter.write(
                folder.resolve("gray.png"),
                ImageFileWriter.gray(ImageFileWriter.grayPixels(source, 3), 28, 28));
        ImageFileWriter.write(
                folder.resolve("rgb.png"),
                ImageFileWriter.rgb(20, 30, (y, x) -> (y * 9 << 16) | (x * 7 << 8) | (x + y)));
        for (int channels : new int[] {1, 3}) {
            ImageSet set =
                    new FolderDatasetProvider()
                            .open(
                                    new DataSource(
                                            folder,
                                            Optional.empty(),
                                            new Options(
                                                    "--images",
                                                    Map.of(
                                                            "channels",
                                                            channels,
                                                            "resize",
                                                            List.of(28, 28)))));
            for (int i = 0; i < set.size(); i++) {
                Path file = folder.resolve(set.id(i));
                float[] expected = new float[channels * 28 * 28];
                set.copyPixels(i, expected, 0);

                float[] decoded =
                        ImageFileBytes.decode(file, Files.readAllBytes(file), channels, 28, 28);

                assertThat(decoded).containsExactly(expected);
            }
        }
    }

    @Test
    void bytesThatAreNoImageAreOneMessageNamingTheFile() {
        Path file = folder.resolve("broken.png");
        byte[] bytes = "\u0089PNG\r\n\u001a\n nothing".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ImageFileBytes.decode(file, bytes, 1, 28, 28))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ": cannot decode the image (")
                .hasMessageEndingWith("re-save it as PNG or JPEG, or remove it");
    }
}
