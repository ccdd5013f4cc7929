package dev.classify.api;

import static java.util.Objects.requireNonNull;

/**
 * Describes one option of a plugin for a person choosing it, as {@code classify models} lists them.
 *
 * @param name the option's key, e.g. {@code depth}
 * @param defaultValue the value used when the option is absent, as written in YAML (e.g. {@code
 *     18}, {@code [10, 20]}), or a phrase such as {@code small for inputs up to 64x64, else
 *     imagenet}
 * @param description what the option does and which values it takes
 */
public record OptionInfo(String name, String defaultValue, String description) {
    /** Checks that no component is null. */
    public OptionInfo {
        requireNonNull(name, "name is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(description, "description is null");
    }
}
