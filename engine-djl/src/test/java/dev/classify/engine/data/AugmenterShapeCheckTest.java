package dev.classify.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.ConfigurationException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.config.PluginConfig;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.plugin.TestPluginJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each augmentation step's output is checked against its own {@code outputShape}: a plugin that
 * crops without saying so is named, with its configuration path, class and jar.
 */
final class AugmenterShapeCheckTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final String PROVIDER = "com.example.Crop";

    @TempDir Path plugins;

    /**
     * The augmenter {@code crop24} in {@code crop.jar}: crops 2 pixels off each side (28x28 to
     * 24x24) and keeps {@code outputShape}'s default, or drops the last image with {@code apply}
     * {@code "drop"}.
     */
    private Classify crop(String apply) throws IOException {
        String source =
                """
                package com.example;

                import ai.djl.ndarray.NDArray;
                import ai.djl.ndarray.index.NDIndex;
                import dev.classify.api.Augmenter;
                import dev.classify.api.AugmenterProvider;
                import dev.classify.api.Options;
                import java.util.random.RandomGenerator;

                public final class Crop implements AugmenterProvider {
                    public String name() { return "crop24"; }
                    public String description() { return "crops to 24x24"; }
                    public Augmenter create(Options options) {
                        options.validate();
                        return (NDArray batch, RandomGenerator random) -> batch.get(new NDIndex("%s"));
                    }
                }
                """
                        .formatted(apply.equals("drop") ? ":-1" : ":, :, 2:26, 2:26");
        new TestPluginJar()
                .source(PROVIDER, source)
                .provides(AugmenterProvider.class, PROVIDER)
                .version("1.0")
                .writeTo(plugins.resolve("crop.jar"));
        return Classify.forPlugins(plugins);
    }

    private String plugin() {
        return "augmenter 'crop24' (class com.example.Crop, jar "
                + plugins.resolve("crop.jar")
                + ", version 1.0)";
    }

    @Test
    void refusesACropThatKeepsTheDefaultOutputShapeBeforeTraining() throws IOException {
        // Found by an outside plugin author: this ended in an MXNet shape error in the first batch.
        Classify root = crop("crop");
        PipelineConfig config =
                root.configurationLoader()
                        .parse(
                                """
                                data:
                                  train:
                                    images: fashion-mnist-small/train.npy
                                    labels: fashion-mnist-small/train.csv
                                augment:
                                  train: [{type: normalize, mean: [0.3], std: [0.3]}, crop24]
                                train:
                                  device: cpu
                                """,
                                EXAMPLES,
                                List.of(),
                                Path.of("crop.yaml"));

        assertThatThrownBy(() -> root.prepare(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.train[1]: "
                                + plugin()
                                + " returned (2, 1, 24, 24) for a batch of (2, 1, 28, 28), but its"
                                + " outputShape says 1x28x28 images, so the batch should be (2, 1,"
                                + " 28, 28); make outputShape return what apply makes");
    }

    @Test
    void refusesAHostPathThatDisagreesWithOutputShapeBeforeTraining() throws IOException {
        String provider = "com.example.Half";
        new TestPluginJar()
                .source(
                        provider,
                        """
                        package com.example;

                        import ai.djl.ndarray.NDArray;
                        import ai.djl.ndarray.types.Shape;
                        import dev.classify.api.Augmenter;
                        import dev.classify.api.AugmenterProvider;
                        import dev.classify.api.HostAugmenter;
                        import dev.classify.api.Options;
                        import java.util.Arrays;
                        import java.util.random.RandomGenerator;

                        public final class Half implements AugmenterProvider {
                            public String name() { return "half"; }
                            public String description() { return "loses half on the host"; }
                            public Augmenter create(Options options) {
                                options.validate();
                                return new HostAugmenter() {
                                    public NDArray apply(NDArray batch, RandomGenerator random) {
                                        return batch;
                                    }
                                    public float[] applyOnHost(
                                            float[] pixels, Shape shape, RandomGenerator random) {
                                        return Arrays.copyOf(pixels, pixels.length / 2);
                                    }
                                };
                            }
                        }
                        """)
                .provides(AugmenterProvider.class, provider)
                .version("1.0")
                .writeTo(plugins.resolve("half.jar"));
        Classify root = Classify.forPlugins(plugins);
        PipelineConfig config =
                root.configurationLoader()
                        .parse(
                                """
                                data:
                                  train:
                                    images: fashion-mnist-small/train.npy
                                    labels: fashion-mnist-small/train.csv
                                augment:
                                  train: [half]
                                train:
                                  device: cpu
                                """,
                                EXAMPLES,
                                List.of(),
                                Path.of("half.yaml"));

        assertThatThrownBy(() -> root.prepare(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.train[0]: augmenter 'half' (class com.example.Half, jar "
                                + plugins.resolve("half.jar")
                                + ", version 1.0) returned 784 values from applyOnHost for a batch"
                                + " of (2, 1, 28, 28), but its outputShape says 1x28x28 images, so"
                                + " 1568 values; make applyOnHost return what apply makes");
    }

    @Test
    void checksEveryBatchOfTraining() throws IOException {
        PluginCatalog catalog = crop("crop").catalog();
        AugmentationPipeline pipeline =
                AugmentationPipeline.create(
                        catalog, "augment.train", List.of(new PluginConfig("crop24", Map.of())));

        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "MXNet")) {
            NDArray batch = manager.zeros(new Shape(64, 3, 28, 28));
            assertThatThrownBy(() -> pipeline.apply(batch, new SplittableRandom(1)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("augment.train[0]: " + plugin() + " returned (64, 3,");
            assertThatThrownBy(
                            () ->
                                    pipeline.apply(
                                            batch,
                                            manager.zeros(new Shape(64, 10)),
                                            new SplittableRandom(1)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("augment.train[0]: " + plugin());
        }
    }

    @Test
    void refusesAStepThatDropsImages() throws IOException {
        PluginCatalog catalog = crop("drop").catalog();
        AugmentationPipeline pipeline =
                AugmentationPipeline.create(
                        catalog, "augment.eval", List.of(new PluginConfig("crop24", Map.of())));

        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "MXNet")) {
            NDArray batch = manager.zeros(new Shape(4, 1, 8, 8));
            assertThatThrownBy(() -> pipeline.apply(batch, new SplittableRandom(1)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageEndingWith(
                            "returned (3, 1, 8, 8) for a batch of (4, 1, 8, 8), but its"
                                    + " outputShape says 1x8x8 images, so the batch should be (4,"
                                    + " 1, 8, 8); an augmenter must keep the number of images");
        }
    }

    @Test
    void passesStepsThatKeepTheirWord() {
        PluginCatalog catalog = Classify.forClassPath().catalog();
        AugmentationPipeline pipeline =
                AugmentationPipeline.create(
                        catalog,
                        "augment.train",
                        List.of(
                                new PluginConfig("to-rgb", Map.of()),
                                new PluginConfig("center-crop", Map.of("size", 6))));

        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "MXNet")) {
            NDArray batch = manager.zeros(new Shape(4, 1, 8, 8));
            assertThat(pipeline.apply(batch, new SplittableRandom(1)).getShape())
                    .isEqualTo(new Shape(4, 3, 6, 6));
        }
    }
}
