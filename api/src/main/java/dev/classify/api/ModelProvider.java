package dev.classify.api;

import ai.djl.nn.Block;
import java.util.List;

/**
 * Builds one family of network architectures, e.g. {@code simple-cnn} or {@code resnet}, chosen by
 * {@code model.type} in a configuration.
 *
 * <p>Implementations are stateless, thread safe and have a public no-argument constructor; they are
 * found by {@link java.util.ServiceLoader}.
 */
public interface ModelProvider {
    /** The name used as {@code model.type}; matches {@code [a-z][a-z0-9-]*} and is unique. */
    String name();

    /**
     * One line for a person choosing an architecture, naming its source paper where there is one.
     */
    String description();

    /** The architecture's options with their defaults, for {@code classify models}. */
    default List<OptionInfo> options() {
        return List.of();
    }

    /**
     * Validates the specification's options and returns a new, uninitialised block.
     *
     * <p>The block takes a float32 batch of shape (N, C, H, W), with C, H and W from {@code spec},
     * and returns unnormalised class scores (logits) of shape (N, numClasses). It holds no native
     * memory until the caller initialises it.
     *
     * @throws ConfigurationException listing every problem with the options, at once
     */
    Block create(ModelSpec spec);
}
