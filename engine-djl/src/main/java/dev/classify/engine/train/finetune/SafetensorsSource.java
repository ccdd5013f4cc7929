package dev.classify.engine.train.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.model.weights.ImportedWeights;
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
        try {
            return ImportedWeights.read(file, network, modelType, manager, withHead);
        } catch (InvalidDataException e) {
            throw new ConfigurationException(KEY, e.getMessage());
        } catch (ConfigurationException e) {
            // The reader names the file in each problem; the key says where it came from.
            throw new ConfigurationException(
                    e.problems().stream()
                            .map(
                                    problem ->
                                            problem.startsWith("model.")
                                                    ? problem
                                                    : KEY + ": " + problem)
                            .toList());
        }
    }

    @Override
    public int classes() {
        try {
            return ImportedWeights.classCount(file);
        } catch (InvalidDataException e) {
            throw new ConfigurationException(KEY, e.getMessage());
        }
    }

    @Override
    public String describe() {
        return PretrainedSource.display(file) + " (" + modelType + ", " + classes() + " classes)";
    }
}
