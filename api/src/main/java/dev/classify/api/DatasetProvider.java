package dev.classify.api;

import java.util.List;

/**
 * Opens one kind of image source, e.g. {@code npy} (a NumPy array with CSV labels), chosen by the
 * {@code type} of {@code data.train} or {@code data.test}.
 *
 * <p>Implementations are stateless, thread safe and have a public no-argument constructor; they are
 * found by {@link java.util.ServiceLoader}.
 */
public interface DatasetProvider {
    /** The name used as a source's {@code type}; matches {@code [a-z][a-z0-9-]*} and is unique. */
    String name();

    /** The format's options with their defaults, for a person choosing it. */
    default List<OptionInfo> options() {
        return List.of();
    }

    /** One line for a person choosing a format. */
    String description();

    /**
     * Whether the format reads the training labels from its own source (class folders, a label
     * column beside the pixels), so that a configuration needs no {@code labels} file for it. The
     * host then requires {@link ImageSet#hasLabels()} of what {@link #open} returns without a
     * labels file.
     *
     * @return {@code false} unless overridden: the labels come from {@code source.labels()}
     */
    default boolean readsOwnLabels() {
        return false;
    }

    /**
     * Reads the source into memory.
     *
     * @param source the files and options to read
     * @return the images, with labels when {@code source.labels()} is present
     * @throws ConfigurationException when an option is invalid
     * @throws InvalidDataException when a file is missing, corrupt or inconsistent with another
     */
    ImageSet open(DataSource source);
}
