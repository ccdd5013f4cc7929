package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.api.ModelProvider;
import dev.classify.engine.plugin.TestPluginJar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify plugins}, and what the command line says when a plugin jar misbehaves. */
final class PluginsCommandTest {
    private static final String PROVIDER = "com.example.wrn.WrnProvider";

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    /** A plugin folder holding {@code name.jar} with the model {@code name}. */
    private Path plugins(String name, String create) throws IOException {
        Path plugins = Files.createDirectories(folder.resolve("plugins"));
        new TestPluginJar()
                .source(
                        PROVIDER,
                        TestPluginJar.model(
                                PROVIDER, '"' + name + '"', "\"a wide residual network\"", create))
                .source(
                        "com.example.lib.Library",
                        "package com.example.lib; public class Library {}")
                .leaveOut("com.example.lib.Library")
                .provides(ModelProvider.class, PROVIDER)
                .version("1.2.0")
                .writeTo(plugins.resolve(name + ".jar"));
        return plugins;
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }

    private String output(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(run(args)).as(err.toString()).isZero();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsEveryPluginOfEveryKindWithItsOriginAndOptions() throws IOException {
        Path plugins = plugins("wrn", "return null;");

        String listing = output("plugins", "--plugins", plugins.toString());

        assertThat(listing)
                .contains("models:\n" + "  resnet: ResNet-18/34/50/101/152")
                .contains(
                        "  wrn: a wide residual network\n"
                                + "      class "
                                + PROVIDER
                                + ", "
                                + plugins.resolve("wrn.jar")
                                + ", version 1.2.0\n"
                                + "      widen        width multiplier (default: 4)\n")
                .contains("      class dev.classify.models.SimpleCnnProvider, class path, version ")
                .contains("      kernelSize   ")
                .contains("\naugmenters:\n")
                .contains("  random-crop: ")
                .contains("      padding      ")
                .contains("\ndatasets:\n")
                .contains("  npy: ")
                .contains("\nlisteners:\n");
        assertThat(listing.indexOf("models:"))
                .isLessThan(listing.indexOf("augmenters:"))
                .isLessThan(listing.indexOf("datasets:"))
                .isLessThan(listing.indexOf("listeners:"));
        // models keeps its own format.
        assertThat(output("models", "--plugins", plugins.toString()))
                .contains(
                        "wrn: a wide residual network\n    widen        width multiplier (default: 4)\n")
                .doesNotContain("class ");
    }

    @Test
    void aPluginFolderThatDoesNotExistIsAUsageError() {
        assertThat(run("plugins", "--plugins", folder.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("plugin folder not found; check --plugins");
    }

    @Test
    void anIllegalArgumentFromCreateIsExitTwoNamingThePlugin() throws IOException {
        Path plugins = plugins("boom", "throw new IllegalArgumentException(\"boom\");");

        assertThat(run("summary", "--model", "boom", "--plugins", plugins.toString())).isEqualTo(2);

        assertThat(err.toString().strip())
                .isEqualTo(
                        "classify: model: model 'boom' (class "
                                + PROVIDER
                                + ", jar "
                                + plugins.resolve("boom.jar")
                                + ", version 1.2.0) rejected its options: boom");
    }

    @Test
    void aBugInAPluginIsExitOneNamingThePlugin() throws IOException {
        Path plugins = plugins("npe", "throw new NullPointerException(\"width\");");

        assertThat(run("summary", "--model", "npe", "--plugins", plugins.toString())).isEqualTo(1);

        assertThat(err.toString().strip())
                .isEqualTo(
                        "classify: model 'npe' (class "
                                + PROVIDER
                                + ", jar "
                                + plugins.resolve("npe.jar")
                                + ", version 1.2.0) failed in create(): java.lang.NullPointerException:"
                                + " width");
    }

    @Test
    void aLibraryMissingFromThePluginJarIsExitOneNamingTheClass() throws IOException {
        Path plugins = plugins("lacking", "new com.example.lib.Library(); return null;");

        assertThat(run("summary", "--model", "lacking", "--plugins", plugins.toString()))
                .isEqualTo(1);

        assertThat(err.toString().strip())
                .doesNotContain("\n")
                .doesNotContain("internal error")
                .contains("model 'lacking' (class " + PROVIDER)
                .contains(plugins.resolve("lacking.jar").toString())
                .contains("needs the class com.example.lib.Library")
                .contains("the jar must ship it");
    }

    @Test
    void aNameThatThrowsIsExitTwoNamingTheClassAndJar() throws IOException {
        Path plugins = plugins("nameless", "return null;");
        Path jar = plugins.resolve("nameless.jar");
        new TestPluginJar()
                .source(
                        PROVIDER,
                        TestPluginJar.model(
                                PROVIDER,
                                "Integer.toString(Integer.parseInt(\"wrn\"))",
                                "\"x\"",
                                "return null;"))
                .provides(ModelProvider.class, PROVIDER)
                .writeTo(jar);

        assertThat(run("plugins", "--plugins", plugins.toString())).isEqualTo(2);

        assertThat(err.toString().strip())
                .doesNotContain("\n")
                .startsWith(
                        "classify: plugins: model provider (class "
                                + PROVIDER
                                + ", jar "
                                + jar
                                + ") failed in name(): java.lang.NumberFormatException");
    }

    @Test
    void aPluginThatTouchesTheEngineFirstLeavesItWorking()
            throws IOException, InterruptedException {
        // A fresh JVM: DJL finds its engines through the context class loader once, the first
        // time the engine is used, here inside the plugin's create.
        Path plugins =
                plugins(
                        "engine-first",
                        """
                        try (ai.djl.ndarray.NDManager manager =
                                ai.djl.ndarray.NDManager.newBaseManager()) {
                            manager.ones(new ai.djl.ndarray.types.Shape(2));
                        }
                        return new ai.djl.nn.SequentialBlock()
                                .add(ai.djl.nn.Blocks.batchFlattenBlock())
                                .add(ai.djl.nn.core.Linear.builder()
                                        .setUnits(spec.numClasses()).build());
                        """);
        Path console = folder.resolve("console.txt");

        Process process =
                CommandProcess.start(
                        console,
                        "summary",
                        "--model",
                        "engine-first",
                        "--plugins",
                        plugins.toString());

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(console)).isZero();
        assertThat(Files.readString(console)).contains("parameters: 7850");
    }

    @Test
    void aJarThatEndsTheJvmWhileLoadingIsNamed() throws IOException, InterruptedException {
        Path plugins = Files.createDirectories(folder.resolve("plugins"));
        Path jar = plugins.resolve("exit.jar");
        new TestPluginJar()
                .source(
                        PROVIDER,
                        TestPluginJar.model(PROVIDER, "\"exit\"", "\"x\"", "return null;")
                                .replace(
                                        "public String name()",
                                        "static { System.exit(42); }\n    public String name()"))
                .provides(ModelProvider.class, PROVIDER)
                .writeTo(jar);
        Path console = folder.resolve("console.txt");

        Process process = CommandProcess.start(console, "plugins", "--plugins", plugins.toString());

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(42);
        assertThat(Files.readString(console))
                .contains(
                        "classify: plugin jar "
                                + jar
                                + " ended the JVM (System.exit) while loading; remove it from the"
                                + " plugins folder");
    }
}
