package dev.classify.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.AugmenterProvider;
import dev.classify.api.ConfigurationException;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.api.TrainingListenerProvider;
import dev.classify.engine.Classify;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plugin throws is one line naming it: kind, name, class and jar. */
final class PluginFailureTest {
    private static final String PROVIDER = "com.example.bad.BadProvider";

    @TempDir Path plugins;

    private static ModelSpec spec() {
        return new ModelSpec(1, 28, 28, 10, new Options("model", Map.of()));
    }

    /** The model {@code bad} in {@code bad.jar} whose create runs {@code create}. */
    private ModelProvider bad(String create) throws IOException {
        new TestPluginJar()
                .source(PROVIDER, TestPluginJar.model(PROVIDER, "\"bad\"", "\"bad\"", create))
                .source(
                        "com.example.lib.Library",
                        "package com.example.lib; public class Library {}")
                .leaveOut("com.example.lib.Library")
                .provides(ModelProvider.class, PROVIDER)
                .version("0.9")
                .writeTo(plugins.resolve("bad.jar"));
        return Classify.forPlugins(plugins).catalog().model("model.type", "bad");
    }

    private String described() {
        return "model 'bad' (class "
                + PROVIDER
                + ", jar "
                + plugins.resolve("bad.jar")
                + ", version 0.9)";
    }

    @Test
    void anIllegalArgumentFromCreateIsARejectedOption() throws IOException {
        ModelProvider plugin = bad("throw new IllegalArgumentException(\"boom\");");

        assertThatThrownBy(() -> plugin.create(spec()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("model: " + described() + " rejected its options: boom");
    }

    @Test
    void anIllegalStateFromCreateIsARejectedOption() throws IOException {
        ModelProvider plugin = bad("throw new IllegalStateException(\"not now\");");

        assertThatThrownBy(() -> plugin.create(spec()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("model: " + described() + " rejected its options: not now");
    }

    @Test
    void aConfigurationProblemPassesUnchanged() throws IOException {
        ModelProvider plugin =
                bad("throw new dev.classify.api.ConfigurationException(\"model.widen\", \"odd\");");

        assertThatThrownBy(() -> plugin.create(spec()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("model.widen: odd");
    }

    @Test
    void anyOtherExceptionIsAFailureOfThePlugin() throws IOException {
        ModelProvider plugin = bad("throw new NullPointerException(\"spec.options\");");

        assertThatThrownBy(() -> plugin.create(spec()))
                .isInstanceOf(PluginException.class)
                .hasMessage(
                        described()
                                + " failed in create(): java.lang.NullPointerException:"
                                + " spec.options")
                .hasCauseInstanceOf(NullPointerException.class);
    }

    @Test
    void aLibraryTheJarLacksSaysWhichClassIsMissing() throws IOException {
        ModelProvider plugin = bad("new com.example.lib.Library(); return null;");

        assertThatThrownBy(() -> plugin.create(spec()))
                .isInstanceOf(PluginException.class)
                .hasMessage(
                        described()
                                + " needs the class com.example.lib.Library, which neither its jar"
                                + " nor classify provides; the jar must ship it (package the"
                                + " plugin with its libraries)");
    }

    @Test
    void aNameThatThrowsIsAProblemNamingTheClassAndJar() throws IOException {
        new TestPluginJar()
                .source(
                        PROVIDER,
                        TestPluginJar.model(
                                PROVIDER,
                                "String.valueOf((Object) null).substring(10)",
                                "\"x\"",
                                "return null;"))
                .provides(ModelProvider.class, PROVIDER)
                .writeTo(plugins.resolve("nameless.jar"));

        assertThatThrownBy(() -> Classify.forPlugins(plugins))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "plugins: model provider (class "
                                + PROVIDER
                                + ", jar "
                                + plugins.resolve("nameless.jar")
                                + ") failed in name(): java.lang.StringIndexOutOfBoundsException")
                .hasMessageEndingWith("; fix the plugin or remove its jar");
    }

    @Test
    void aProviderWhoseSuperclassIsMissingSaysWhichClassItsJarMustShip() throws IOException {
        new TestPluginJar()
                .source("com.example.lib.Base", "package com.example.lib; public class Base {}")
                .source(
                        PROVIDER,
                        TestPluginJar.model(PROVIDER, "\"bad\"", "\"x\"", "return null;")
                                .replace("implements", "extends com.example.lib.Base implements"))
                .leaveOut("com.example.lib.Base")
                .provides(ModelProvider.class, PROVIDER)
                .writeTo(plugins.resolve("orphan.jar"));

        assertThatThrownBy(() -> Classify.forPlugins(plugins))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "plugins: a plugin in "
                                + plugins.resolve("orphan.jar")
                                + " needs the class com.example.lib.Base, which neither its jar"
                                + " nor classify provides; the jar must ship it (package the"
                                + " plugin with its libraries)");
    }

    @Test
    void everyDecoratorForwardsEveryMethodOfItsInterface() {
        Map<Class<?>, Class<?>> decorators =
                Map.of(
                        ModelProvider.class, ModelPlugin.class,
                        AugmenterProvider.class, AugmenterPlugin.class,
                        DatasetProvider.class, DatasetPlugin.class,
                        TrainingListenerProvider.class, ListenerPlugin.class);
        decorators.forEach(
                (spi, decorator) -> {
                    for (Method method : spi.getMethods()) {
                        assertThat(declares(decorator, method))
                                .as(decorator.getSimpleName() + " forwards " + method.getName())
                                .isTrue();
                    }
                });
    }

    /** Whether {@code type} has its own {@code method}, not the interface's default. */
    private static boolean declares(Class<?> type, Method method) {
        try {
            return !type.getMethod(method.getName(), method.getParameterTypes())
                    .getDeclaringClass()
                    .isInterface();
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
