package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.classify.api.ModelProvider;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.plugin.PluginKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An architecture compiled here against the api alone, packed into a jar and dropped into a plugin
 * folder, is discovered in its own class loader and trains by its name.
 */
final class PluginJarTrainingTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    private static final String SOURCE =
            """
            package com.example.tiny;

            import ai.djl.nn.Activation;
            import ai.djl.nn.Block;
            import ai.djl.nn.Blocks;
            import ai.djl.nn.SequentialBlock;
            import ai.djl.nn.core.Linear;
            import dev.classify.api.ModelProvider;
            import dev.classify.api.ModelSpec;

            public final class TinyMlpProvider implements ModelProvider {
                public String name() { return "tiny-mlp"; }
                public String description() { return "a two-layer perceptron"; }
                public Block create(ModelSpec spec) {
                    int hidden = spec.options().intValue("hidden", 64);
                    spec.options().validate();
                    return new SequentialBlock()
                            .add(Blocks.batchFlattenBlock())
                            .add(Linear.builder().setUnits(hidden).build())
                            .add(Activation.reluBlock())
                            .add(Linear.builder().setUnits(spec.numClasses()).build());
                }
            }
            """;

    @TempDir Path work;

    private Path buildPluginJar() throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/com/example/tiny"));
        Path source = Files.writeString(sources.resolve("TinyMlpProvider.java"), SOURCE);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        // Compiled against the api and DJL alone, as a third party would.
        String classPath =
                Stream.of(ModelProvider.class, Block.class)
                        .map(c -> c.getProtectionDomain().getCodeSource().getLocation().getPath())
                        .reduce((a, b) -> a + java.io.File.pathSeparator + b)
                        .orElseThrow();
        int status =
                compiler.run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        "-cp",
                        classPath,
                        source.toString());
        assertThat(status).isZero();

        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = plugins.resolve("tiny-mlp.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("com/example/tiny/TinyMlpProvider.class"));
            out.write(
                    Files.readAllBytes(classes.resolve("com/example/tiny/TinyMlpProvider.class")));
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/" + ModelProvider.class.getName()));
            out.write(
                    "com.example.tiny.TinyMlpProvider\n"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return plugins;
    }

    @Test
    void aPluginJarIsDiscoveredAndTrainsByName() throws IOException {
        Path plugins = buildPluginJar();
        PluginCatalog catalog = Classify.forPlugins(plugins).catalog();
        assertThat(catalog.models()).containsKey("tiny-mlp");
        ModelProvider plugin = catalog.models().get("tiny-mlp");
        assertThat(catalog.origin(PluginKind.MODEL, "tiny-mlp").orElseThrow().jar()).isPresent();
        // The SPI type is the host's: the plugin and the host agree on it.
        assertThat(ModelProvider.class.isInstance(plugin)).isTrue();

        PipelineConfig config =
                new ConfigurationLoader(catalog)
                        .parse(
                                """
                                data:
                                  train: {images: train.npy, labels: train.csv}
                                  validation: {size: 1000}
                                model: {type: tiny-mlp, hidden: 32}
                                train: {epochs: 1, batchSize: 64, device: cpu}
                                """,
                                DATA,
                                List.of(),
                                work.resolve("config.yaml"));
        Classify pipeline = Classify.forPlugins(plugins);
        Path run = Files.createDirectories(work.resolve("run"));
        RunResult result = pipeline.train(pipeline.prepare(config), run, new RunListener() {});

        assertThat(result.epochs()).hasSize(1);
        assertThat(result.epochs().get(0).validationAccuracy()).isGreaterThan(0.5);
        assertThat(Files.readString(run.resolve("model/classify-model.json"))).contains("tiny-mlp");
    }
}
