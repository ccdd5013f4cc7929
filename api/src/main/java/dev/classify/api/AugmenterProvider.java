package dev.classify.api;

import java.util.List;

/**
 * Creates one kind of augmentation, e.g. {@code random-flip} or {@code normalize}, chosen by the
 * {@code type} of an entry in {@code augment.train} or {@code augment.eval}.
 *
 * <p>Implementations are stateless, thread safe and have a public no-argument constructor; they are
 * found by {@link java.util.ServiceLoader}.
 */
public interface AugmenterProvider {
    /** The name used as an entry's {@code type}; matches {@code [a-z][a-z0-9-]*} and is unique. */
    String name();

    /** The augmenter's options with their defaults, for a person choosing it. */
    default List<OptionInfo> options() {
        return List.of();
    }

    /** One line for a person choosing augmentations. */
    String description();

    /**
     * Validates {@code options} and returns the configured augmenter.
     *
     * @throws ConfigurationException listing every problem with the options, at once
     */
    Augmenter create(Options options);
}
