package dev.classify.engine.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ImportedWeightsTest {
    @TempDir Path folder;

    private final NDManager manager = NDManager.newBaseManager(PipelineConfig.DEFAULT_ENGINE);

    @AfterEach
    void close() {
        manager.close();
    }

    /** A small initialized network: 4 to 32 channels, 3x8x8 input, {@code classes} classes. */
    private Block network(String type, int depth, int classes, Map<String, Object> more) {
        Map<String, Object> options =
                new java.util.HashMap<>(Map.of("depth", depth, "width", 0.0625, "stem", "small"));
        options.putAll(more);
        Block block =
                Classify.forClassPath()
                        .catalog()
                        .model("model.type", type)
                        .create(new ModelSpec(3, 8, 8, classes, new Options("model", options)));
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
        return block;
    }

    /**
     * Writes {@code block}'s parameters under torchvision's names, as PyTorch would (with the
     * counters of its batch norms), keeping the tensors {@code keep} accepts.
     */
    private Path torchvisionFile(Block block, BiPredicate<String, long[]> keep) throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            String name = TorchvisionNames.of(parameter.getKey()).orElseThrow();
            NDArray array = parameter.getValue().getArray();
            long[] shape = TorchvisionNames.fileShape(name, array.getShape().getShape());
            if (keep.test(name, shape)) {
                writer.addFloats(name, shape, array.toFloatArray());
            }
            if (name.endsWith(".running_var")) {
                writer.addCounter(name.replace(".running_var", ".num_batches_tracked"));
            }
        }
        return writer.write(folder.resolve("weights.safetensors"));
    }

    @Test
    void readsEveryParameterOfResNetsInTorchvisionsAndTimmsNames() throws IOException {
        for (String type : TorchvisionNames.MODEL_TYPES) {
            for (int depth : new int[] {18, 50}) {
                Block source = network(type, depth, 3, Map.of());
                Path file = torchvisionFile(source, (name, shape) -> true);
                Block target = network(type, depth, 3, Map.of());

                Map<String, NDArray> weights = ImportedWeights.read(file, target, type, manager);

                assertThat(weights).hasSize(target.getParameters().size());
                for (Pair<String, Parameter> parameter : source.getParameters()) {
                    NDArray expected = parameter.getValue().getArray();
                    NDArray read = weights.get(parameter.getKey());
                    assertThat(read.getShape()).isEqualTo(expected.getShape());
                    assertThat(read.toFloatArray()).containsExactly(expected.toFloatArray());
                }
            }
        }
    }

    @Test
    void listsEveryMissingUnexpectedAndMisshapenTensorAtOnce() throws IOException {
        Block block = network("resnet", 18, 3, Map.of());
        SafetensorsWriter extra = new SafetensorsWriter();
        Path mixed = folder.resolve("mixed.safetensors");
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            String name = TorchvisionNames.of(parameter.getKey()).orElseThrow();
            long[] shape = parameter.getValue().getArray().getShape().getShape();
            if (name.equals("layer2.0.bn1.running_mean") || name.equals("fc.bias")) {
                continue;
            }
            if (name.equals("conv1.weight")) {
                extra.addFloats(name, new long[] {4, 3, 7, 7}, new float[4 * 3 * 7 * 7]);
            } else {
                extra.addFloats(name, shape, new float[(int) new Shape(shape).size()]);
            }
        }
        extra.addFloats("layer5.0.conv1.weight", new long[] {2}, new float[2]).write(mixed);

        assertThatThrownBy(() -> ImportedWeights.read(mixed, block, "resnet", manager))
                .isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((ConfigurationException) e).problems())
                .asList()
                .containsExactly(
                        mixed
                                + ": tensor conv1.weight has shape (4, 3, 7, 7), expected (4, 3, 3, 3)",
                        mixed + ": missing tensor layer2.0.bn1.running_mean, expected shape (8)",
                        mixed + ": missing tensor fc.bias, expected shape (3)",
                        mixed + ": unexpected tensor layer5.0.conv1.weight of shape (2)",
                        mixed
                                + ": 2 missing, 1 unexpected and 1 misshapen tensors: the file"
                                + " does not hold this resnet; check the model type, its depth,"
                                + " stem and width, and the input channels");
    }

    @Test
    void leavesTheClassifierOutWhenAskedSoAnotherClassCountCanStartFromTheRest()
            throws IOException {
        Path file = torchvisionFile(network("resnet", 18, 10, Map.of()), (name, shape) -> true);
        Block fiveClasses = network("resnet", 18, 5, Map.of());

        Map<String, NDArray> weights =
                ImportedWeights.read(file, fiveClasses, "resnet", manager, false);

        assertThat(weights).hasSize(fiveClasses.getParameters().size() - 2);
        assertThat(weights.keySet()).noneMatch(name -> name.contains("classifier"));
        assertThatThrownBy(() -> ImportedWeights.read(file, fiveClasses, "resnet", manager))
                .hasMessageContaining("tensor fc.weight has shape (10, 32), expected (5, 32)");
        assertThat(ImportedWeights.classCount(file)).isEqualTo(10);
    }

    @Test
    void explainsTimmsRoundingOfTheSqueezeExcitationWidth() throws IOException {
        // timm's seresnet18 has 8 hidden units for 64 channels, classify's C/16 = 4.
        Block timm = network("se-resnet", 18, 3, Map.of("width", 1.0, "reduction", 8));
        Path file = torchvisionFile(timm, (name, shape) -> !name.startsWith("layer4"));
        Block classify = network("se-resnet", 18, 3, Map.of("width", 1.0));

        assertThatThrownBy(() -> ImportedWeights.read(file, classify, "se-resnet", manager))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "tensor layer1.0.se.fc1.weight has shape (8, 64, 1, 1), expected (4, 64,"
                                + " 1, 1)")
                .hasMessageContaining("timm rounds the squeeze-and-excitation width");
    }

    @Test
    void refusesNetworksWithoutATorchvisionLayout() throws IOException {
        Block resnet = network("resnet", 18, 3, Map.of());
        Path file = torchvisionFile(resnet, (name, shape) -> true);

        assertThatThrownBy(() -> ImportedWeights.read(file, resnet, "simple-cnn", manager))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "model.type: weights import knows torchvision's resnet and timm's"
                                + " se-resnet layouts, not model 'simple-cnn'; choose one of"
                                + " [resnet, se-resnet]");
    }

    @Test
    void needsAnInitializedNetwork() throws IOException {
        Path file = torchvisionFile(network("resnet", 18, 3, Map.of()), (name, shape) -> true);
        Block uninitialized =
                Classify.forClassPath()
                        .catalog()
                        .model("model.type", "resnet")
                        .create(new ModelSpec(3, 8, 8, 3, new Options("model", Map.of())));

        assertThatThrownBy(() -> ImportedWeights.read(file, uninitialized, "resnet", manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the block is not initialized");
    }

    @Test
    void namesClassifysParametersAsTorchvisionAndTimmDo() {
        assertThat(TorchvisionNames.of("01stem_01conv_weight")).hasValue("conv1.weight");
        assertThat(TorchvisionNames.of("01stem_02bn_runningVar")).hasValue("bn1.running_var");
        assertThat(TorchvisionNames.of("02stage1_01block1_01residual_02bn1_gamma"))
                .hasValue("layer1.0.bn1.weight");
        assertThat(TorchvisionNames.of("05stage4_03block3_01residual_09se_01gate_03reduce_bias"))
                .hasValue("layer4.2.se.fc1.bias");
        assertThat(TorchvisionNames.of("03stage2_01block1_02shortcut_02bn_runningMean"))
                .hasValue("layer2.0.downsample.1.running_mean");
        assertThat(TorchvisionNames.of("08classifier_weight")).hasValue("fc.weight");
        assertThat(TorchvisionNames.of("01conv_weight")).isEmpty();
    }
}
