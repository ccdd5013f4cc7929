package dev.classify.report;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Counts the trainable parameters of a saved model by building its network, which takes the engine
 * and the model plugins: the report gets the count from its caller and never builds a network
 * itself.
 */
@FunctionalInterface
public interface ParameterCounter {
    /**
     * Returns the trainable parameters (as {@code classify summary} counts them) of the model in
     * {@code modelFolder}, the run folder's {@code model/}; empty when its description is
     * unreadable or its model plugin is not installed.
     */
    OptionalLong count(Path modelFolder);
}
