package dev.classify.engine.train.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.classify.engine.config.OptimizerConfig;
import dev.classify.engine.config.PipelineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks what each configured optimizer does: single updates of a known weight and gradient against
 * PyTorch's update rules worked out by hand, and a short real training on 64 images of the
 * committed Fashion-MNIST subset.
 */
final class ConfiguredOptimizerTest {
    private static final Path TRAIN =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();
    private static final int IMAGES = 64;

    private static float[] pixels;
    private static float[] labels;

    @BeforeAll
    static void readTheImages() throws IOException {
        try (NDManager manager = manager();
                InputStream in = Files.newInputStream(TRAIN.resolve("train.npy"))) {
            NDArray all = NDList.decode(manager, in).singletonOrThrow();
            pixels = all.get("0:" + IMAGES).toType(DataType.FLOAT32, false).div(255).toFloatArray();
        }
        List<String> rows = Files.readAllLines(TRAIN.resolve("train.csv"));
        labels = new float[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            labels[i] = Float.parseFloat(rows.get(i + 1).split(",")[1]);
        }
    }

    private static NDManager manager() {
        return NDManager.newBaseManager(Device.cpu(), PipelineConfig.DEFAULT_ENGINE);
    }

    private static OptimizerConfig config(
            String type,
            double learningRate,
            Double momentum,
            Double weightDecay,
            Boolean nesterov,
            Double clipGradient) {
        return new OptimizerConfig(
                type,
                learningRate,
                momentum,
                weightDecay,
                nesterov,
                null,
                null,
                null,
                clipGradient);
    }

    /** Applies {@code steps} updates with a constant gradient to a weight of 1; returns it. */
    private static float update(OptimizerConfig config, float gradient, int steps) {
        Optimizer optimizer =
                ConfiguredOptimizer.create(config, new EpochLearningRate(config.learningRate()));
        try (NDManager manager = manager()) {
            NDArray weight = manager.create(new float[] {1f});
            NDArray grad = manager.create(new float[] {gradient});
            for (int i = 0; i < steps; i++) {
                optimizer.update("w", weight, grad);
            }
            return weight.getFloat(0);
        }
    }

    @Test
    void sgdWithMomentumFollowsPyTorch() {
        // buf = 0.9 * buf + g; w -= lr * buf. g = 0.5, lr = 0.1:
        //   step 1: buf = 0.5,  w = 1 - 0.05 = 0.95
        //   step 2: buf = 0.95, w = 0.95 - 0.095 = 0.855
        assertThat(update(config("sgd", 0.1, 0.9, 0.0, false, null), 0.5f, 2))
                .isCloseTo(0.855f, within(1e-6f));
    }

    @Test
    void nesterovFollowsPyTorch() {
        // PyTorch SGD(nesterov=True): buf = 0.9 * buf + g; w -= lr * (g + 0.9 * buf).
        //   step 1: buf = 0.5,  w = 1 - 0.1 * (0.5 + 0.45)   = 0.905
        //   step 2: buf = 0.95, w = 0.905 - 0.1 * (0.5 + 0.855) = 0.7695
        // Plain momentum would give 0.855: the two differ.
        assertThat(update(config("sgd", 0.1, 0.9, 0.0, true, null), 0.5f, 2))
                .isCloseTo(0.7695f, within(1e-6f));
    }

    @Test
    void clipsEachGradientElement() {
        // No momentum, g = 5 clipped to 0.25: w = 1 - 0.1 * 0.25 = 0.975.
        assertThat(update(config("sgd", 0.1, 0.0, 0.0, false, 0.25), 5f, 1))
                .isCloseTo(0.975f, within(1e-6f));
    }

    @Test
    void adamWeightDecayIsL2ButAdamwDecays() {
        // Zero gradient, weight decay 0.5, lr 0.1, weight 1.
        // adam (L2): g = 0 + 0.5 * w = 0.5; m_hat = 0.5, v_hat = 0.25 after bias correction, so
        //   w -= 0.1 * 0.5 / (0.5 + 1e-8): w = 0.9.
        // adamw (decoupled): m = v = 0, so only w -= lr * wd * w = 0.05: w = 0.95.
        assertThat(update(config("adam", 0.1, null, 0.5, null, null), 0f, 1))
                .isCloseTo(0.9f, within(1e-6f));
        assertThat(update(config("adamw", 0.1, null, 0.5, null, null), 0f, 1))
                .isCloseTo(0.95f, within(1e-6f));
    }

    @Test
    void adamTakesStepsOfTheLearningRate() {
        // Constant g: m_hat = g and v_hat = g^2 at every step, so each step is lr * g / |g| = lr.
        assertThat(update(config("adam", 0.01, null, 0.0, null, null), 3f, 3))
                .isCloseTo(0.97f, within(1e-6f));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgd-nesterov", "sgd-clipped", "adam", "adamw"})
    void reducesTheLossOfARealBatch(String name) {
        OptimizerConfig config =
                switch (name) {
                    case "sgd" -> config("sgd", 0.1, 0.9, 1e-4, false, null);
                    case "sgd-nesterov" -> config("sgd", 0.1, 0.9, 1e-4, true, null);
                    case "sgd-clipped" -> config("sgd", 0.1, 0.9, 1e-4, false, 0.01);
                    case "adam" -> config("adam", 0.01, null, 1e-4, null, null);
                    default -> config("adamw", 0.01, null, null, null, null);
                };
        double first;
        double last = 0;
        try (Model model =
                Model.newInstance("optimizer-test", Device.cpu(), PipelineConfig.DEFAULT_ENGINE)) {
            model.getNDManager().getEngine().setRandomSeed(42);
            model.setBlock(
                    new SequentialBlock()
                            .add(Blocks.batchFlattenBlock())
                            .add(Linear.builder().setUnits(10).build()));
            DefaultTrainingConfig training =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    ConfiguredOptimizer.create(
                                            config, new EpochLearningRate(config.learningRate())))
                            .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(training)) {
                trainer.initialize(new Shape(1, 1, 28, 28));
                NDManager manager = trainer.getManager();
                NDArray images = manager.create(pixels, new Shape(IMAGES, 1, 28, 28));
                NDArray classes = manager.create(labels);
                first = step(trainer, images, classes);
                for (int i = 0; i < 20; i++) {
                    last = step(trainer, images, classes);
                }
            }
        }

        assertThat(last).isLessThan(first * 0.5);
    }

    private static double step(Trainer trainer, NDArray images, NDArray classes) {
        double value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(new NDList(images));
            NDArray loss = trainer.getLoss().evaluate(new NDList(classes), predictions);
            collector.backward(loss);
            value = loss.getFloat();
        }
        trainer.step();
        return value;
    }
}
