package dev.classify.engine.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One data source, read by the dataset plugin named by {@code type}.
 *
 * @param type the dataset plugin, default {@code npy}
 * @param images the image file or folder; relative paths are resolved against the configuration
 *     file's folder when the configuration is loaded
 * @param labels the label file, or {@code null} for an unlabelled set
 * @param options the plugin's own options
 * @param classes ({@code data.train} only) the classes to train on, by name as the labels give them
 *     (integer labels: their numbers), or {@code null} for every class; the others' images are left
 *     out and the selected classes are numbered 0..K-1 in their labels' order
 * @param perClass ({@code data.train} only) the most images of each class to train on, drawn after
 *     the hold-out with {@code data.validation.seed}, or {@code null} for all
 */
public record SourceConfig(
        String type,
        String images,
        String labels,
        Map<String, Object> options,
        List<String> classes,
        Integer perClass) {

    /** The dataset plugin used when {@code type} is absent. */
    public static final String DEFAULT_TYPE = "npy";

    /** Fills defaults and copies {@code options}. */
    public SourceConfig {
        type = type == null ? DEFAULT_TYPE : type;
        options =
                options == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        classes = classes == null ? null : List.copyOf(classes);
    }

    /** A source of every image. */
    public SourceConfig(String type, String images, String labels, Map<String, Object> options) {
        this(type, images, labels, options, null, null);
    }

    /** The file holding the labels: the labels file, else the images (class folders). */
    public Path labelsPath() {
        return Path.of(labels != null ? labels : images);
    }

    /** Records problems under {@code path}. */
    public void validate(String path, dev.classify.api.Problems problems) {
        problems.check(
                images != null && !images.isBlank(),
                path + ".images",
                "is required: give the image file");
        if (classes != null) {
            problems.check(
                    classes.stream().distinct().count() == classes.size() && classes.size() >= 2,
                    path + ".classes",
                    "must name at least 2 different classes, got " + classes);
        }
        if (perClass != null) {
            problems.check(
                    perClass >= 1, path + ".perClass", "must be at least 1, got " + perClass);
        }
    }
}
