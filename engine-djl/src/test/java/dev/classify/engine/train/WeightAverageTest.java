package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.classify.engine.config.EmaConfig;
import dev.classify.engine.train.step.ParameterUpdate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WeightAverage} on a tiny network (linear, batch norm, linear) trained three SGD steps on
 * each engine: the average equals the one computed by hand from the parameters recorded after each
 * step (batch normalization's running statistics included when they are averaged), survives a save
 * and restore, and its recomputed statistics are those of its own weights.
 */
final class WeightAverageTest {
    private static final Shape INPUT = new Shape(1, 4);
    // batchNormBatches 0: the statistics are averaged like the weights.
    private static final EmaConfig CONFIG = new EmaConfig(0.8, 2, 0);
    private static final int STEPS = 3;

    private static Block block() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(3).build())
                .add(BatchNorm.builder().build())
                .add(Linear.builder().setUnits(2).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void equalsTheAverageComputedByHand(String engine, @TempDir Path folder) throws IOException {
        Optimizer optimizer = sgd();
        try (Model model = Model.newInstance("ema", Device.cpu(), engine);
                Trainer trainer = newTrainer(model, optimizer)) {
            model.getNDManager().getEngine().setRandomSeed(7);
            trainer.initialize(INPUT);
            List<Map<String, float[]>> recorded = new ArrayList<>();
            try (WeightAverage average = WeightAverage.start(model, block(), CONFIG, INPUT, null)) {
                trainRecording(trainer, optimizer, average, recorded);

                Map<String, float[]> expected = byHand(recorded);
                assertThat(average.steps()).isEqualTo(STEPS);
                assertEqual(values(average.model().getBlock()), expected);
                // The running mean moved: batch norm updates its parameter in place.
                String runningMean = "02BatchNorm_runningMean";
                assertThat(recorded.get(STEPS).get(runningMean))
                        .isNotEqualTo(recorded.get(0).get(runningMean));

                average.save(folder);
            }
            try (WeightAverage restored =
                    WeightAverage.start(model, block(), CONFIG, INPUT, folder)) {
                assertThat(restored.steps()).isEqualTo(STEPS);
                assertEqual(values(restored.model().getBlock()), byHand(recorded));
            }
        }
    }

    /**
     * With {@code batchNormBatches} set, the steps average the weights only, and recomputing the
     * statistics gives the running mean and variance of the averaged first layer's outputs: 100
     * training-mode passes of one batch of 64 leave 0.9^100 of the statistics before them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void recomputesTheStatisticsForTheAveragedWeights(String engine) throws IOException {
        Optimizer optimizer = sgd();
        EmaConfig recomputing = new EmaConfig(0.8, 2, 100);
        try (Model model = Model.newInstance("ema", Device.cpu(), engine);
                Trainer trainer = newTrainer(model, optimizer)) {
            model.getNDManager().getEngine().setRandomSeed(7);
            trainer.initialize(INPUT);
            List<Map<String, float[]>> recorded = new ArrayList<>();
            try (WeightAverage average =
                    WeightAverage.start(model, block(), recomputing, INPUT, null)) {
                trainRecording(trainer, optimizer, average, recorded);
                Map<String, float[]> byHand = byHand(recorded);
                Map<String, float[]> averaged = values(average.model().getBlock());
                String runningMean = "02BatchNorm_runningMean";
                String runningVar = "02BatchNorm_runningVar";
                // The steps leave the statistics as they started.
                assertThat(averaged.get(runningMean))
                        .containsExactly(recorded.get(0).get(runningMean));
                averaged.remove(runningMean);
                averaged.remove(runningVar);
                byHand.remove(runningMean);
                byHand.remove(runningVar);
                assertEqual(averaged, byHand);

                float[][] batch = new float[64][4];
                for (int i = 0; i < 64; i++) {
                    for (int j = 0; j < 4; j++) {
                        batch[i][j] = (float) Math.sin(0.37 * i + 1.3 * j) * (j + 1);
                    }
                }
                average.recomputeBatchNorm(100, (manager, i) -> manager.create(batch));

                float[] weight = averaged.get("01Linear_weight");
                float[] bias = averaged.get("01Linear_bias");
                double[] mean = new double[3];
                double[] variance = new double[3];
                for (int unit = 0; unit < 3; unit++) {
                    double[] outputs = new double[64];
                    for (int i = 0; i < 64; i++) {
                        double sum = bias[unit];
                        for (int j = 0; j < 4; j++) {
                            sum += weight[unit * 4 + j] * batch[i][j];
                        }
                        outputs[i] = sum;
                        mean[unit] += sum / 64;
                    }
                    for (double output : outputs) {
                        variance[unit] += (output - mean[unit]) * (output - mean[unit]) / 64;
                    }
                }
                Map<String, float[]> recomputed = values(average.model().getBlock());
                for (int unit = 0; unit < 3; unit++) {
                    assertThat((double) recomputed.get(runningMean)[unit])
                            .isCloseTo(mean[unit], within(1e-4 + 1e-3 * Math.abs(mean[unit])));
                    // The engines keep the biased or the unbiased variance (64/63 apart).
                    assertThat((double) recomputed.get(runningVar)[unit])
                            .isBetween(variance[unit] * 0.999, variance[unit] * 64 / 63 * 1.001);
                }
                // The weights are untouched.
                recomputed.remove(runningMean);
                recomputed.remove(runningVar);
                assertEqual(recomputed, byHand);
            }
        }
    }

    /**
     * The average stays the hand-computed one when the averaged network is evaluated between the
     * steps, as validation does every epoch: a convolution network, whose weights MXNet's oneDNN
     * convolution may convert to its own memory layout at inference.
     */
    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void evaluatingTheAverageBetweenStepsKeepsItTheAverage(String engine) throws IOException {
        Optimizer optimizer = sgd();
        try (Model model = Model.newInstance("ema", Device.cpu(), engine)) {
            model.setBlock(convolutionBlock());
            try (Trainer trainer =
                            model.newTrainer(
                                    new DefaultTrainingConfig(Loss.l2Loss())
                                            .optOptimizer(optimizer)
                                            .optDevices(new Device[] {Device.cpu()}));
                    NDManager manager = model.getNDManager().newSubManager()) {
                model.getNDManager().getEngine().setRandomSeed(7);
                trainer.initialize(IMAGE);
                List<Map<String, float[]>> recorded = new ArrayList<>();
                recorded.add(values(model.getBlock()));
                NDList images =
                        new NDList(manager.arange(4096f).reshape(4, 16, 8, 8).div(50).sin());
                try (WeightAverage average =
                        WeightAverage.start(model, convolutionBlock(), CONFIG, IMAGE, null)) {
                    ParameterUpdate update =
                            new ParameterUpdate(trainer, optimizer, average::update);
                    for (int step = 1; step <= 6; step++) {
                        convolutionStep(trainer, step);
                        update.apply();
                        recorded.add(values(model.getBlock()));
                        average.evaluate(images).close();
                    }

                    assertEqual(values(average.model().getBlock()), byHand(recorded));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void startsAsTheWeightsAndValidatesWithThem(String engine) throws IOException {
        try (Model model = Model.newInstance("ema", Device.cpu(), engine);
                Trainer trainer = newTrainer(model);
                NDManager manager = model.getNDManager().newSubManager()) {
            trainer.initialize(INPUT);
            try (WeightAverage average = WeightAverage.start(model, block(), CONFIG, INPUT, null)) {
                assertEqual(values(average.model().getBlock()), values(model.getBlock()));
                NDList input = new NDList(manager.randomUniform(0, 1, new Shape(5, 4)));

                float[] ours = average.evaluate(input).singletonOrThrow().toFloatArray();
                float[] trained = trainer.evaluate(input).singletonOrThrow().toFloatArray();

                assertThat(ours).containsExactly(trained);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet"})
    void refusesAnotherNetwork(String engine) {
        try (Model model = Model.newInstance("ema", Device.cpu(), engine);
                Trainer trainer = newTrainer(model)) {
            trainer.initialize(INPUT);
            Block other = new SequentialBlock().add(Linear.builder().setUnits(2).build());

            assertThatThrownBy(() -> WeightAverage.start(model, other, CONFIG, INPUT, null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("built two different networks");
        }
    }

    private static final Shape IMAGE = new Shape(1, 16, 8, 8);

    private static Block convolutionBlock() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(32).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(2).build());
    }

    /** One forward and backward pass of the convolution network on a batch of 6 images. */
    private static void convolutionStep(Trainer trainer, int step) {
        try (NDManager manager = trainer.getManager().newSubManager();
                GradientCollector collector = trainer.newGradientCollector()) {
            NDArray x = manager.arange(6144f).reshape(6, 16, 8, 8).div(30).add(step).sin();
            NDArray y = manager.arange(12f).reshape(6, 2).div(7).cos();
            NDList predictions = trainer.forward(new NDList(x));
            collector.backward(trainer.getLoss().evaluate(new NDList(y), predictions));
        }
    }

    private static Optimizer sgd() {
        return Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed(0.1f))
                .optMomentum(0.9f)
                .build();
    }

    private static Trainer newTrainer(Model model) {
        return newTrainer(model, sgd());
    }

    private static Trainer newTrainer(Model model, Optimizer sgd) {
        model.setBlock(block());
        return model.newTrainer(
                new DefaultTrainingConfig(Loss.l2Loss())
                        .optOptimizer(sgd)
                        .optDevices(new Device[] {Device.cpu()}));
    }

    /**
     * Records the trained parameters, then takes {@link #STEPS} steps that update {@code average},
     * recording them after each.
     */
    private static void trainRecording(
            Trainer trainer,
            Optimizer optimizer,
            WeightAverage average,
            List<Map<String, float[]>> recorded) {
        recorded.add(values(trainer.getModel().getBlock()));
        ParameterUpdate update = new ParameterUpdate(trainer, optimizer, average::update);
        for (int step = 1; step <= STEPS; step++) {
            step(trainer, step);
            update.apply();
            recorded.add(values(trainer.getModel().getBlock()));
        }
    }

    /** One forward and backward pass on a fixed batch of 6 that depends on the step. */
    private static void step(Trainer trainer, int step) {
        try (NDManager manager = trainer.getManager().newSubManager();
                GradientCollector collector = trainer.newGradientCollector()) {
            NDArray x = manager.arange(24f).reshape(6, 4).div(10).add(step).sin();
            NDArray y = manager.arange(12f).reshape(6, 2).div(7).cos();
            NDList predictions = trainer.forward(new NDList(x));
            collector.backward(trainer.getLoss().evaluate(new NDList(y), predictions));
        }
    }

    /**
     * e_0 = p_0; e_t = d_t e_(t-1) + (1 - d_t) p_t, in float32 as the engines compute it: (e_(t-1)
     * - p_t) d_t + p_t.
     */
    private static Map<String, float[]> byHand(List<Map<String, float[]>> recorded) {
        Map<String, float[]> average = new LinkedHashMap<>();
        recorded.get(0).forEach((name, values) -> average.put(name, values.clone()));
        for (int t = 1; t < recorded.size(); t++) {
            double decay = CONFIG.decay() * Math.min(1.0, t / (double) CONFIG.warmupSteps());
            for (Map.Entry<String, float[]> entry : average.entrySet()) {
                float[] e = entry.getValue();
                float[] p = recorded.get(t).get(entry.getKey());
                for (int i = 0; i < e.length; i++) {
                    e[i] = (e[i] - p[i]) * (float) decay + p[i];
                }
            }
        }
        return average;
    }

    private static Map<String, float[]> values(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (var pair : block.getParameters()) {
            Parameter parameter = pair.getValue();
            values.put(pair.getKey(), parameter.getArray().toFloatArray());
        }
        return values;
    }

    private static void assertEqual(Map<String, float[]> actual, Map<String, float[]> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach(
                (name, values) -> {
                    float[] got = actual.get(name);
                    assertThat(got).as(name).hasSameSizeAs(values);
                    for (int i = 0; i < values.length; i++) {
                        assertThat(got[i])
                                .as(name + "[" + i + "]")
                                .isCloseTo(values[i], within(1e-6f));
                    }
                });
    }
}
