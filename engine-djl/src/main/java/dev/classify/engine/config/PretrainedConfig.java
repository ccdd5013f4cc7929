package dev.classify.engine.config;

import dev.classify.api.Problems;
import java.util.List;

/**
 * Where a training run's starting parameters come from ({@code model.pretrained}): a {@code
 * .safetensors} file or a classify model folder (a run folder's {@code model/}, or a run folder
 * holding one) of the same architecture.
 *
 * @param path the file or folder, absolute once read from a configuration file (relative paths
 *     resolve against the configuration's folder, as data paths do)
 * @param exclude names of the network's top-level layers (as {@code classify summary} names them,
 *     e.g. {@code classifier}; {@code fc} also names the last layer) whose parameters keep their
 *     fresh initialisation; empty by default, where the last layer is re-initialised only when its
 *     shape differs (another number of classes)
 */
public record PretrainedConfig(String path, List<String> exclude) {

    /** Copies {@code exclude}, empty when absent. */
    public PretrainedConfig {
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    /** Records problems under {@code path}. */
    void validate(String key, Problems problems) {
        problems.check(
                path != null && !path.isBlank(),
                key + ".path",
                "is required: give a .safetensors file or a classify model folder");
        for (int i = 0; i < exclude.size(); i++) {
            String name = exclude.get(i);
            problems.check(
                    name != null && !name.isBlank(),
                    key + ".exclude[" + i + "]",
                    "must be a layer name such as classifier, got '" + name + "'");
        }
    }
}
