package dev.classify.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.classify.api.ConfigurationException;
import dev.classify.engine.model.ModelDescription;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@code .safetensors} file in torchvision's or timm's parameter names as {@code
 * model.pretrained}, read by {@code model.weights.ImportedWeights}, which checks every tensor
 * against the network.
 */
final class SafetensorsSource implements PretrainedSource {
    private final Path file;
    private final String modelType;

    private SafetensorsSource(Path file, String modelType) {
        this.file = file;
        this.modelType = modelType;
    }

    static SafetensorsSource open(Path file, ModelDescription wanted) {
        return new SafetensorsSource(file, wanted.modelType());
    }

    @Override
    public Map<String, NDArray> read(Block network, boolean withHead, NDManager manager) {
        // TODO(import): the single call site of the import branch's reader:
        // return ImportedWeights.read(file, network, modelType, manager, withHead);
        throw new ConfigurationException(
                KEY,
                PretrainedSource.display(file)
                        + ": reading .safetensors is not in this build yet; give a classify model"
                        + " folder");
    }

    @Override
    public int classes() {
        // TODO(import): return ImportedWeights.classCount(file);
        return -1;
    }

    @Override
    public String describe() {
        return PretrainedSource.display(file) + " (" + modelType + ")";
    }
}
