package dev.classify.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.ConfigurationException;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ModelProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PluginCatalogTest {

    private static PluginCatalog catalogOfTheClassPath() {
        DiscoveredPlugins plugins =
                DiscoveredPlugins.load(List.of(PluginCatalogTest.class.getClassLoader()));
        return new PluginCatalog(
                byName(plugins.models(), ModelProvider::name),
                byName(plugins.augmenters(), AugmenterProvider::name),
                byName(plugins.datasets(), DatasetProvider::name));
    }

    private static <T> Map<String, T> byName(
            List<T> providers, Function<T, String> name) {
        return providers.stream()
                .collect(Collectors.toMap(name, provider -> provider));
    }

    @Test
    void findsProvidersByName() {
        PluginCatalog catalog = catalogOfTheClassPath();

        assertThat(catalog.model("model.type", "simple-cnn").name()).isEqualTo("simple-cnn");
        assertThat(catalog.augmenter("augment.train[0].type", "random-flip").name())
                .isEqualTo("random-flip");
        assertThat(catalog.dataset("data.train.type", "npy").name()).isEqualTo("npy");
    }

    @Test
    void listsTheKnownNamesOfAnUnknownType() {
        PluginCatalog catalog = catalogOfTheClassPath();

        assertThatThrownBy(() -> catalog.model("model.type", "resnt"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("model.type: unknown model 'resnt'; known: [simple-cnn]");
        assertThatThrownBy(() -> catalog.augmenter("augment.eval[2].type", "resize"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.eval[2].type: unknown augmenter 'resize'; known: [normalize,"
                                + " random-flip]");
        assertThatThrownBy(() -> catalog.dataset("data.test.type", "idx"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("data.test.type: unknown dataset 'idx'; known: [npy]");
    }

    @Test
    void theInjectorBindsTheClassPathPlugins() {
        Injector injector = Classify.createInjector(null);

        PluginCatalog catalog = injector.getInstance(PluginCatalog.class);
        assertThat(catalog.models()).containsOnlyKeys("simple-cnn");
        assertThat(catalog.augmenters()).containsOnlyKeys("normalize", "random-flip");
        assertThat(catalog.datasets()).containsOnlyKeys("npy");
        assertThat(injector.getInstance(TrainingPipeline.class)).isNotNull();
        assertThat(injector.getInstance(ConfigurationLoader.class)).isNotNull();
    }

    @Test
    void aMissingOrEmptyPluginFolderAddsNothing(@TempDir Path folder) {
        for (Path plugins : new Path[] {folder, folder.resolve("does-not-exist")}) {
            Injector injector = Classify.createInjector(plugins);

            PluginCatalog catalog = injector.getInstance(PluginCatalog.class);
            assertThat(catalog.models()).containsOnlyKeys("simple-cnn");
            assertThat(catalog.augmenters()).containsOnlyKeys("normalize", "random-flip");
            assertThat(catalog.datasets()).containsOnlyKeys("npy");
            assertThat(injector.getInstance(TrainingPipeline.class)).isNotNull();
        }
    }
}
