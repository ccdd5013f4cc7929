package dev.classify.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.classify.api.ModelSpec;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.TrainConfig;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.EngineChoice;
import dev.classify.engine.train.DjlTrainingConfig;
import dev.classify.engine.train.EpochRunner;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.schedule.EpochLearningRate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch splitting of data-parallel training ({@code train.device: gpus}). DJL allows one CPU
 * device per trainer, so the split cannot run across devices here; instead the slices' weighted
 * losses are backpropagated one after another on the CPU (PyTorch, whose gradients add up like the
 * parameter server's sum over devices) and compared with the whole batch: by hand, and through
 * {@link EpochRunner}'s own step with the CPU given twice as the slices' devices.
 */
final class BatchSplitTest {
    @Test
    void slicesDifferByAtMostOneImageLargerFirst() {
        assertThat(BatchSplit.sizes(128, 2)).containsExactly(64, 64);
        assertThat(BatchSplit.sizes(10, 4)).containsExactly(3, 3, 2, 2);
        assertThat(BatchSplit.sizes(3, 3)).containsExactly(1, 1, 1);
        assertThat(BatchSplit.sizes(7, 1)).containsExactly(7);
        assertThat(BatchSplit.weight(3, 10)).isEqualTo(0.3f);
        assertThatThrownBy(() -> BatchSplit.sizes(2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot split 2 images over 3 devices");
    }

    @Test
    void weightedSlicesGiveTheGradientAndLossOfTheWholeBatch() {
        int count = 10;
        SplittableRandom random = new SplittableRandom(1);
        float[] pixels = new float[count * 2 * 4 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        float[] labels = new float[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 3;
        }
        try (Model model = Model.newInstance("split-test", Device.cpu(), "PyTorch")) {
            model.getNDManager().getEngine().setRandomSeed(7);
            model.setBlock(
                    new SequentialBlock()
                            .add(Blocks.batchFlattenBlock())
                            .add(Linear.builder().setUnits(8).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(3).build()));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 2, 4, 4));
                NDManager manager = trainer.getManager();
                NDArray images = manager.create(pixels, new Shape(count, 2, 4, 4));
                NDArray classes = manager.create(labels);

                float wholeLoss = backward(trainer, images, classes, 1f);
                List<float[]> whole = gradients(model);

                int[] sizes = BatchSplit.sizes(count, 3);
                float splitLoss = 0;
                List<float[]> summed = null;
                int from = 0;
                for (int size : sizes) {
                    NDIndex slice = new NDIndex("{}:{}", from, from + size);
                    splitLoss +=
                            backward(
                                    trainer,
                                    images.get(slice),
                                    classes.get(slice),
                                    BatchSplit.weight(size, count));
                    List<float[]> part = gradients(model);
                    summed = summed == null ? part : add(summed, part);
                    from += size;
                }

                assertThat(splitLoss).isCloseTo(wholeLoss, within(1e-5f));
                assertThat(summed).hasSameSizeAs(whole);
                for (int p = 0; p < whole.size(); p++) {
                    float[] expected = whole.get(p);
                    assertThat(expected).isNotEqualTo(new float[expected.length]);
                    for (int i = 0; i < expected.length; i++) {
                        assertThat(summed.get(p)[i]).isCloseTo(expected[i], within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void aStepSplitOverTwoSlicesUpdatesTheModelAsOneStepOnTheWholeBatch(@TempDir Path data)
            throws IOException {
        FixtureSubset.write(data, 1000);
        Classify root = Classify.forClassPath();
        PreparedRun prepared =
                root.prepare(
                        new ConfigurationLoader()
                                .parse(
                                        """
                                                data:
                                                  train: {images: train.npy, labels: train.csv}
                                                  validation: {size: 0}
                                                model: {type: simple-cnn}
                                                train:
                                                  batchSize: 30
                                                  optimizer: {type: sgd, learningRate: 0.1}
                                                  device: cpu
                                                engine: PyTorch
                                                """,
                                        data,
                                        List.of(),
                                        Path.of("split-test.yaml")));
        PluginCatalog catalog = root.catalog();
        Device cpu = Device.cpu();
        StepResult whole = trainOneStep(prepared, catalog, new Device[] {cpu});
        StepResult split = trainOneStep(prepared, catalog, new Device[] {cpu, cpu});

        assertThat(split.step().images()).isEqualTo(30);
        assertThat(split.step().loss()).isCloseTo(whole.step().loss(), within(1e-5));
        assertThat(split.step().correct()).isEqualTo(whole.step().correct());
        assertThat(split.initial()).isEqualTo(whole.initial());
        assertThat(whole.after()).isNotEqualTo(whole.initial());
        for (int i = 0; i < whole.after().length; i++) {
            assertThat(split.after()[i]).isCloseTo(whole.after()[i], within(1e-5f));
        }
    }

    private record StepResult(EpochRunner.Step step, float[] initial, float[] after) {}

    /** One EpochRunner step of the first 30 images from a seeded start; first layer's weights. */
    private static StepResult trainOneStep(
            PreparedRun prepared, PluginCatalog catalog, Device[] slices) {
        Engine engine = EngineChoice.load("PyTorch");
        engine.setRandomSeed(42);
        ModelSpec spec = prepared.spec();
        try (Model model = Model.newInstance("split-test", Device.cpu(), "PyTorch")) {
            model.setBlock(catalog.model("model.type", "simple-cnn").create(spec));
            TrainConfig train = prepared.config().train();
            DefaultTrainingConfig config =
                    DjlTrainingConfig.create(
                            train,
                            new EpochLearningRate(0.1),
                            prepared.devices(),
                            "PyTorch",
                            false);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1, 28, 28));
                NDArray weight = model.getBlock().getParameters().get(0).getValue().getArray();
                float[] initial = weight.toFloatArray();
                EpochRunner runner =
                        EpochRunner.forTrainer(trainer, config.getOptimizer(), prepared);
                int[] order = prepared.split().train();
                BatchAssembler assembler = new BatchAssembler(prepared.train());
                try (NDManager manager = trainer.getManager().newSubManager()) {
                    NDArray images = assembler.images(manager, order, 0, 30);
                    NDArray labels = assembler.labels(manager, order, 0, 30);
                    EpochRunner.Step step = runner.step(images, labels, slices);
                    return new StepResult(step, initial, weight.toFloatArray());
                }
            }
        }
    }

    /** Backpropagates weight * loss of a batch; returns the weighted loss. */
    private static float backward(Trainer trainer, NDArray images, NDArray labels, float weight) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(new NDList(images));
            NDArray loss = trainer.getLoss().evaluate(new NDList(labels), predictions).mul(weight);
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** Copies every parameter's gradient and zeroes it (PyTorch would add the next one). */
    private static List<float[]> gradients(Model model) {
        List<float[]> gradients = new ArrayList<>();
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            NDArray gradient = parameter.getValue().getArray().getGradient();
            gradients.add(gradient.toFloatArray());
            gradient.subi(gradient);
        }
        return gradients;
    }

    private static List<float[]> add(List<float[]> a, List<float[]> b) {
        List<float[]> sum = new ArrayList<>();
        for (int p = 0; p < a.size(); p++) {
            float[] values = a.get(p).clone();
            for (int i = 0; i < values.length; i++) {
                values[i] += b.get(p)[i];
            }
            sum.add(values);
        }
        return sum;
    }
}
