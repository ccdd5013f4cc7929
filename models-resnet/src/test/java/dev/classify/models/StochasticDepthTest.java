package dev.classify.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StochasticDepthTest {
    private static final Shape INPUT = new Shape(8, 1, 8, 8);

    private static Block resnet(String type, Map<String, ?> options) {
        ModelSpec spec = new ModelSpec(1, 8, 8, 3, new Options("model", options));
        return type.equals("resnet")
                ? new ResNetProvider().create(spec)
                : new SeResNetProvider().create(spec);
    }

    @Test
    void dropsWholeBranchesPerSampleAtTheRateAndScalesTheKeptOnes() {
        float rate = 0.3f;
        Block ones = new LambdaBlock(list -> new NDList(list.singletonOrThrow().onesLike()));
        ResidualBlock unit = ResidualBlock.withIdentity(ones, rate);
        int samples = 20_000;
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(samples, 2, 2, 2);
            unit.initialize(manager, DataType.FLOAT32, shape);
            NDList zeros = new NDList(manager.zeros(shape));
            ParameterStore store = new ParameterStore(manager, false);

            float[] output = unit.forward(store, zeros, true).singletonOrThrow().toFloatArray();

            int dropped = 0;
            for (int n = 0; n < samples; n++) {
                float first = output[n * 8];
                for (int i = 1; i < 8; i++) {
                    assertThat(output[n * 8 + i]).as("sample %d", n).isEqualTo(first);
                }
                if (first == 0) {
                    dropped++;
                } else {
                    assertThat(first).isCloseTo(1 / (1 - rate), offset(1e-6f));
                }
            }
            // 20,000 draws at p = 0.3: the standard error of the share is 0.0032
            assertThat(dropped / (double) samples).isCloseTo(rate, offset(0.015));

            float[] prediction =
                    unit.forward(store, zeros, false).singletonOrThrow().toFloatArray();
            assertThat(prediction).containsOnly(1f);
        }
    }

    @Test
    void rateRisesLinearlyFromZeroAtTheFirstUnitToTheOptionAtTheLast() {
        ResNetOptions options =
                ResNetOptions.read(
                        new ModelSpec(1, 8, 8, 3, new Options("model", Map.of("dropPath", 0.2))));
        assertThat(options.dropRate(0, 8)).isZero();
        assertThat(options.dropRate(4, 9)).isCloseTo(0.1, offset(1e-12));
        assertThat(options.dropRate(7, 8)).isCloseTo(0.2, offset(1e-12));
    }

    @Test
    void predictionEqualsTheNetworkWithoutDropPathAndTheSameParameters() {
        for (String type : List.of("resnet", "se-resnet")) {
            Block plain = resnet(type, Map.of("depth", 20));
            Block dropping = resnet(type, Map.of("depth", 20, "dropPath", 0.5));
            try (NDManager manager = NDManager.newBaseManager()) {
                plain.initialize(manager, DataType.FLOAT32, INPUT);
                dropping.initialize(manager, DataType.FLOAT32, INPUT);
                assertThat(dropping.getParameters().keys()).isEqualTo(plain.getParameters().keys());
                for (Pair<String, Parameter> parameter : plain.getParameters()) {
                    dropping.getParameters()
                            .get(parameter.getKey())
                            .getArray()
                            .set(parameter.getValue().getArray().toFloatArray());
                }
                NDList input = new NDList(manager.randomUniform(0, 1, INPUT));
                ParameterStore store = new ParameterStore(manager, false);

                float[] expected =
                        plain.forward(store, input, false).singletonOrThrow().toFloatArray();
                float[] actual =
                        dropping.forward(store, input, false).singletonOrThrow().toFloatArray();
                assertThat(actual).as(type).containsExactly(expected);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    float[] training =
                            dropping.forward(store, input, true).singletonOrThrow().toFloatArray();
                    assertThat(training).as(type).isNotEqualTo(expected);
                }
            }
        }
    }

    @Test
    void rateZeroDrawsNothingFromTheEngineGenerator() {
        assertThat(drawAfterTrainingForward(0)).isEqualTo(drawAfterTrainingForward(-1));
        assertThat(drawAfterTrainingForward(0.5)).isNotEqualTo(drawAfterTrainingForward(-1));
    }

    /** The engine's next random number after one training forward pass (none for a rate < 0). */
    private static float drawAfterTrainingForward(double rate) {
        Block block = resnet("resnet", Map.of("depth", 20, "dropPath", Math.max(0, rate)));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.ones(INPUT);
            block.initialize(manager, DataType.FLOAT32, INPUT);
            Engine.getInstance().setRandomSeed(11);
            if (rate >= 0) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    block.forward(new ParameterStore(manager, false), new NDList(input), true);
                }
            }
            return manager.randomUniform(0, 1, new Shape(1)).getFloat();
        }
    }

    @Test
    void trainingIsTheSameForTheSameSeed() {
        List<Float> first = losses(0.5);
        assertThat(losses(0.5)).isEqualTo(first);
        assertThat(losses(0)).isNotEqualTo(first);
    }

    /** Five SGD steps on fixed data after seeding the engine with 42, as training does. */
    private static List<Float> losses(double dropPath) {
        Engine.getInstance().setRandomSeed(42);
        List<Float> losses = new ArrayList<>();
        try (Model model = Model.newInstance("stochastic-depth")) {
            model.setBlock(resnet("se-resnet", Map.of("depth", 20, "dropPath", dropPath)));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(Tracker.fixed(0.1f))
                                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(INPUT);
                NDManager manager = trainer.getManager();
                NDArray images = manager.randomUniform(0, 1, INPUT);
                NDArray labels = manager.arange(8).toType(DataType.FLOAT32, false).mod(3);
                for (int step = 0; step < 5; step++) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray logits = trainer.forward(new NDList(images)).singletonOrThrow();
                        NDArray loss =
                                trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
                        collector.backward(loss);
                        losses.add(loss.getFloat());
                    }
                    trainer.step();
                }
            }
        }
        return losses;
    }

    @Test
    void rejectsARateOutsideZeroToOne() {
        for (double rate : new double[] {1.0, -0.1}) {
            assertThatThrownBy(() -> resnet("resnet", Map.of("dropPath", rate)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("model.dropPath: must be in [0, 1), got " + rate);
        }
    }
}
