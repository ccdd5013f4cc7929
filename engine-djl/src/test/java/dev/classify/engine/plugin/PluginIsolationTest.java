package dev.classify.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.Classify;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each plugin jar in a class loader of its own, called in its context, knowing its origin. */
final class PluginIsolationTest {
    private static final String HELPER =
            """
            package com.example.helper;

            public final class Helper {
                public static String version() { return "%s"; }
            }
            """;

    @TempDir Path plugins;

    private static ModelSpec spec() {
        return new ModelSpec(1, 28, 28, 10, new Options("model", Map.of()));
    }

    /** A jar with the model {@code name} whose description is the helper's version it bundles. */
    private Path helperJar(String jar, String name, String helperVersion) throws IOException {
        String provider = "com.example." + name + ".Provider";
        return new TestPluginJar()
                .source("com.example.helper.Helper", HELPER.formatted(helperVersion))
                .source(
                        provider,
                        TestPluginJar.model(
                                provider,
                                '"' + name + '"',
                                "\"helper \" + com.example.helper.Helper.version()",
                                "return null;"))
                .provides(ModelProvider.class, provider)
                .writeTo(plugins.resolve(jar));
    }

    @Test
    void twoJarsBundlingDifferentVersionsOfOneClassBothWork() throws IOException {
        helperJar("alpha.jar", "alpha", "1.0");
        helperJar("beta.jar", "beta", "2.0");

        PluginCatalog catalog = Classify.forPlugins(plugins).catalog();

        assertThat(catalog.model("model.type", "alpha").description()).isEqualTo("helper 1.0");
        assertThat(catalog.model("model.type", "beta").description()).isEqualTo("helper 2.0");
    }

    @Test
    void aDjlClassTheHostLacksComesFromThePluginJar() throws IOException {
        // As DJL's model zoo shipped inside a plugin: ai.djl.* but not on the host's class path.
        String provider = "com.example.zoo.ZooProvider";
        new TestPluginJar()
                .source(
                        "ai.djl.zoo.example.ZooModels",
                        """
                        package ai.djl.zoo.example;

                        public final class ZooModels {
                            public static String describe() { return "from the zoo"; }
                        }
                        """)
                .source(
                        provider,
                        TestPluginJar.model(
                                provider,
                                "\"zoo\"",
                                "ai.djl.zoo.example.ZooModels.describe()",
                                "return null;"))
                .provides(ModelProvider.class, provider)
                .writeTo(plugins.resolve("zoo.jar"));

        PluginCatalog catalog = Classify.forPlugins(plugins).catalog();

        assertThat(catalog.model("model.type", "zoo").description()).isEqualTo("from the zoo");
    }

