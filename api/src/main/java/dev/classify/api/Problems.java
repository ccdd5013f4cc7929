package dev.classify.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects configuration problems, each with the configuration path it concerns, so that a user
 * sees every problem at once instead of one per run. Not thread safe.
 */
public final class Problems {
    private final List<String> messages = new ArrayList<>();

    /**
     * Records a problem.
     *
     * @param path the configuration path, e.g. {@code augment.train[2].size}
     * @param message what is wrong and, where it helps, what is expected, e.g. {@code must be
     *     positive, got -3}
     */
    public void add(String path, String message) {
        messages.add(path + ": " + message);
    }

    /** Records every problem that {@code exception} carries, as they are. */
    public void addAll(ConfigurationException exception) {
        messages.addAll(exception.problems());
    }

    /** Records {@code message} at {@code path} unless {@code condition} holds. */
    public void check(boolean condition, String path, String message) {
        if (!condition) {
            add(path, message);
        }
    }

    /** Returns {@code true} when no problem has been recorded. */
    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Returns the problems recorded so far, in order, each as {@code path: message}. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /**
     * Throws a {@link ConfigurationException} listing every recorded problem, if there is any.
     *
     * @throws ConfigurationException when at least one problem was recorded
     */
    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new ConfigurationException(messages);
        }
    }
}
