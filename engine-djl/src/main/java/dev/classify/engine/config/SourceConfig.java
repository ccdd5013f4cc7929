package dev.classify.engine.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One data source, read by the dataset plugin named by {@code type}.
 *
 * @param type the dataset plugin, default {@code npy}
 * @param images the image file or folder; relative paths are resolved against the configuration
 *     file's folder when the configuration is loaded
 * @param labels the label file, or {@code null} for an unlabelled set
 * @param options the plugin's own options
 */
public record SourceConfig(String type, String images, String labels, Map<String, Object> options) {

    /** The dataset plugin used when {@code type} is absent. */
    public static final String DEFAULT_TYPE = "npy";

    /** Fills defaults and copies {@code options}. */
    public SourceConfig {
        type = type == null ? DEFAULT_TYPE : type;
        options =
                options == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(options));
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
    }
}
