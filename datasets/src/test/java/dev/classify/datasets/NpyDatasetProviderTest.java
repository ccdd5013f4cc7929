package dev.classify.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NpyDatasetProviderTest {
    private final NpyDatasetProvider provider = new NpyDatasetProvider();

    @TempDir Path folder;

    @Test
    void serviceLoaderFindsExactlyTheDeclaredProviders() {
        assertThat(ServiceLoader.load(DatasetProvider.class).stream())
                .extracting(provider -> provider.get().name())
                .containsExactly("npy", "idx", "folder");
    }

    @Test
    void describesItself() {
        assertThat(provider.name()).isEqualTo("npy").matches("[a-z][a-z0-9-]*");
        assertThat(provider.description()).contains(".npy").contains("CSV");
    }

    @Test
    void opensImagesWithLabels() {
        ImageSet set =
                provider.open(
                        new DataSource(
                                NpyFiles.fashionMnistImages(),
                                Optional.of(NpyFiles.fashionMnistLabels()),
                                options(Map.of())));

        assertThat(set.size()).isEqualTo(64);
        assertThat(set.hasLabels()).isTrue();
        assertThat(set.label(0)).isEqualTo(3);
        assertThat(set.classNames()).hasSize(10);
    }

    @Test
    void opensImagesWithoutLabels() {
        ImageSet set =
                provider.open(
                        new DataSource(
                                NpyFiles.fashionMnistImages(),
                                Optional.empty(),
                                options(Map.of())));

        assertThat(set.size()).isEqualTo(64);
        assertThat(set.hasLabels()).isFalse();
    }

    @Test
    void readsConfiguredColumnNames() throws IOException {
        Path labels = Files.writeString(folder.resolve("classes.csv"), "image,class\n1,4\n0,2\n");
        Path images = NpyFiles.write(folder.resolve("two.npy"), "|u1", "(2, 1, 1)", new byte[2]);

        ImageSet set =
                provider.open(
                        new DataSource(
                                images,
                                Optional.of(labels),
                                options(Map.of("idColumn", "image", "labelColumn", "class"))));

        assertThat(set.label(0)).isEqualTo(2);
        assertThat(set.label(1)).isEqualTo(4);
        assertThat(set.classNames()).hasSize(5);
    }

    @Test
    void rejectsUnknownAndBlankOptionsTogether() {
        DataSource source =
                new DataSource(
                        NpyFiles.fashionMnistImages(),
                        Optional.empty(),
                        options(Map.of("labelColumn", " ", "idColum", "id")));

        assertThatThrownBy(() -> provider.open(source))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("data.train.labelColumn: must name a CSV column")
                .hasMessageContaining(
                        "data.train.idColum: unknown option 'idColum'; known: [array, idColumn,"
                                + " labelColumn, labelsArray, layout, scale, shape]");
    }

    @Test
    void rejectsAMissingImagesFile() {
        DataSource source =
                new DataSource(folder.resolve("train.npy"), Optional.empty(), options(Map.of()));

        assertThatThrownBy(() -> provider.open(source))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("train.npy: file not found")
                .hasMessageContaining("check data.train.images");
    }

    @Test
    void rejectsAMissingLabelsFile() {
        DataSource source =
                new DataSource(
                        NpyFiles.fashionMnistImages(),
                        Optional.of(folder.resolve("train.csv")),
                        new Options("data.train.options", Map.of()));

        assertThatThrownBy(() -> provider.open(source))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("train.csv: file not found")
                .hasMessageContaining("check data.train.labels");
    }

    @Test
    void rejectsAFolderAsImages() {
        DataSource source = new DataSource(folder, Optional.empty(), options(Map.of()));

        assertThatThrownBy(() -> provider.open(source))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("is a folder, expected a file");
    }

    @Test
    void rejectsLabelsThatDoNotMatchTheImages() throws IOException {
        Path labels = Files.writeString(folder.resolve("labels.csv"), "id,label\n0,1\n");

        DataSource source =
                new DataSource(
                        NpyFiles.fashionMnistImages(), Optional.of(labels), options(Map.of()));

        assertThatThrownBy(() -> provider.open(source))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("labels.csv")
                .hasMessageContaining("1 label rows for 64 images");
    }

    private static Options options(Map<String, Object> values) {
        return new Options("data.train", values);
    }
}
