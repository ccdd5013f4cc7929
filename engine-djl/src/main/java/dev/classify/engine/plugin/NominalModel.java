package dev.classify.engine.plugin;

import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.api.Problems;
import dev.classify.engine.config.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a configuration's model options when it is loaded, before any data is read, so that they
 * are reported together with every other configuration problem: the provider builds its block
 * (which allocates nothing) for a nominal input, {@code model.inputChannels} and {@code
 * model.numClasses} when the configuration gives them, else placeholders.
 *
 * <p>Only problems at an option the configuration gives ({@code model.kernelSize}, say) are kept:
 * anything else may come from the placeholders, and preparation builds the block again for the real
 * input and reports it then. The placeholder height and width are the largest input training takes
 * (1024, {@code RunPreparation.MAX_SIZE}), so that an option is not refused for a placeholder
 * smaller than the real input.
 */
final class NominalModel {
    static final int SIDE = 1024;
    static final int CHANNELS = 3;
    static final int CLASSES = 10;

    private NominalModel() {}

    /** Records the problems {@code provider} finds with the options of {@code model}. */
    static void check(ModelProvider provider, ModelConfig model, Problems problems) {
        Integer channels = model.inputChannels();
        Integer classes = model.numClasses();
        ModelSpec spec =
                new ModelSpec(
                        channels != null && channels >= 1 ? channels : CHANNELS,
                        SIDE,
                        SIDE,
                        classes != null && classes >= 2 ? classes : CLASSES,
                        new Options("model", model.options()));
        try {
            provider.create(spec);
        } catch (ConfigurationException e) {
            List<String> options = new ArrayList<>();
            for (String problem : e.problems()) {
                if (model.options().keySet().stream().anyMatch(key -> isAt(problem, key))) {
                    options.add(problem);
                }
            }
            if (!options.isEmpty()) {
                problems.addAll(new ConfigurationException(options));
            }
        } catch (PluginException e) {
            // Not an option problem as far as can be told here: preparation reports it.
        }
    }

    /** Whether {@code problem} ({@code path: message}) is at option {@code key} or below it. */
    private static boolean isAt(String problem, String key) {
        String path = "model." + key;
        return problem.startsWith(path + ":")
                || problem.startsWith(path + ".")
                || problem.startsWith(path + "[");
    }
}
