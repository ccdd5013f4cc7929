package dev.classify.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Block;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.ConfigurationException;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DiscoveredPluginsTest {

    /** A model provider that only has a name; discovery never builds a model. */
    private static class NamedModel implements ModelProvider {
        private final String name;

        NamedModel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a fake named " + name;
        }

        @Override
        public Block create(ModelSpec spec) {
            throw new UnsupportedOperationException("a fake builds no model");
        }
    }

    private static final class FirstFake extends NamedModel {
        FirstFake() {
            super("fake");
        }
    }

    private static final class SecondFake extends NamedModel {
        SecondFake() {
            super("fake");
        }
    }

    @Test
    void findsExactlyThePluginsOnTheTestClassPath() {
        DiscoveredPlugins plugins =
                DiscoveredPlugins.load(List.of(DiscoveredPluginsTest.class.getClassLoader()));

        assertThat(plugins.models())
                .extracting(ModelProvider::name)
                .containsExactlyInAnyOrder("simple-cnn", "resnet", "se-resnet", "resnet9");
        assertThat(plugins.augmenters())
                .extracting(AugmenterProvider::name)
                .contains("normalize", "random-flip")
                .doesNotHaveDuplicates();
        assertThat(plugins.datasets())
                .extracting(DatasetProvider::name)
                .containsExactlyInAnyOrder("npy", "idx", "folder");
    }

    @Test
    void keepsEachProviderClassOnceWhenLoadersShareAParent() {
        ClassLoader host = DiscoveredPluginsTest.class.getClassLoader();
        // A child loader sees its parent's providers again.
        ClassLoader child = new ClassLoader("child", host) {};

        DiscoveredPlugins plugins = DiscoveredPlugins.load(List.of(host, child));
        DiscoveredPlugins hostOnly = DiscoveredPlugins.load(List.of(host));

        assertThat(plugins.models()).hasSameSizeAs(hostOnly.models()).hasSize(4);
        assertThat(plugins.augmenters()).hasSameSizeAs(hostOnly.augmenters());
        assertThat(plugins.datasets()).hasSameSizeAs(hostOnly.datasets());
    }

    @Test
    void rejectsTwoProvidersWithOneNameNamingBothClasses() {
        assertThatThrownBy(
                        () ->
                                new DiscoveredPlugins(
                                        List.of(new FirstFake(), new SecondFake()),
                                        List.of(),
                                        List.of(),
                                        List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("two model providers are named 'fake'")
                .hasMessageContaining(FirstFake.class.getName())
                .hasMessageContaining(SecondFake.class.getName());
    }

    @Test
    void allowsOneNameInDifferentKinds() {
        // Names are unique within a kind only: a model and a data set may both be called "npy".
        DiscoveredPlugins plugins =
                DiscoveredPlugins.load(List.of(DiscoveredPluginsTest.class.getClassLoader()));

        DiscoveredPlugins combined =
                new DiscoveredPlugins(
                        List.of(new NamedModel("npy")),
                        plugins.augmenters(),
                        plugins.datasets(),
                        plugins.listeners());

        assertThat(combined.models()).extracting(ModelProvider::name).containsExactly("npy");
    }

    @Test
    void rejectsMalformedNames() {
        for (String name : new String[] {"Bad_Name", "resnet 50", "-resnet", "9layers", ""}) {
            assertThatThrownBy(
                            () ->
                                    new DiscoveredPlugins(
                                            List.of(new NamedModel(name)),
                                            List.of(),
                                            List.of(),
                                            List.of()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("malformed name '" + name + "'")
                    .hasMessageContaining(NamedModel.class.getName())
                    .hasMessageContaining("[a-z][a-z0-9-]*");
        }
        assertThatThrownBy(
                        () ->
                                new DiscoveredPlugins(
                                        List.of(new NamedModel(null)),
                                        List.of(),
                                        List.of(),
                                        List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("malformed name 'null'");
    }

    @Test
    void acceptsWellFormedNames() {
        DiscoveredPlugins plugins =
                new DiscoveredPlugins(
                        List.of(new NamedModel("se-resnet"), new NamedModel("resnet50")),
                        List.of(),
                        List.of(),
                        List.of());

        assertThat(plugins.models())
                .extracting(ModelProvider::name)
                .containsExactly("se-resnet", "resnet50");
    }
}
