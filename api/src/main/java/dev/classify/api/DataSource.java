package dev.classify.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a data set lives.
 *
 * @param images the image file or folder, absolute or relative to the working directory
 * @param labels the label file, if the set is labelled
 * @param options the format's own options
 */
public record DataSource(Path images, Optional<Path> labels, Options options) {
    /** Checks that no component is null. */
    public DataSource {
        requireNonNull(images, "images is null");
        requireNonNull(labels, "labels is null");
        requireNonNull(options, "options is null");
    }
}
