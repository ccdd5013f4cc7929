package dev.classify.engine.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import dev.classify.api.ModelSpec;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.runtime.OfflineDefaults;
import dev.classify.engine.train.DjlTrainingConfig;
import dev.classify.engine.train.EpochRunner;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.schedule.EpochLearningRate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Compares {@code train.prefetch} settings in one process on one trained network: rounds of {@code
 * classify bench}'s compute measurement and its pipeline measurement with prefetch 0, 1, 2 and 3,
 * alternating, so that a busy machine's changing load falls on every setting alike; prints each
 * setting's median pipeline efficiency over the rounds. Not a test: run it with {@code
 * OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE} and the test class path,
 *
 * <pre>
 * java -Drounds=6 -Dsteps=12 -cp ... dev.classify.engine.bench.PrefetchBenchmark MXNet [model.type=resnet ...]
 * </pre>
 */
public final class PrefetchBenchmark {
    private static final int[] SETTINGS = {0, 1, 2, 3};
    private static final int ROUNDS = Integer.getInteger("rounds", 6);
    private static final int STEPS = Integer.getInteger("steps", 12);

    private PrefetchBenchmark() {}

    public static void main(String[] args) throws Exception {
        OfflineDefaults.apply();
        String engineName = args.length > 0 ? args[0] : "MXNet";
        List<String> overrides =
                args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of();
        Classify root = Classify.forClassPath();
        Path data = Path.of("examples", "fashion-mnist-small");
        String yaml =
                Benchmark.configuration(
                        data.resolve("train.npy"),
                        data.resolve("train.csv"),
                        128,
                        "cpu",
                        engineName);
        List<PreparedRun> runs = new ArrayList<>();
        for (int ahead : SETTINGS) {
            List<String> set = new ArrayList<>(overrides);
            set.add("train.prefetch=" + ahead);
            PipelineConfig config =
                    root.configurationLoader().parse(yaml, Path.of(""), set, Path.of("bench"));
            runs.add(root.prepare(config));
        }
        PreparedRun first = runs.get(0);
        Engine.getEngine(engineName).setRandomSeed(42);
        ModelSpec spec = first.spec();
        double[][] efficiency = new double[SETTINGS.length][ROUNDS];
        try (Model model = Model.newInstance("prefetch", first.device(), engineName)) {
            model.setBlock(
                    root.catalog().model("model.type", first.config().model().type()).create(spec));
            DefaultTrainingConfig training =
                    DjlTrainingConfig.create(
                            first.config().train(),
                            new EpochLearningRate(0.01),
                            first.devices(),
                            engineName,
                            false);
            try (Trainer trainer = model.newTrainer(training)) {
                trainer.initialize(
                        new Shape(1, spec.inputChannels(), spec.inputHeight(), spec.inputWidth()));
                List<EpochRunner> runners = new ArrayList<>();
                for (PreparedRun run : runs) {
                    runners.add(EpochRunner.forTrainer(trainer, training.getOptimizer(), run));
                }
                int[] order = EpochRunner.shuffled(first.split().train(), new SplittableRandom(42));
                for (int round = 0; round < ROUNDS; round++) {
                    for (int s = 0; s < SETTINGS.length; s++) {
                        double compute =
                                Measurements.compute(trainer, runners.get(s), order, 128, STEPS, 2);
                        double pipeline =
                                Measurements.pipeline(runners.get(s), order, 128, STEPS, 2);
                        efficiency[s][round] = pipeline / compute;
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "round %d: %s%n",
                            round + 1,
                            Arrays.toString(column(efficiency, round)));
                }
            }
        }
        for (int s = 0; s < SETTINGS.length; s++) {
            double[] values = efficiency[s].clone();
            Arrays.sort(values);
            System.out.printf(
                    Locale.ROOT,
                    "%s %s prefetch %d: median efficiency %.3f (%.3f..%.3f)%n",
                    engineName,
                    overrides,
                    SETTINGS[s],
                    values[values.length / 2],
                    values[0],
                    values[values.length - 1]);
        }
    }

    private static String[] column(double[][] values, int round) {
        String[] column = new String[values.length];
        for (int s = 0; s < values.length; s++) {
            column[s] = String.format(Locale.ROOT, "p%d %.3f", SETTINGS[s], values[s][round]);
        }
        return column;
    }
}