    @Test
    void aPluginIsCalledWithItsClassLoaderAsTheContextClassLoader() throws IOException {
        String provider = "com.example.context.ContextProvider";
        new TestPluginJar()
                .source(
                        provider,
                        TestPluginJar.model(
                                provider,
                                "\"context\"",
                                "Thread.currentThread().getContextClassLoader().getName()",
                                "throw new IllegalArgumentException(\"context \""
                                        + " + Thread.currentThread().getContextClassLoader()"
                                        + ".getName());"))
                .provides(ModelProvider.class, provider)
                .writeTo(plugins.resolve("context.jar"));
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        ModelProvider plugin =
                Classify.forPlugins(plugins).catalog().model("model.type", "context");

        assertThat(plugin.description()).isEqualTo("classify-plugin-context.jar");
        assertThatThrownBy(() -> plugin.create(spec()))
                .hasMessageContaining("context classify-plugin-context.jar");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void djlFindsTheHostsEnginesThroughAPluginsContextClassLoader() throws IOException {
        // DJL looks engines and their native libraries up through the context class loader: a
        // plugin touching the engine first must not leave the process without one.
        String provider = "com.example.engines.EnginesProvider";
        new TestPluginJar()
                .source(
                        provider,
                        TestPluginJar.model(
                                        provider, "\"engines\"", "Engines.seen()", "return null;")
                                .replace(
                                        "public final class",
                                        """
                                        final class Engines {
                                            static String seen() {
                                                ClassLoader context =
                                                        Thread.currentThread().getContextClassLoader();
                                                java.util.List<String> engines = new java.util.ArrayList<>();
                                                java.util.ServiceLoader.load(ai.djl.engine.EngineProvider.class)
                                                        .forEach(p -> engines.add(p.getEngineName()));
                                                java.util.Collections.sort(engines);
                                                try {
                                                    return engines
                                                            + " natives: "
                                                            + (context.getResource("native/lib/mxnet.properties") != null)
                                                            + " model services: "
                                                            + java.util.Collections.list(
                                                                            context.getResources(
                                                                                    "META-INF/services/dev.classify.api.ModelProvider"))
                                                                    .size();
                                                } catch (java.io.IOException e) {
                                                    throw new java.io.UncheckedIOException(e);
                                                }
                                            }
                                        }

                                        public final class"""))
                .provides(ModelProvider.class, provider)
                .writeTo(plugins.resolve("engines.jar"));

        String seen =
                Classify.forPlugins(plugins).catalog().model("model.type", "engines").description();

        // The host's engines and natives; of the classify SPI's service files only the jar's own.
        assertThat(seen).contains("MXNet", "PyTorch").endsWith("] natives: true model services: 1");
    }

    @Test
    void everyPluginKnowsWhereItCameFrom() throws IOException, NoSuchAlgorithmException {
        helperJar("alpha.jar", "alpha", "1.0");
        Path versioned =
                new TestPluginJar()
                        .source(
                                "com.example.v.Versioned",
                                TestPluginJar.model(
                                        "com.example.v.Versioned",
                                        "\"versioned\"",
                                        "\"x\"",
                                        "return null;"))
                        .provides(ModelProvider.class, "com.example.v.Versioned")
                        .version("1.2.0")
                        .writeTo(plugins.resolve("versioned.jar"));

        PluginCatalog catalog = Classify.forPlugins(plugins).catalog();

        PluginOrigin alpha = catalog.origin(PluginKind.MODEL, "alpha").orElseThrow();
        String sha256 =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(plugins.resolve("alpha.jar"))));
        assertThat(alpha)
                .isEqualTo(
                        new PluginOrigin(
                                PluginKind.MODEL,
                                "alpha",
                                "com.example.alpha.Provider",
                                Optional.of(plugins.resolve("alpha.jar")),
                                "sha256:" + sha256.substring(0, 12)));
        assertThat(catalog.origin(PluginKind.MODEL, "versioned").orElseThrow())
                .extracting(PluginOrigin::version, PluginOrigin::jar)
                .containsExactly("1.2.0", Optional.of(versioned));
        PluginOrigin builtIn = catalog.origin(PluginKind.AUGMENTER, "random-flip").orElseThrow();
        assertThat(builtIn.className()).isEqualTo("dev.classify.augment.RandomFlipProvider");
        assertThat(builtIn.location()).isEqualTo("class path");
        assertThat(builtIn.describe())
                .isEqualTo(
                        "augmenter 'random-flip' (class dev.classify.augment.RandomFlipProvider,"
                                + " class path)");
        assertThat(catalog.origin(PluginKind.LISTENER, "random-flip")).isEmpty();
    }

    @Test
    void theSamePluginInTwoJarsIsAnErrorNamingBoth() throws IOException {
        helperJar("a-wrn.jar", "wrn", "1.0");
        helperJar("b-wrn.jar", "wrn", "1.0");

        assertThatThrownBy(() -> Classify.forPlugins(plugins))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("two model providers are named 'wrn'")
                .hasMessageContaining(plugins.resolve("a-wrn.jar").toString())
                .hasMessageContaining(plugins.resolve("b-wrn.jar").toString());
    }

    @Test
    void twoClassesWithOneNameInTwoJarsAreAnErrorNamingBoth() throws IOException {
        helperJar("a-wrn.jar", "wrn", "1.0");
        new TestPluginJar()
                .source(
                        "com.other.Wide",
                        TestPluginJar.model("com.other.Wide", "\"wrn\"", "\"x\"", "return null;"))
                .provides(ModelProvider.class, "com.other.Wide")
                .writeTo(plugins.resolve("b-wrn.jar"));

        assertThatThrownBy(() -> Classify.forPlugins(plugins))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "plugins: two model providers are named 'wrn': com.example.wrn.Provider ("
                                + plugins.resolve("a-wrn.jar")
                                + ") and com.other.Wide ("
                                + plugins.resolve("b-wrn.jar")
                                + "); remove one of them from the plugins folder");
    }

    @Test
    void aJarRedeclaringAClassPathPluginIsAnErrorNamingIt() throws IOException {
        // A jar that bundled a copy of the built-in models.
        String provider = "dev.classify.models.SimpleCnnProvider";
        new TestPluginJar()
                .source(
                        provider,
                        TestPluginJar.model(provider, "\"simple-cnn\"", "\"x\"", "return null;"))
                .provides(ModelProvider.class, provider)
                .writeTo(plugins.resolve("fat.jar"));

        assertThatThrownBy(() -> Classify.forPlugins(plugins))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "two model providers are named 'simple-cnn': "
                                + provider
                                + " (class path) and "
                                + provider
                                + " ("
                                + plugins.resolve("fat.jar")
                                + ")");
    }
}
