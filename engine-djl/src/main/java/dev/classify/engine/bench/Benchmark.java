package dev.classify.engine.bench;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import dev.classify.api.ImageSet;
import dev.classify.api.ModelSpec;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.data.BatchAssembler;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.EngineChoice;
import dev.classify.engine.runtime.NativeThreads;
import dev.classify.engine.runtime.PeakMemory;
import dev.classify.engine.runtime.RuntimeReport;
import dev.classify.engine.train.DjlTrainingConfig;
import dev.classify.engine.train.EpochRunner;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.prepare.RunPreparation;
import dev.classify.engine.train.schedule.EpochLearningRate;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Measures training and prediction speed with the product's own code paths: {@link
 * RunPreparation#prepare} builds the data, augmentation and model from a configuration, {@link
 * EpochRunner} takes the training steps and {@link SavedModel} predicts.
 *
 * <ul>
 *   <li>compute: training steps (forward, backward, update) on one batch already in memory as a
 *       tensor on the device: no data path;
 *   <li>pipeline: training steps fed by the data path, as in an epoch: shuffled images copied into
 *       a batch ({@link BatchAssembler}) and the training augmentation (the 28x28 recipe: random
 *       crop with padding 4, horizontal flip, normalize);
 *   <li>inference: {@link SavedModel#probabilities} on batches of 256 images, the path of {@code
 *       classify predict}.
 * </ul>
 *
 * Warm-up steps run before each measurement and are not counted. Peak resident memory is the
 * process's high-water mark ({@code VmHWM}). Not thread safe.
 */
public final class Benchmark {
    /** Images per forward pass of the inference measurement. */
    public static final int INFERENCE_BATCH = 256;

    private final RunPreparation preparation;
    private final PluginCatalog catalog;

