package dev.classify.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SeResNetProviderTest {

    private static ModelSpec spec(int channels, int size, int classes, Map<String, ?> options) {
        return new ModelSpec(channels, size, size, classes, new Options("model", options));
    }

    private static long imagenetParameters(int depth) {
        Block block =
                new SeResNetProvider()
                        .create(spec(3, 224, 1000, Map.of("depth", depth, "stem", "imagenet")));
        return TrainableParameters.countAtImagenetSize(block);
    }

    @Test
    void seResNet34And50MatchTheReferenceCounts() {
        assertThat(imagenetParameters(34)).isEqualTo(21_958_868L);
        assertThat(imagenetParameters(50)).isEqualTo(28_088_024L);
    }

    @Test
    void everyResidualBranchEndsWithTheGate() {
        Block block = new SeResNetProvider().create(spec(1, 28, 10, Map.of("depth", 34)));
        Block branch =
                block.getChildren()
                        .get("04stage3")
                        .getChildren()
                        .get("06block6")
                        .getChildren()
                        .get("01residual");
        assertThat(branch.getChildren().keys())
                .containsExactly("01conv1", "02bn1", "03relu1", "04conv2", "05bn2", "06se");
    }

    @Test
    void scoresGrayscaleDigitsInTrainingAndInference() {
        Block block = new SeResNetProvider().create(spec(1, 28, 10, Map.of("reduction", 8)));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            NDArray input = manager.randomUniform(0, 1, new Shape(2, 1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);

            // MXNet runs batch norm in training mode only while a gradient collector records
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray training = block.forward(store, new NDList(input), true).singletonOrThrow();
                assertThat(training.getShape()).isEqualTo(new Shape(2, 10));
            }
            assertThat(block.forward(store, new NDList(input), false).singletonOrThrow().getShape())
                    .isEqualTo(new Shape(2, 10));
        }
    }

    @Test
    void parametersSurviveASaveAndALoad() throws Exception {
        ModelSpec spec = spec(1, 28, 10, Map.of("depth", 18));
        Block trained = new SeResNetProvider().create(spec);
        Block restored = new SeResNetProvider().create(spec);
        try (NDManager manager = NDManager.newBaseManager()) {
            trained.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trained.saveParameters(new DataOutputStream(bytes));
            restored.loadParameters(
                    manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            NDArray input = manager.randomUniform(0, 1, new Shape(2, 1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);

            NDArray expected = trained.forward(store, new NDList(input), false).singletonOrThrow();
            NDArray actual = restored.forward(store, new NDList(input), false).singletonOrThrow();

            assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
        }
    }

    @Test
    void reportsEveryBadOptionAtOnce() {
        assertThatThrownBy(
                        () ->
                                new SeResNetProvider()
                                        .create(
                                                spec(
                                                        3,
                                                        32,
                                                        10,
                                                        Map.of(
                                                                "depth", 21,
                                                                "stem", "tiny",
                                                                "width", -1,
                                                                "reduction", 0,
                                                                "ratio", 4))))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigurationException) e).problems())
                                        .containsExactly(
                                                "model.depth: must be one of [18, 20, 32, 34, 44, 50,"
                                                        + " 56, 101, 110, 152], got 21",
                                                "model.stem: must be one of [imagenet, small],"
                                                        + " got 'tiny'",
                                                "model.width: must be positive, got -1.0",
                                                "model.reduction: must be at least 1, got 0",
                                                "model.ratio: unknown option 'ratio'; known:"
                                                        + " [depth, dropPath, reduction, stem, width]"));
    }
}
