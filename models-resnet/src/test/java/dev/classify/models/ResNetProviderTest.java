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
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ResNetProviderTest {

    private static ModelSpec spec(int channels, int size, int classes, Map<String, ?> options) {
        return new ModelSpec(channels, size, size, classes, new Options("model", options));
    }

    /** Trainable parameters of an ImageNet network: 3x224x224 input, 1000 classes. */
    private static long imagenetParameters(int depth) {
        Block block =
                new ResNetProvider()
                        .create(spec(3, 224, 1000, Map.of("depth", depth, "stem", "imagenet")));
        return TrainableParameters.countAtImagenetSize(block);
    }

    @Test
    void resnet18And34MatchTorchvision() {
        assertThat(imagenetParameters(18)).isEqualTo(11_689_512L);
        assertThat(imagenetParameters(34)).isEqualTo(21_797_672L);
    }

    @Test
    void resnet50MatchesTorchvision() {
        assertThat(imagenetParameters(50)).isEqualTo(25_557_032L);
    }

    @Test
    void resnet101And152MatchTorchvision() {
        assertThat(imagenetParameters(101)).isEqualTo(44_549_160L);
        assertThat(imagenetParameters(152)).isEqualTo(60_192_808L);
    }

    @Test
    void cifarResNet20HasThreeStagesOf16To64ChannelsWithProjectionShortcuts() {
        // He et al. 2015, section 4.2: 0.27M parameters with zero-padded shortcuts (option A);
        // the two 1x1 projections (16->32, 32->64, each with BN) add 2,752, giving 272,474 for
        // 3x32x32 input and 10 classes.
        Block block = new ResNetProvider().create(spec(3, 32, 10, Map.of("depth", 20)));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertThat(TrainableParameters.count(block)).isEqualTo(272_474L);
            NDArray logits =
                    block.forward(
                                    new ParameterStore(manager, false),
                                    new NDList(manager.zeros(new Shape(2, 3, 32, 32))),
                                    false)
                            .singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 10));
        }
        assertThat(block.getChildren().keys())
                .containsExactly(
                        "01stem",
                        "02stage1",
                        "03stage2",
                        "04stage3",
                        "05pool",
                        "06flatten",
                        "07classifier");
    }

    @Test
    void runningStatisticsAreParametersInDjlButNotCounted() {
        Block block = new ResNetProvider().create(spec(3, 32, 1000, Map.of("stem", "imagenet")));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            // ResNet-18 has 20 batch norms with 4,800 channels in all: a mean and a variance each
            assertThat(TrainableParameters.countAll(block) - TrainableParameters.count(block))
                    .isEqualTo(2 * 4_800L);
        }
    }

    @Test
    void smallStemScoresGrayscaleDigitsInTrainingAndInference() {
        Block block = new ResNetProvider().create(spec(1, 28, 10, Map.of()));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            NDArray input = manager.randomUniform(0, 1, new Shape(2, 1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);

            NDArray firstConv = parameter(block, "01stem_01conv_weight").getArray();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray training = block.forward(store, new NDList(input), true).singletonOrThrow();
                assertThat(training.getShape()).isEqualTo(new Shape(2, 10));
                collector.backward(training.sum());
            }
            assertThat(firstConv.getGradient().abs().sum().getFloat()).isPositive();

            NDArray inference = block.forward(store, new NDList(input), false).singletonOrThrow();
            assertThat(inference.getShape()).isEqualTo(new Shape(2, 10));
            for (float score : inference.toFloatArray()) {
                assertThat(Float.isFinite(score)).isTrue();
            }
        }
    }

    @Test
    void imagenetStemScoresAThousandClasses() {
        Block block = new ResNetProvider().create(spec(3, 224, 1000, Map.of("depth", 18)));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 224, 224));
            NDArray input = manager.randomUniform(0, 1, new Shape(2, 3, 224, 224));
            ParameterStore store = new ParameterStore(manager, false);

            // MXNet runs batch norm in training mode only while a gradient collector records
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray training = block.forward(store, new NDList(input), true).singletonOrThrow();
                assertThat(training.getShape()).isEqualTo(new Shape(2, 1000));
            }
            assertThat(block.forward(store, new NDList(input), false).singletonOrThrow().getShape())
                    .isEqualTo(new Shape(2, 1000));
        }
    }

    @Test
    void stemDefaultsToSmallUpTo64PixelsAndImagenetAbove() {
        assertThat(stemLayers(new ModelSpec(1, 64, 64, 10, new Options("model", Map.of()))))
                .containsExactly("01conv", "02bn", "03relu");
        assertThat(stemLayers(new ModelSpec(3, 64, 65, 10, new Options("model", Map.of()))))
                .containsExactly("01conv", "02bn", "03relu", "04pool");
        assertThat(stemLayers(spec(3, 32, 10, Map.of("stem", "imagenet"))))
                .containsExactly("01conv", "02bn", "03relu", "04pool");
    }

    @Test
    void layersHaveReadableNames() {
        Block block = new ResNetProvider().create(spec(3, 32, 10, Map.of("depth", 50)));
        assertThat(block.getChildren().keys())
                .containsExactly(
                        "01stem",
                        "02stage1",
                        "03stage2",
                        "04stage3",
                        "05stage4",
                        "06pool",
                        "07flatten",
                        "08classifier");
        Block unit = block.getChildren().get("03stage2").getChildren().get("01block1");
        assertThat(unit.getChildren().keys()).containsExactly("01residual", "02shortcut");
        assertThat(unit.getChildren().get("01residual").getChildren().keys())
                .containsExactly(
                        "01conv1", "02bn1", "03relu1", "04conv2", "05bn2", "06relu2", "07conv3",
                        "08bn3");
        Block identityUnit = block.getChildren().get("03stage2").getChildren().get("02block2");
        assertThat(identityUnit.getChildren().keys()).containsExactly("01residual");
    }

    @Test
    void widthMultipliesEveryLayer() {
        Block block =
                new ResNetProvider().create(spec(1, 28, 10, Map.of("width", 0.25, "depth", 18)));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            assertThat(parameter(block, "01stem_01conv_weight").getShape())
                    .isEqualTo(new Shape(16, 1, 3, 3));
            assertThat(parameter(block, "08classifier_weight").getShape())
                    .isEqualTo(new Shape(10, 128));
        }
    }

    @Test
    void reportsEveryBadOptionAtOnce() {
        assertThatThrownBy(
                        () ->
                                new ResNetProvider()
                                        .create(
                                                spec(
                                                        3,
                                                        32,
                                                        10,
                                                        Map.of(
                                                                "depth", 21,
                                                                "stem", "tiny",
                                                                "width", 0,
                                                                "reduction", 16))))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigurationException) e).problems())
                                        .containsExactly(
                                                "model.depth: must be one of [18, 20, 32, 34, 44, 50,"
                                                        + " 56, 101, 110, 152], got 21",
                                                "model.stem: must be one of [imagenet, small],"
                                                        + " got 'tiny'",
                                                "model.width: must be positive, got 0.0",
                                                "model.reduction: unknown option 'reduction';"
                                                        + " known: [depth, dropPath, stem, width]"));
    }

    @Test
    void rejectsNonIntegerDepthAndExcessiveWidth() {
        assertThatThrownBy(
                        () ->
                                new ResNetProvider()
                                        .create(
                                                spec(
                                                        3,
                                                        32,
                                                        10,
                                                        Map.of("depth", "deep", "width", 17))))
                .hasMessageContaining("model.depth: expected an integer, got 'deep'")
                .hasMessageContaining("model.width: must be at most 16.0, got 17.0");
    }

    private static List<String> stemLayers(ModelSpec spec) {
        Block block = new ResNetProvider().create(spec);
        return block.getChildren().get("01stem").getChildren().keys();
    }

    private static Parameter parameter(Block block, String name) {
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            if (parameter.getKey().equals(name)) {
                return parameter.getValue();
            }
        }
        throw new AssertionError("no parameter " + name + " in " + block.getParameters().keys());
    }
}