    /** Creates a benchmark that prepares its runs with {@code preparation} from {@code catalog}. */
    @Inject
    public Benchmark(RunPreparation preparation, PluginCatalog catalog) {
        this.preparation = requireNonNull(preparation, "preparation is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * The configuration the benchmark trains, as YAML: the simple CNN (change it with overrides
     * such as {@code model.type=resnet}) with the 28x28 training recipe, SGD (0.01, momentum 0.9),
     * no hold-out.
     */
    public static String configuration(
            Path images, Path labels, int batchSize, String device, String engine) {
        return """
                data:
                  train: {images: '%s', labels: '%s'}
                  validation: {size: 0}
                model: {type: simple-cnn}
                augment:
                  train:
                    - {type: random-crop, size: 28, padding: 4}
                    - {type: random-flip, horizontal: true}
                    - {type: normalize, mean: [0.286], std: [0.353]}
                  eval:
                    - {type: normalize, mean: [0.286], std: [0.353]}
                train:
                  batchSize: %d
                  optimizer: {type: sgd, learningRate: 0.01, momentum: 0.9}
                  device: %s
                  seed: 42
                engine: %s
                """
                .formatted(
                        images.toAbsolutePath().toString().replace("'", "''"),
                        labels.toAbsolutePath().toString().replace("'", "''"),
                        batchSize,
                        device,
                        engine);
    }

    /**
     * Prepares {@code config} and measures it.
     *
     * @param steps measured steps of each kind, at least 1
     * @param warmup steps of each kind run first and not counted, at least 0
     * @param progress receives one line per finished measurement
     * @throws dev.classify.api.ConfigurationException when the configuration is bad
     * @throws dev.classify.api.InvalidDataException when the data is
     */
    public BenchmarkResult run(
            PipelineConfig config, int steps, int warmup, Consumer<String> progress)
            throws IOException {
        if (steps < 1 || warmup < 0) {
            throw new IllegalArgumentException("steps must be >= 1 and warmup >= 0");
        }
        PreparedRun prepared = preparation.prepare(config);
        Engine engine = EngineChoice.load(prepared.engine());
        engine.setRandomSeed(42);
        int batchSize = config.train().batchSize();
        ImageSet images = prepared.train();
        if (images.size() < batchSize) {
            throw new dev.classify.api.ConfigurationException(
                    "--batch-size",
                    "is " + batchSize + " but there are only " + images.size() + " images");
        }
        String runtime = RuntimeReport.describe(engine, prepared.devices());
        progress.accept(runtime);
        progress.accept(
                "versions: DJL "
                        + Engine.getDjlVersion()
                        + ", "
                        + engine.getEngineName()
                        + " "
                        + engine.getVersion()
                        + ", Java "
                        + System.getProperty("java.version"));
        TrainingSpeed training;
        double inference;
        Path folder = Files.createTempDirectory("classify-bench");
        try {
            Measurement measurement = new Measurement(config, prepared, steps, warmup, progress);
            training = training(measurement, folder);
            inference = inference(measurement, folder);
        } finally {
            deleteTree(folder);
        }
        return new BenchmarkResult(
                training.compute(),
                training.pipeline(),
                training.pipeline() / training.compute(),
                inference,
                PeakMemory.residentMegabytes(),
                runtime,
                engine.getEngineName(),
                engine.getVersion(),
                Engine.getDjlVersion(),
                System.getProperty("java.version"),
                prepared.devices().toString(),
                NativeThreads.describe(engine));
    }

    /** What one run measures: {@code steps} after {@code warmup} of each kind. */
    private record Measurement(
            PipelineConfig config,
            PreparedRun prepared,
            int steps,
            int warmup,
            Consumer<String> progress) {}

    /** Images per second of the training steps, without and with the data path. */
    private record TrainingSpeed(double compute, double pipeline) {}

    /**
     * Measures the training steps of a fresh model, reports them to {@code progress} and saves the
     * trained model into {@code folder}.
     */
    private TrainingSpeed training(Measurement measurement, Path folder) throws IOException {
        PipelineConfig config = measurement.config();
        PreparedRun prepared = measurement.prepared();
        int steps = measurement.steps();
        int warmup = measurement.warmup();
        Consumer<String> progress = measurement.progress();
        int batchSize = config.train().batchSize();
        ModelSpec spec = prepared.spec();
        try (Model model = Model.newInstance("classify", prepared.device(), prepared.engine())) {
            model.setBlock(catalog.model("model.type", config.model().type()).create(spec));
            DefaultTrainingConfig trainingConfig =
                    DjlTrainingConfig.create(
                            config.train(),
                            new EpochLearningRate(config.train().optimizer().learningRate()),
                            prepared.devices(),
                            prepared.engine(),
                            prepared.trainAugment().mixesLabels());
            TrainingSpeed speed;
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(
                        new Shape(1, spec.inputChannels(), spec.inputHeight(), spec.inputWidth()));
                EpochRunner runner =
                        EpochRunner.forTrainer(trainer, trainingConfig.getOptimizer(), prepared);
                int[] order =
                        EpochRunner.shuffled(prepared.split().train(), new SplittableRandom(42));
                double compute =
                        Measurements.compute(trainer, runner, order, batchSize, steps, warmup);
                progress.accept(
                        String.format(
                                Locale.ROOT,
                                "compute   %.1f images/s (training steps on a batch in memory)",
                                compute));
                double pipeline = Measurements.pipeline(runner, order, batchSize, steps, warmup);
                progress.accept(
                        String.format(
                                Locale.ROOT,
                                "pipeline  %.1f images/s (batch assembly, augmentation and"
                                        + " training steps; efficiency %.3f)",
                                pipeline,
                                pipeline / compute));
                speed = new TrainingSpeed(compute, pipeline);
            }
            SavedModel.save(folder, model, prepared.describe());
            return speed;
        }
    }

    /** Measures prediction through the model saved in {@code folder} and reports it. */
    private double inference(Measurement measurement, Path folder) throws IOException {
        PreparedRun prepared = measurement.prepared();
        ImageSet images = prepared.train();
        int inferenceBatch;
        double inference;
        try (SavedModel saved = SavedModel.load(folder, catalog, prepared.engine())) {
            inferenceBatch = saved.forwardBatch(images, INFERENCE_BATCH, false);
            Path source = Path.of(measurement.config().data().train().images());
            inference =
                    Measurements.inference(
                            saved, images, source, measurement.steps(), measurement.warmup());
        }
        measurement
                .progress()
                .accept(
                        String.format(
                                Locale.ROOT,
                                "inference %.1f images/s (batch %d, as predict)",
                                inference,
                                inferenceBatch));
        return inference;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            path -> {
                                try {
                                    Files.delete(path);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }
}
