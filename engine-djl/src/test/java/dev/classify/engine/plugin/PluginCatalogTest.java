package dev.classify.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.augment.NormalizeProvider;
import dev.classify.augment.RandomFlipProvider;
import dev.classify.datasets.NpyDatasetProvider;
import dev.classify.engine.Classify;
import dev.classify.models.SimpleCnnProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PluginCatalogTest {

    /** The catalog of this module's test class path, written out so the messages stay exact. */
    private static PluginCatalog catalog() {
        return new PluginCatalog(
                Map.of("simple-cnn", new SimpleCnnProvider()),
                Map.of(
                        "random-flip",
                        new RandomFlipProvider(),
                        "normalize",
                        new NormalizeProvider()),
                Map.of("npy", new NpyDatasetProvider()),
                Map.of());
    }

    @Test
    void findsProvidersByName() {
        PluginCatalog catalog = catalog();

        assertThat(catalog.model("model.type", "simple-cnn").name()).isEqualTo("simple-cnn");
        assertThat(catalog.augmenter("augment.train[0].type", "random-flip").name())
                .isEqualTo("random-flip");
        assertThat(catalog.dataset("data.train.type", "npy").name()).isEqualTo("npy");
    }

    @Test
    void listsTheKnownNamesOfAnUnknownType() {
        PluginCatalog catalog = catalog();

        assertThatThrownBy(() -> catalog.model("model.type", "resnt"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("model.type: unknown model 'resnt'; known: [simple-cnn]");
        assertThatThrownBy(() -> catalog.augmenter("augment.eval[2].type", "rezise"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.eval[2].type: unknown augmenter 'rezise'; known: [normalize,"
                                + " random-flip]");
        assertThatThrownBy(() -> catalog.dataset("data.test.type", "idx"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("data.test.type: unknown dataset 'idx'; known: [npy]");
    }

    @Test
    void listsTheKnownNamesSorted() {
        PluginCatalog catalog = catalog();

        assertThat(catalog.augmenters()).containsOnlyKeys("normalize", "random-flip");
        assertThat(catalog.augmenters().keySet()).containsExactly("normalize", "random-flip");
    }

    @Test
    void theInjectorBindsTheClassPathPlugins() {
        Classify root = Classify.forClassPath();

        PluginCatalog catalog = root.catalog();
        assertThat(catalog.models())
                .containsOnlyKeys("simple-cnn", "resnet", "se-resnet", "resnet9");
        assertThat(catalog.augmenters()).containsKeys("normalize", "random-flip");
        assertThat(catalog.datasets()).containsKeys("npy", "idx");
        assertThat(root.configurationLoader()).isNotNull();
    }

    @Test
    void aMissingOrEmptyPluginFolderAddsNothing(@TempDir Path folder) {
        for (Path plugins : new Path[] {folder, folder.resolve("does-not-exist")}) {
            Classify root = Classify.forPlugins(plugins);

            PluginCatalog catalog = root.catalog();
            assertThat(catalog.models())
                    .containsOnlyKeys("simple-cnn", "resnet", "se-resnet", "resnet9");
            assertThat(catalog.augmenters()).containsKeys("normalize", "random-flip");
            assertThat(catalog.datasets()).containsKeys("npy", "idx");
            assertThat(root.configurationLoader()).isNotNull();
        }
    }
}
