package dev.classify.models;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures training throughput (images per second) of the model plugins on 1x28x28 input, 10
 * classes, batch 128, plain SGD with momentum 0.9 and learning rate 0.01, on the CPU with MXNet:
 * {@code WARM_UP} steps, then {@code TIMED} steps, each forcing the loss to the host so that
 * MXNet's asynchronous engine cannot hide work. Not a test; run it by hand with {@code
 * OMP_NUM_THREADS=2 DJL_OFFLINE=true OPT_OUT_TRACKING=true} and the test class path. Arguments:
 * optional warm-up and timed step counts (default 5 and 20).
 */
public final class TrainingThroughputBenchmark {
    private static final int BATCH = 128;
    private static final Shape INPUT = new Shape(BATCH, 1, 28, 28);

    private record Candidate(String label, ModelProvider provider, Map<String, Object> options) {}

    private TrainingThroughputBenchmark() {}

    /** Runs every candidate in turn and prints one line per model. */
    public static void main(String[] args) {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Candidate> candidates =
                List.of(
                        new Candidate("simple-cnn", new SimpleCnnProvider(), Map.of()),
                        new Candidate("resnet 20", new ResNetProvider(), Map.of("depth", 20)),
                        new Candidate("resnet 18", new ResNetProvider(), Map.of("depth", 18)),
                        new Candidate("resnet 34", new ResNetProvider(), Map.of("depth", 34)),
                        new Candidate("resnet 50", new ResNetProvider(), Map.of("depth", 50)),
                        new Candidate("se-resnet 18", new SeResNetProvider(), Map.of("depth", 18)),
                        new Candidate("resnet 101", new ResNetProvider(), Map.of("depth", 101)),
                        new Candidate("resnet 152", new ResNetProvider(), Map.of("depth", 152)),
                        new Candidate("se-resnet 34", new SeResNetProvider(), Map.of("depth", 34)),
                        new Candidate("se-resnet 50", new SeResNetProvider(), Map.of("depth", 50)));
        Engine engine = Engine.getEngine("MXNet");
        System.out.printf(
                "engine %s %s, OMP_NUM_THREADS=%s, batch %d, %d warm-up + %d timed steps%n",
                engine.getEngineName(),
                engine.getVersion(),
                System.getenv("OMP_NUM_THREADS"),
                BATCH,
                warmUp,
                timed);
        // An optional third argument picks models by label prefix, e.g. "simple-cnn,resnet 18".
        List<String> only = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        for (Candidate candidate : candidates) {
            if (!only.isEmpty() && only.stream().noneMatch(candidate.label()::equals)) {
                continue;
            }
            engine.setRandomSeed(42);
            double imagesPerSecond = measure(candidate, warmUp, timed);
            System.out.printf("%-14s %8.1f images/s%n", candidate.label(), imagesPerSecond);
        }
    }

    private static double measure(Candidate candidate, int warmUp, int timed) {
        ModelSpec spec = new ModelSpec(1, 28, 28, 10, new Options("model", candidate.options()));
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optDevices(new Device[] {Device.cpu()})
                        .optOptimizer(
                                Optimizer.sgd()
                                        .setLearningRateTracker(Tracker.fixed(0.01f))
                                        .optMomentum(0.9f)
                                        .build());
        try (Model model = Model.newInstance(candidate.label(), Device.cpu(), "MXNet")) {
            model.setBlock(candidate.provider().create(spec));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(INPUT);
                Random random = new Random(42);
                float[] pixels = new float[(int) INPUT.size()];
                float[] labels = new float[BATCH];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = random.nextFloat();
                }
                for (int i = 0; i < BATCH; i++) {
                    labels[i] = random.nextInt(10);
                }
                for (int step = 0; step < warmUp; step++) {
                    trainStep(trainer, pixels, labels);
                }
                long start = System.nanoTime();
                for (int step = 0; step < timed; step++) {
                    trainStep(trainer, pixels, labels);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return timed * BATCH / seconds;
            }
        }
    }

    private static void trainStep(Trainer trainer, float[] pixels, float[] labels) {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray images = step.create(pixels, INPUT);
            NDArray targets = step.create(labels, new Shape(BATCH));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray scores = trainer.forward(new NDList(images)).singletonOrThrow();
                NDArray loss = trainer.getLoss().evaluate(new NDList(targets), new NDList(scores));
                collector.backward(loss);
                loss.getFloat(); // wait for MXNet's asynchronous engine
            }
            trainer.step();
        }
    }
}
