package dev.classify.engine.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.classify.api.InvalidDataException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a saved model folder as arrays keyed by parameter name (the keys of the
 * network's {@code Block.getParameters()}, e.g. {@code
 * 02stage1_01block1_01residual_01conv1_weight}), read the way {@link SavedModel} reads them: the
 * described network rebuilt by its plugin and its parameter file checked against it. For starting a
 * training run from a trained model.
 */
public final class SavedParameters {
    private SavedParameters() {}

    /**
     * Reads the parameters of the model in {@code definition}'s folder into arrays attached to
     * {@code manager} (the caller closes them with it), on {@code manager}'s engine and device.
     *
     * @return the arrays in the network's parameter order, batch-norm statistics included
     * @throws InvalidDataException when the parameter file is missing, truncated or of another
     *     architecture, or the model plugin is missing
     */
    public static Map<String, NDArray> read(ModelDefinition definition, NDManager manager) {
        String engine = manager.getEngine().getEngineName();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try (Model model = ParameterFile.load(definition, definition.newBlock(), engine)) {
            for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
                NDArray copy = parameter.getValue().getArray().toDevice(manager.getDevice(), true);
                copy.attach(manager);
                arrays.put(parameter.getKey(), copy);
            }
        }
        return Collections.unmodifiableMap(arrays);
    }
}
