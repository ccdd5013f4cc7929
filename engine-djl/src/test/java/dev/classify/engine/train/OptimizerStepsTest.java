package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.classify.engine.train.step.GradientNormClip;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OptimizerSteps}: accumulated batches step as one batch of all their images, on both
 * engines (whose own gradients behave differently, as the DJL gap test shows), and clipping by norm
 * matches a hand computation.
 */
final class OptimizerStepsTest {
    private static final int IMAGES = 20;

    @TempDir static Path start;

    private static float[] pixels;
    private static float[] labels;

    /** Initial parameters, saved once and loaded by every run on either engine; fixed images. */
    @BeforeAll
    static void saveStartingPoint() throws IOException {
        try (Model model = Model.newInstance("steps-start", Device.cpu(), "MXNet")) {
            model.getNDManager().getEngine().setRandomSeed(5);
            model.setBlock(block());
            model.getBlock()
                    .initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 8, 8));
            model.save(start, "start");
        }
        SplittableRandom random = new SplittableRandom(9);
        pixels = new float[IMAGES * 8 * 8];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        labels = new float[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            labels[i] = random.nextInt(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void twoBatchesOfEightStepAsOneBatchOfSixteen(String engine) throws IOException {
        List<float[]> once = trainBatches(engine, 1, 16);
        List<float[]> accumulated = trainBatches(engine, 2, 8, 8);

        assertClose(accumulated, once);
        assertThat(once.get(0)).isNotEqualTo(initial(engine).get(0));
        // Each batch alone steps elsewhere.
        assertThat(trainBatches(engine, 1, 8, 8).get(0)).isNotEqualTo(once.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void theEpochsRemainderStepsAtItsEnd(String engine) throws IOException {
        // Batches of 8, 8 and 4 with accumulate 2: a step on 16, then one on the remaining 4, as
        // batches of 16 and 4 with accumulate 1 (whose momentum carries over the same way).
        List<float[]> once = train(engine, 1, 16);
        List<float[]> accumulated = train(engine, 2, 8);
        List<float[]> threeOfSix = train(engine, 3, 6);

        assertClose(accumulated, once);
        // Batches of 6, 6, 6 and 2: one step on 18, then one on 2 (momentum 0.9 in between).
        assertClose(threeOfSix, trainBatches(engine, 1, 18, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void aStoppedEpochsPendingGradientIsForgotten(String engine) throws IOException {
        List<float[]> once = trainBatches(engine, 1, 16);
        // A first epoch stopped after one batch of a group of two, then a whole epoch.
        List<float[]> afterStop = trainBatches(engine, 2, 8, -1, 8, 8);

        assertClose(afterStop, once);
    }

    /** The DJL gap {@link OptimizerSteps} closes: each engine's own gradient after two passes. */
    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void djlOverwritesGradientsOnMxnetAndAddsThemOnPytorch(String engine) throws IOException {
        try (Model model = model(engine);
                Trainer trainer = trainer(model, sgd())) {
            NDManager manager = trainer.getManager();
            NDArray images = manager.create(pixels, new Shape(IMAGES, 1, 8, 8));
            NDArray classes = manager.create(labels);
            float[] first = backward(trainer, images, classes);
            float[] second = backward(trainer, images, classes);

            float expected = engine.equals("MXNet") ? first[0] : 2 * first[0];
            assertThat(second[0]).isCloseTo(expected, within(1e-5f * Math.abs(expected)));
        }
    }

    @Test
    void clipsByTheTotalNormAsComputedByHand() throws IOException {
        // One linear layer 3 -> 2 with bias, softmax cross-entropy, two samples.
        float[] weights = {0.5f, -1f, 2f, 1.5f, 0.25f, -0.75f};
        float[] bias = {0.1f, -0.2f};
        float[][] x = {{1f, 2f, -1f}, {0.5f, -1.5f, 3f}};
        int[] y = {1, 0};
        // d loss / d logits = (softmax - one-hot) / N; dW = that^T x, db = its column sums.
        double[] gradient = new double[8];
        for (int n = 0; n < 2; n++) {
            double[] logits = new double[2];
            for (int k = 0; k < 2; k++) {
                logits[k] = bias[k];
                for (int j = 0; j < 3; j++) {
                    logits[k] += weights[k * 3 + j] * x[n][j];
                }
            }
            double max = Math.max(logits[0], logits[1]);
            double z = Math.exp(logits[0] - max) + Math.exp(logits[1] - max);
            for (int k = 0; k < 2; k++) {
                double delta = (Math.exp(logits[k] - max) / z - (y[n] == k ? 1 : 0)) / 2;
                for (int j = 0; j < 3; j++) {
                    gradient[k * 3 + j] += delta * x[n][j];
                }
                gradient[6 + k] += delta;
            }
        }
        double norm = 0;
        for (double g : gradient) {
            norm += g * g;
        }
        norm = Math.sqrt(norm);
        double maxNorm = norm / 4;
        double factor = maxNorm / (norm + 1e-6);

        for (String engine : List.of("MXNet", "PyTorch")) {
            try (Model model = Model.newInstance("clip", Device.cpu(), engine)) {
                model.setBlock(Linear.builder().setUnits(2).build());
                Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1f)).build();
                try (Trainer trainer = trainer(model, sgd, new Shape(1, 3))) {
                    Parameter w = model.getBlock().getParameters().get("weight");
                    Parameter b = model.getBlock().getParameters().get("bias");
                    w.getArray().set(weights);
                    b.getArray().set(bias);
                    NDManager manager = trainer.getManager();
                    NDArray input =
                            manager.create(
                                    new float[] {1f, 2f, -1f, 0.5f, -1.5f, 3f}, new Shape(2, 3));
                    NDArray classes = manager.create(new float[] {1, 0});
                    backward(trainer, input, classes);
                    float[] before = concat(gradients(model));
                    // float32 softmax against double: a few units in the 6th digit.
                    for (int i = 0; i < 8; i++) {
                        assertThat((double) before[i]).isCloseTo(gradient[i], within(5e-6));
                    }

                    RunState state = new RunState(StartingPoint.fresh(), sgd);
                    state.open(model, trainer);
                    new OptimizerSteps(1, maxNorm).afterBackward(state, 2);

                    // SGD at rate 1: the parameters moved by minus the clipped gradient.
                    float[] after = concat(values(model));
                    float[] initial = concat(List.of(weights, bias));
                    for (int i = 0; i < 8; i++) {
                        assertThat((double) (initial[i] - after[i]))
                                .isCloseTo(gradient[i] * factor, within(2e-6));
                    }
                }
            }
        }
    }

    @Test
    void clipReturnsTheNormAndLeavesSmallGradientsAlone() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "MXNet")) {
            NDArray a = manager.create(new float[] {3f, 0f});
            NDArray b = manager.create(new float[] {0f, 4f, 0f});

            assertThat(GradientNormClip.clip(List.of(a, b), 5)).isCloseTo(5, within(1e-6));
            assertThat(a.toFloatArray()).containsExactly(3f, 0f);
            assertThat(GradientNormClip.clip(List.of(a, b), 1)).isCloseTo(5, within(1e-6));
            float factor = (float) (1 / (5 + 1e-6));
            assertThat(a.toFloatArray()).containsExactly(3f * factor, 0f);
            assertThat(b.toFloatArray()).containsExactly(0f, 4f * factor, 0f);
        }
    }

    @Test
    void refusesAccumulateBelowOne() {
        assertThatThrownBy(() -> new OptimizerSteps(0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accumulate must be at least 1, got 0");
    }

    /** Conv + relu + linear for 1x8x8 inputs: no batch norm, so batches do not see each other. */
    private static SequentialBlock block() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
    }

    private static Model model(String engine) throws IOException {
        Model model = Model.newInstance("steps-test", Device.cpu(), engine);
        model.setBlock(block());
        try {
            model.load(start, "start");
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(e);
        }
        return model;
    }

    private static Optimizer sgd() {
        return Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed(0.1f))
                .optMomentum(0.9f)
                .build();
    }

    private static Trainer trainer(Model model, Optimizer optimizer) {
        return trainer(model, optimizer, new Shape(1, 1, 8, 8));
    }

    private static Trainer trainer(Model model, Optimizer optimizer, Shape input) {
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(optimizer)
                        .optDevices(new Device[] {Device.cpu()});
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(input);
        return trainer;
    }

    /** One forward and backward pass; returns the first parameter's gradient. */
    private static float[] backward(Trainer trainer, NDArray images, NDArray classes) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(new NDList(images));
            collector.backward(trainer.getLoss().evaluate(new NDList(classes), predictions));
        }
        return gradients(trainer.getModel()).get(0);
    }

    /** One epoch over the first 20 images in batches of {@code batch}, stepping as configured. */
    private static List<float[]> train(String engine, int accumulate, int batch)
            throws IOException {
        List<Integer> sizes = new ArrayList<>();
        for (int from = 0; from < IMAGES; from += batch) {
            sizes.add(Math.min(batch, IMAGES - from));
        }
        return trainBatches(engine, accumulate, sizes.stream().mapToInt(i -> i).toArray());
    }

    /** Trains batches of {@code sizes} images in order; a size -1 starts a new epoch. */
    private static List<float[]> trainBatches(String engine, int accumulate, int... sizes)
            throws IOException {
        Optimizer optimizer = sgd();
        try (Model model = model(engine);
                Trainer trainer = trainer(model, optimizer)) {
            RunState state = new RunState(StartingPoint.fresh(), optimizer);
            state.open(model, trainer);
            OptimizerSteps steps = new OptimizerSteps(accumulate, null);
            steps.startEpoch();
            int from = 0;
            for (int size : sizes) {
                if (size < 0) {
                    // An epoch stopped here: the next starts from the first images again.
                    steps.startEpoch();
                    from = 0;
                    continue;
                }
                try (NDManager batch = trainer.getManager().newSubManager()) {
                    float[] part = new float[size * 64];
                    System.arraycopy(pixels, from * 64, part, 0, part.length);
                    float[] partLabels = new float[size];
                    System.arraycopy(labels, from, partLabels, 0, size);
                    backward(
                            trainer,
                            batch.create(part, new Shape(size, 1, 8, 8)),
                            batch.create(partLabels));
                    steps.afterBackward(state, size);
                }
                from += size;
            }
            steps.finishEpoch(state);
            return values(model);
        }
    }

    private static List<float[]> initial(String engine) throws IOException {
        try (Model model = model(engine)) {
            return values(model);
        }
    }

    private static List<float[]> values(Model model) {
        List<float[]> values = new ArrayList<>();
        for (Parameter parameter : model.getBlock().getParameters().values()) {
            values.add(parameter.getArray().toFloatArray());
        }
        return values;
    }

    private static List<float[]> gradients(Model model) {
        List<float[]> values = new ArrayList<>();
        for (Parameter parameter : model.getBlock().getParameters().values()) {
            try (NDArray gradient = parameter.getArray().getGradient()) {
                values.add(gradient.toFloatArray());
            }
        }
        return values;
    }

    private static float[] concat(List<float[]> arrays) {
        int length = arrays.stream().mapToInt(a -> a.length).sum();
        float[] all = new float[length];
        int at = 0;
        for (float[] array : arrays) {
            System.arraycopy(array, 0, all, at, array.length);
            at += array.length;
        }
        return all;
    }

    private static void assertClose(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int p = 0; p < expected.size(); p++) {
            assertThat(actual.get(p)).hasSameSizeAs(expected.get(p));
            for (int i = 0; i < expected.get(p).length; i++) {
                assertThat(actual.get(p)[i]).isCloseTo(expected.get(p)[i], within(1e-5f));
            }
        }
    }
}
