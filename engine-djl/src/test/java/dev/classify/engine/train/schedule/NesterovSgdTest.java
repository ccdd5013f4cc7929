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
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NesterovSgd} takes the steps of MXNet's fused Nesterov update (DJL's {@code Nag}), on
 * MXNet and on PyTorch, for which it exists.
 */
final class NesterovSgdTest {
    private static final int IMAGES = 16;

    @TempDir static Path start;

    /** Initial parameters, saved once and loaded by every run on either engine. */
    @BeforeAll
    static void saveStartingPoint() throws IOException {
        try (Model model = Model.newInstance("nesterov-start", Device.cpu(), "MXNet")) {
            model.getNDManager().getEngine().setRandomSeed(5);
            model.setBlock(block());
            model.getBlock()
                    .initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 28, 28));
            model.save(start, "start");
        }
    }

    /**
     * With gradient clipping (0.05) PyTorch runs the array operations; without (-1), the fused path
     * (DJL's native SGD step four times): both take MXNet's steps.
     */
    @ParameterizedTest
    @ValueSource(floats = {0.05f, -1f})
    void takesTheStepsOfMxnetsNesterovUpdateOnBothEngines(float clip) throws Exception {
        float[] initial = train("MXNet", null);
        float[] fused =
                train(
                        "MXNet",
                        Optimizer.nag()
                                .setLearningRateTracker(Tracker.fixed(0.1f))
                                .setMomentum(0.9f)
                                .optWeightDecays(1e-3f)
                                .optClipGrad(clip)
                                .build());
        float[] mxnet = train("MXNet", nesterov(clip));
        float[] pytorch = train("PyTorch", nesterov(clip));

        assertThat(fused).isNotEqualTo(initial);
        for (int i = 0; i < fused.length; i++) {
            assertThat(mxnet[i]).isCloseTo(fused[i], within(1e-4f));
            assertThat(pytorch[i]).isCloseTo(fused[i], within(1e-4f));
        }
    }

    private static NesterovSgd nesterov(float clip) {
        return new NesterovSgd(Tracker.fixed(0.1f), 0.9f, 1e-3f, clip);
    }

    private static SequentialBlock block() {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    /** Ten steps on a fixed batch from the saved start; returns the layer's weights. */
    private static float[] train(String engine, Optimizer optimizer) throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        float[] pixels = new float[IMAGES * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        float[] labels = new float[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            labels[i] = i % 10;
        }
        try (Model model = Model.newInstance("nesterov-test", Device.cpu(), engine)) {
            model.setBlock(block());
            model.load(start, "start");
            if (optimizer == null) {
                return model.getBlock().getParameters().get(0).getValue().getArray().toFloatArray();
            }
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(optimizer)
                            .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1, 28, 28));
                NDManager manager = trainer.getManager();
                NDArray images = manager.create(pixels, new Shape(IMAGES, 1, 28, 28));
                NDArray classes = manager.create(labels);
                for (int i = 0; i < 10; i++) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList predictions = trainer.forward(new NDList(images));
                        collector.backward(
                                trainer.getLoss().evaluate(new NDList(classes), predictions));
                    }
                    trainer.step();
                }
                return model.getBlock().getParameters().get(0).getValue().getArray().toFloatArray();
            }
        }
    }
}
