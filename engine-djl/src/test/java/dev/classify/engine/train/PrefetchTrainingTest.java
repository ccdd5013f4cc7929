package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.classify.api.AugmenterProvider;
import dev.classify.api.EpochMetrics;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.TestPluginJar;
import dev.classify.engine.train.batch.BatchPrefetchTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code train.prefetch}: batches prepared ahead on a thread of their own give the same training,
 * bit for bit, as batches prepared on the training thread, on both engines; an augmentation that
 * fails ends the run with the same error either way, and no prefetch thread outlives a run.
 */
final class PrefetchTrainingTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
              validation: {size: 1000, seed: 42}
            model: {type: simple-cnn}
            augment:
              train:
                - {type: random-crop, size: 28, padding: 4}
                - {type: random-flip, horizontal: true}
                - {type: normalize, mean: [0.286], std: [0.353]}
                - {type: cutmix, probability: 0.5}
              eval: [{type: normalize, mean: [0.286], std: [0.353]}]
            train:
              epochs: 2
              batchSize: 100
              optimizer: {type: sgd, learningRate: 0.05, momentum: 0.9}
              device: cpu
            """;

    @TempDir Path work;

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void prefetchingTrainsBitForBitAsWithout(String engine) throws IOException {
        Classify root = Classify.forClassPath();
        Path without = work.resolve("without");
        Path with = work.resolve("with");
        RunResult plain = train(root, without, "engine=" + engine, "train.prefetch=0");
        RunResult ahead = train(root, with, "engine=" + engine, "train.prefetch=3");

        assertThat(losses(ahead)).isEqualTo(losses(plain));
        List<Path> parameters = parameterFiles(without);
        assertThat(parameters).isNotEmpty();
        for (Path file : parameters) {
            assertThat(with.resolve(without.relativize(file)))
                    .as("%s", without.relativize(file))
                    .hasSameBinaryContentAs(file);
        }
        BatchPrefetchTest.assertNoPrefetchThread();
    }

    @Test
    void aFailingAugmentationEndsTheRunWithItsErrorAsWithoutPrefetching() throws IOException {
        String provider = "com.example.Fail";
        // Passes the two images of the preparation's check, fails on the first training batch.
        new TestPluginJar()
                .source(
                        provider,
                        """
                        package com.example;

                        import ai.djl.ndarray.NDArray;
                        import dev.classify.api.Augmenter;
                        import dev.classify.api.AugmenterProvider;
                        import dev.classify.api.Options;
                        import java.util.random.RandomGenerator;

                        public final class Fail implements AugmenterProvider {
                            public String name() { return "fail"; }
                            public String description() { return "fails on large batches"; }
                            public Augmenter create(Options options) {
                                options.validate();
                                return (NDArray batch, RandomGenerator random) -> {
                                    if (batch.getShape().get(0) > 2) {
                                        throw new IllegalStateException("no batch above 2 images");
                                    }
                                    return batch;
                                };
                            }
                        }
                        """)
                .provides(AugmenterProvider.class, provider)
                .version("1.0")
                .writeTo(Files.createDirectories(work.resolve("plugins")).resolve("fail.jar"));
        Classify root = Classify.forPlugins(work.resolve("plugins"));

        Throwable plain = failure(root, "a", "train.prefetch=0");
        Throwable ahead = failure(root, "b", "train.prefetch=2");

        assertThat(plain).isNotNull();
        assertThat(ahead).isInstanceOf(plain.getClass()).hasMessage(plain.getMessage());
        assertThat(ahead.getMessage()).contains("no batch above 2 images");
        BatchPrefetchTest.assertNoPrefetchThread();
    }

    private Throwable failure(Classify root, String folder, String prefetch) throws IOException {
        PipelineConfig config =
                root.configurationLoader()
                        .parse(
                                CONFIG,
                                EXAMPLES,
                                List.of("augment.train=[fail]", prefetch),
                                Path.of("t.yaml"));
        PreparedRun prepared = root.prepare(config);
        Path run = Files.createDirectories(work.resolve(folder));
        return catchThrowable(() -> root.train(prepared, run, new RunListener() {}));
    }

    private static RunResult train(Classify root, Path run, String... overrides)
            throws IOException {
        PipelineConfig config =
                root.configurationLoader()
                        .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("t.yaml"));
        Files.createDirectories(run);
        return root.train(root.prepare(config), run, new RunListener() {});
    }

    /** Each epoch's training and validation loss and accuracy. */
    private static List<List<Double>> losses(RunResult result) {
        List<List<Double>> losses = new ArrayList<>();
        for (EpochMetrics epoch : result.epochs()) {
            losses.add(
                    List.of(
                            epoch.trainLoss(),
                            epoch.trainAccuracy(),
                            epoch.validationLoss(),
                            epoch.validationAccuracy()));
        }
        return losses;
    }

    private static List<Path> parameterFiles(Path run) throws IOException {
        try (Stream<Path> files = Files.walk(run)) {
            return files.filter(file -> file.toString().endsWith(".params")).sorted().toList();
        }
    }
}
