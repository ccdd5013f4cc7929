package dev.classify.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ImageSet;
import dev.classify.datasets.FolderDatasetProvider;
import dev.classify.datasets.NpyDatasetProvider;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.models.SimpleCnnProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether training images need a labels file is the dataset plugin's to say. */
final class TrainLabelsCheckTest {
    @TempDir Path work;

    /** A format that carries its labels in its own file, as a CSV of pixels with a label column. */
    private static final class LabelledCsvProvider implements DatasetProvider {
        @Override
        public String name() {
            return "labelled-csv";
        }

        @Override
        public String description() {
            return "pixels and a label column in one CSV file";
        }

        @Override
        public boolean readsOwnLabels() {
            return true;
        }

        @Override
        public ImageSet open(DataSource source) {
            throw new UnsupportedOperationException("not opened by a configuration check");
        }
    }

    private PipelineConfig load(String type) {
        PluginCatalog catalog =
                new PluginCatalog(
                        Map.of("simple-cnn", new SimpleCnnProvider()),
                        Map.of(),
                        Map.of(
                                "npy", new NpyDatasetProvider(),
                                "folder", new FolderDatasetProvider(),
                                "labelled-csv", new LabelledCsvProvider()),
                        Map.of());
        return new ConfigurationLoader(catalog)
                .parse(
                        "data:\n  train: {type: " + type + ", images: train.data}\n",
                        work,
                        List.of(),
                        work.resolve("config.yaml"));
    }

    @Test
    void aFormatWithoutLabelsOfItsOwnNeedsALabelsFile() {
        assertThatThrownBy(() -> load("npy"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "data.train.labels: is required: training images of type npy need a labels"
                                + " file (or a type that reads its own labels: folder,"
                                + " labelled-csv)");
    }

    @Test
    void classFoldersNeedNoLabelsFile() {
        assertThat(load("folder").data().train().labels()).isNull();
    }

    @Test
    void aPluginFormatThatReadsItsOwnLabelsNeedsNoLabelsFile() {
        assertThat(load("labelled-csv").data().train().type()).isEqualTo("labelled-csv");
    }
}
