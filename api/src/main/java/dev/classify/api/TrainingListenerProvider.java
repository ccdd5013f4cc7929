package dev.classify.api;

import java.util.List;

/**
 * Creates one kind of training listener, e.g. {@code json-lines}, chosen by the {@code type} of an
 * entry in the configuration's {@code listeners:} list.
 *
 * <p>Implementations are stateless, thread safe and have a public no-argument constructor; they are
 * found by {@link java.util.ServiceLoader}.
 */
public interface TrainingListenerProvider {
    /** The name used as an entry's {@code type}; matches {@code [a-z][a-z0-9-]*} and is unique. */
    String name();

    /** The listener's options with their defaults, for a person choosing it. */
    default List<OptionInfo> options() {
        return List.of();
    }

    /** One line for a person choosing listeners. */
    String description();

    /**
     * Validates {@code options} and returns a new listener for one run. Allocates nothing that
     * needs closing: a listener opens what it writes in {@link TrainingListener#runStarted}.
     *
     * @throws ConfigurationException listing every problem with the options, at once
     */
    TrainingListener create(Options options);
}
