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
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.classify.engine.config.EmaConfig;
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
 * step, batch normalization's running statistics included, and survives a save and restore.
 */
final class WeightAverageTest {
    private static final Shape INPUT = new Shape(1, 4);
    private static final EmaConfig CONFIG = new EmaConfig(0.8, 2);
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
            recorded.add(values(model.getBlock()));
            try (WeightAverage average = WeightAverage.start(model, block(), CONFIG, INPUT, null)) {
                ParameterUpdate update = new ParameterUpdate(trainer, optimizer, average::update);
                for (int step = 1; step <= STEPS; step++) {
                    step(trainer, step);
                    update.apply();
                    recorded.add(values(model.getBlock()));
                }

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
