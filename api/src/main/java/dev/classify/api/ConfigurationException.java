package dev.classify.api;

import java.util.List;

/**
 * A configuration that cannot be used: unknown keys or names, values out of range, missing required
 * values. Carries every problem found, each as {@code path: message}. The command line reports it
 * with exit code 2.
 */
public class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates an exception listing {@code problems}.
     *
     * @param problems one or more problems, each {@code path: message}
     */
    public ConfigurationException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /** Creates an exception with a single problem at {@code path}. */
    public ConfigurationException(String path, String message) {
        this(List.of(path + ": " + message));
    }

    /** Returns every problem, each {@code path: message}. */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems is empty");
        }
        return problems.size() == 1 ? problems.get(0) : String.join("; ", problems);
    }
}
