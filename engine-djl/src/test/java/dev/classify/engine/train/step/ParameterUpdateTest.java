package dev.classify.engine.train.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.classify.engine.train.schedule.NesterovSgd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ParameterUpdate} takes the same steps as DJL's {@code Trainer.step()}, on both engines,
 * with stateful optimizers: SGD with momentum and weight decay, Nesterov SGD and Adam (whose bias
 * correction counts the updates).
 */
final class ParameterUpdateTest {
    private static final int IMAGES = 8;
    private static final int STEPS = 4;

    @TempDir static Path start;

    /** Initial parameters, saved once and loaded by every run on either engine. */
    @BeforeAll
    static void saveStartingPoint() throws IOException {
        try (Model model = Model.newInstance("update-start", Device.cpu(), "MXNet")) {
            model.getNDManager().getEngine().setRandomSeed(11);
            model.setBlock(block());
            model.getBlock()
                    .initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 12, 12));
            model.save(start, "start");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void takesTheTrainersStepsWithSgdNesterovAndAdam(String engine) throws Exception {
        List<Supplier<Optimizer>> optimizers =
                List.of(
                        () ->
                                Optimizer.sgd()
                                        .setLearningRateTracker(Tracker.fixed(0.1f))
                                        .optMomentum(0.9f)
                                        .optWeightDecays(1e-3f)
                                        .build(),
                        () -> new NesterovSgd(Tracker.fixed(0.1f), 0.9f, 1e-3f, -1f),
                        () ->
                                Optimizer.adam()
                                        .optLearningRateTracker(Tracker.fixed(0.01f))
                                        .build());
        List<float[]> initial = train(engine, null, false);
        for (Supplier<Optimizer> optimizer : optimizers) {
            List<float[]> trainer = train(engine, optimizer.get(), false);
            List<float[]> direct = train(engine, optimizer.get(), true);

            assertThat(direct).hasSameSizeAs(trainer);
            for (int p = 0; p < trainer.size(); p++) {
                assertThat(direct.get(p)).hasSameSizeAs(trainer.get(p));
                for (int i = 0; i < trainer.get(p).length; i++) {
                    assertThat(direct.get(p)[i]).isCloseTo(trainer.get(p)[i], within(1e-5f));
                }
            }
            // The first parameter (the convolution's weights) moved.
            assertThat(direct.get(0)).isNotEqualTo(initial.get(0));
        }
    }

    /** Conv + batch norm (with running statistics, not trained) + linear, for 1x12x12 inputs. */
    private static SequentialBlock block() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
    }

    /**
     * {@code STEPS} steps on a fixed batch from the saved start, by the trainer's step or by {@link
     * ParameterUpdate}; returns every parameter's values (all of them without optimizer).
     */
    private static List<float[]> train(String engine, Optimizer optimizer, boolean direct)
            throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        float[] pixels = new float[IMAGES * 12 * 12];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        float[] labels = new float[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            labels[i] = i % 3;
        }
        try (Model model = Model.newInstance("update-test", Device.cpu(), engine)) {
            model.setBlock(block());
            model.load(start, "start");
            if (optimizer == null) {
                return values(model);
            }
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(optimizer)
                            .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1, 12, 12));
                ParameterUpdate update = new ParameterUpdate(trainer, optimizer);
                NDManager manager = trainer.getManager();
                NDArray images = manager.create(pixels, new Shape(IMAGES, 1, 12, 12));
                NDArray classes = manager.create(labels);
                for (int i = 0; i < STEPS; i++) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList predictions = trainer.forward(new NDList(images));
                        collector.backward(
                                trainer.getLoss().evaluate(new NDList(classes), predictions));
                    }
                    if (direct) {
                        update.apply();
                    } else {
                        trainer.step();
                    }
                }
                return values(model);
            }
        }
    }

    private static List<float[]> values(Model model) {
        List<float[]> values = new ArrayList<>();
        for (Parameter parameter : model.getBlock().getParameters().values()) {
            values.add(parameter.getArray().toFloatArray());
        }
        return values;
    }
}
