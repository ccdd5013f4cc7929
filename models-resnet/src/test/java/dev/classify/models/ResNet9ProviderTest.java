package dev.classify.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ResNet9ProviderTest {

    private static Block block(int channels, int size, Map<String, ?> options) {
        return new ResNet9Provider()
                .create(new ModelSpec(channels, size, size, 10, new Options("model", options)));
    }

    private static long parameters(Map<String, ?> options) {
        Block block = block(1, 28, options);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            return TrainableParameters.count(block);
        }
    }

    @Test
    void hasTheParametersOfPagesNetworkAsBenchPytorchReferenceBuildsIt() {
        // bench/pytorch_reference.py's resnet9(): sum(p.numel() for p in model.parameters())
        assertThat(parameters(Map.of())).isEqualTo(6_571_968L);
        assertThat(parameters(Map.of("width", 0.25))).isEqualTo(412_656L);
    }

    @Test
    void layersHaveReadableNames() {
        Block block = block(1, 28, Map.of());
        assertThat(block.getChildren().keys())
                .containsExactly(
                        "01prep",
                        "02layer1",
                        "03layer2",
                        "04layer3",
                        "05pool",
                        "06flatten",
                        "07classifier",
                        "08scale");
        assertThat(block.getChildren().get("02layer1").getChildren().keys())
                .containsExactly("01conv", "02pool", "03residual");
        assertThat(block.getChildren().get("03layer2").getChildren().keys())
                .containsExactly("01conv", "02pool");
    }

    @Test
    void scoresGrayscaleImagesInTrainingAndInference() {
        Block block = block(1, 28, Map.of("width", 0.25));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            NDArray input = manager.randomUniform(0, 1, new Shape(2, 1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray prep = block.getParameters().get("01prep_01conv_weight").getArray();
            assertThat(prep.getShape()).isEqualTo(new Shape(16, 1, 3, 3));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray training = block.forward(store, new NDList(input), true).singletonOrThrow();
                assertThat(training.getShape()).isEqualTo(new Shape(2, 10));
                collector.backward(training.sum());
            }
            assertThat(prep.getGradient().abs().sum().getFloat()).isPositive();
            NDArray inference = block.forward(store, new NDList(input), false).singletonOrThrow();
            assertThat(inference.getShape()).isEqualTo(new Shape(2, 10));
        }
    }

    @Test
    void scaleMultipliesTheLogits() {
        float[] eighth = logits(0.125);
        float[] whole = logits(1.0);
        assertThat(whole[0]).isNotZero();
        for (int i = 0; i < whole.length; i++) {
            assertThat(eighth[i]).isCloseTo(whole[i] * 0.125f, within(1e-5f));
        }
    }

    /** Inference logits of one fixed image by a network initialised from the same seed. */
    private static float[] logits(double scale) {
        Block block = block(1, 28, Map.of("width", 0.25, "scale", scale));
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDArray input = manager.arange(784f).div(784f).reshape(1, 1, 28, 28);
            return block.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }

    @Test
    void reportsEveryBadOptionAtOnce() {
        assertThatThrownBy(() -> block(1, 7, Map.of("width", 0, "scale", -1, "depth", 9)))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigurationException) e).problems())
                                        .containsExactly(
                                                "model.width: must be in (0, 16.0], got 0.0",
                                                "model.scale: must be positive, got -1.0",
                                                "model.type: resnet9 needs images of at least 8x8"
                                                        + " pixels, got 7x7",
                                                "model.depth: unknown option 'depth';"
                                                        + " known: [scale, width]"));
    }
}
