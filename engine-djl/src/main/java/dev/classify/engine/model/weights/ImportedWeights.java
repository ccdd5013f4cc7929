package dev.classify.engine.model.weights;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads trained weights from a {@code .safetensors} file in torchvision's parameter names ({@code
 * resnet} 18, 34, 50, 101, 152: {@code conv1.weight}, {@code layer1.0.bn1.running_mean}, {@code
 * fc.weight}...) or timm's ({@code se-resnet}: {@code layer1.0.se.fc1.weight}...) for a network
 * that classify's {@code resnet} or {@code se-resnet} plugin built. Tensors may be float32, float16
 * or bfloat16 (returned as float32); batch norms' {@code num_batches_tracked} are ignored. A
 * PyTorch pickle checkpoint ({@code .pt}, {@code .pth}) is refused, never unpickled.
 *
 * <p>Every tensor is checked before any is read: a file that does not hold exactly the network's
 * parameters is one {@link ConfigurationException} listing every missing, unexpected and misshapen
 * tensor (name, expected shape, shape found). Stateless and thread safe.
 */
public final class ImportedWeights {
    private ImportedWeights() {}

    /**
     * Returns the weights in {@code safetensors} for every parameter of {@code initializedBlock},
     * classifier included.
     *
     * @see #read(Path, Block, String, NDManager, boolean)
     */
    public static Map<String, NDArray> read(
            Path safetensors, Block initializedBlock, String modelType, NDManager manager) {
        return read(safetensors, initializedBlock, modelType, manager, true);
    }

    /**
     * Returns the weights in {@code safetensors} for the parameters of {@code initializedBlock},
     * keyed by classify's parameter names (the keys of {@code initializedBlock.getParameters()}),
     * in that order, each a float32 array of the parameter's shape created on {@code manager} (the
     * caller closes them, or the manager). timm's squeeze-and-excitation weights, 1x1 convolutions
     * of (C', C, 1, 1), come as the (C', C) of classify's fully connected layers.
     *
     * @param safetensors the weights file
     * @param initializedBlock a network built by the {@code resnet} or {@code se-resnet} plugin and
     *     initialized (its parameter shapes are those the file must hold)
     * @param modelType the plugin's name, {@code resnet} or {@code se-resnet}
     * @param manager creates the returned arrays
     * @param withHead whether to read the classifier ({@code fc.weight}, {@code fc.bias}); when
     *     false, its tensors are neither required nor checked and are left out of the result, so
     *     that a network with another number of classes can start from the rest
     * @throws ConfigurationException at {@code model.type} when the type has no torchvision or timm
     *     layout; listing every missing, unexpected and misshapen tensor (each {@code FILE: ...})
     *     when the file does not hold the block's parameters
     * @throws InvalidDataException when the file cannot be read, is not safetensors, or is a pickle
     *     checkpoint (the message gives the line of Python that converts it)
     * @throws IllegalArgumentException when the block is not initialized
     */
    public static Map<String, NDArray> read(
            Path safetensors,
            Block initializedBlock,
            String modelType,
            NDManager manager,
            boolean withHead) {
        requireNonNull(safetensors, "safetensors is null");
        requireNonNull(initializedBlock, "initializedBlock is null");
        requireNonNull(manager, "manager is null");
        TorchvisionNames.checkSupported(modelType);
        SafetensorsFile file = SafetensorsFile.open(safetensors);
        Map<String, Wanted> wanted = wanted(initializedBlock, withHead);
        checkMatch(file, wanted, withHead, modelType);
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, Wanted> parameter : wanted.entrySet()) {
            Wanted want = parameter.getValue();
            NDArray array = file.read(file.entries().get(want.torchName()), manager);
            Shape shape = new Shape(want.shape());
            // timm's (C', C, 1, 1) squeeze-and-excitation kernels become (C', C).
            arrays.put(
                    parameter.getKey(),
                    array.getShape().equals(shape) ? array : array.reshape(shape));
        }
        return arrays;
    }

    /**
     * Returns the number of classes of the classifier in {@code safetensors}: the rows of {@code
     * fc.weight}.
     *
     * @throws InvalidDataException when the file is unreadable or has no 2-dimensional {@code
     *     fc.weight}
     */
    public static int classCount(Path safetensors) {
        SafetensorsFile file = SafetensorsFile.open(safetensors);
        SafetensorsFile.Entry head = file.entries().get("fc.weight");
        if (head == null || head.shape().length != 2 || head.shape()[0] < 1) {
            throw new InvalidDataException(
                    safetensors,
                    "has no 2-dimensional fc.weight, the classifier of torchvision's and timm's"
                            + " ResNets"
                            + (head == null ? "" : " (it is " + head.shapeText() + ")")
                            + "; give the weights of a torchvision resnet or timm seresnet");
        }
        return Math.toIntExact(head.shape()[0]);
    }

    /** A parameter's name in the file and its shape in classify. */
    private record Wanted(String torchName, long[] shape) {}

    private static Map<String, Wanted> wanted(Block block, boolean withHead) {
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            if (!parameter.getValue().isInitialized()) {
                throw new IllegalArgumentException(
                        "the block is not initialized: parameter " + parameter.getKey());
            }
            String torchName =
                    TorchvisionNames.of(parameter.getKey())
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "classify's parameter "
                                                            + parameter.getKey()
                                                            + " has no torchvision name"));
            if (withHead || !TorchvisionNames.isHead(torchName)) {
                long[] shape = parameter.getValue().getArray().getShape().getShape();
                wanted.put(parameter.getKey(), new Wanted(torchName, shape));
            }
        }
        return wanted;
    }

    private static void checkMatch(
            SafetensorsFile file, Map<String, Wanted> wanted, boolean withHead, String modelType) {
        WeightsMismatch mismatch = new WeightsMismatch(file.file());
        Set<String> known = new HashSet<>();
        for (Wanted want : wanted.values()) {
            String name = want.torchName();
            known.add(name);
            String expected = TensorShapes.text(TorchvisionNames.fileShape(name, want.shape()));
            SafetensorsFile.Entry entry = file.entries().get(name);
            if (entry == null) {
                mismatch.missing(name, expected);
            } else if (!TorchvisionNames.fits(name, want.shape(), entry.shape())) {
                mismatch.misshapen(name, entry.shapeText(), expected);
            } else if (!entry.floating()) {
                mismatch.notFloat(name, entry.dtype());
            }
        }
        for (SafetensorsFile.Entry entry : file.entries().values()) {
            String name = entry.name();
            if (!known.contains(name)
                    && !TorchvisionNames.isIgnored(name)
                    && (withHead || !TorchvisionNames.isHead(name))) {
                mismatch.unexpected(name, entry.shapeText());
            }
        }
        mismatch.throwIfAny(modelType);
    }
}
