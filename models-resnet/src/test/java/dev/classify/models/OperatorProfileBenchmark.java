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
import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Prints MXNet's own per-operator time table (its profiler's aggregate statistics) for training
 * steps of a model, to see which operators take the time. DJL 0.36 does not expose MXNet's profiler
 * (its bindings are commented out), so this binds the four C functions it needs to the libmxnet.so
 * that DJL has already loaded. Not a test; run by hand like {@link StepProfileBenchmark}.
 * Arguments: model ({@code simple-cnn}, a resnet depth, or {@code se} and an se-resnet depth such
 * as {@code se18}), batch size (default 128), profiled steps (default 10).
 */
public final class OperatorProfileBenchmark {
    /** The part of MXNet's C API (c_api.h) for its profiler. */
    interface Profiler extends Library {
        int MXSetProfilerConfig(int count, String[] keys, String[] values);

        int MXSetProfilerState(int state);

        int MXAggregateProfileStatsPrint(String[] out, int reset);

        String MXGetLastError();
    }

    private OperatorProfileBenchmark() {}

    /** Profiles the steps and prints MXNet's table. */
    public static void main(String[] args) throws Exception {
        String model = args.length > 0 ? args[0] : "simple-cnn";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Shape input = new Shape(batch, 1, 28, 28);
        boolean squeezeExcitation = model.startsWith("se");
        Map<String, Object> options =
                model.equals("simple-cnn")
                        ? Map.of()
                        : Map.of("depth", Integer.parseInt(model.replace("se", "")));
        ModelSpec spec = new ModelSpec(1, 28, 28, 10, new Options("model", options));
        Engine.getEngine("MXNet").setRandomSeed(42);
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optDevices(new Device[] {Device.cpu()})
                        .optOptimizer(
                                Optimizer.sgd()
                                        .setLearningRateTracker(Tracker.fixed(0.01f))
                                        .optMomentum(0.9f)
                                        .build());
        try (Model djl = Model.newInstance(model, Device.cpu(), "MXNet")) {
            djl.setBlock(
                    model.equals("simple-cnn")
                            ? new SimpleCnnProvider().create(spec)
                            : squeezeExcitation
                                    ? new SeResNetProvider().create(spec)
                                    : new ResNetProvider().create(spec));
            try (Trainer trainer = djl.newTrainer(config)) {
                trainer.initialize(input);
                Profiler profiler = Native.load(loadedLibrary().toString(), Profiler.class);
                Random random = new Random(42);
                float[] pixels = new float[(int) input.size()];
                float[] labels = new float[batch];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = random.nextFloat();
                }
                for (int i = 0; i < batch; i++) {
                    labels[i] = random.nextInt(10);
                }
                for (int i = 0; i < 3; i++) {
                    step(trainer, input, pixels, labels);
                }
                check(
                        profiler,
                        profiler.MXSetProfilerConfig(
                                3,
                                new String[] {"profile_all", "aggregate_stats", "filename"},
                                new String[] {"true", "true", "/tmp/classify-profile.json"}));
                check(profiler, profiler.MXSetProfilerState(1));
                for (int i = 0; i < steps; i++) {
                    step(trainer, input, pixels, labels);
                }
                check(profiler, profiler.MXSetProfilerState(0));
                String[] table = new String[1];
                check(profiler, profiler.MXAggregateProfileStatsPrint(table, 1));
                System.out.printf("%s, batch %d, %d profiled steps%n", model, batch, steps);
                System.out.println(table[0]);
            }
        }
    }

    private static void step(Trainer trainer, Shape input, float[] pixels, float[] labels) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray images = manager.create(pixels, input);
            NDArray targets = manager.create(labels, new Shape(labels.length));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList scores = trainer.forward(new NDList(images));
                NDArray loss = trainer.getLoss().evaluate(new NDList(targets), scores);
                collector.backward(loss);
                loss.getFloat();
            }
            trainer.step();
        }
    }

    /** The libmxnet.so mapped into this process (DJL unpacks it into ~/.djl.ai). */
    private static Path loadedLibrary() throws Exception {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(path -> path.endsWith("/libmxnet.so"))
                    .findFirst()
                    .map(Path::of)
                    .orElseThrow(() -> new IllegalStateException("libmxnet.so is not loaded"));
        }
    }

    private static void check(Profiler profiler, int status) {
        if (status != 0) {
            throw new IllegalStateException(profiler.MXGetLastError());
        }
    }
}
