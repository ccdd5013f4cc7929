package dev.classify.engine.plugin;

import static java.util.Objects.requireNonNull;

import dev.classify.api.OptionInfo;
import java.util.List;

/**
 * One plugin as {@code classify plugins} lists it.
 *
 * @param origin where it came from: kind, name, class, jar and version
 * @param description the plugin's one-line description
 * @param options its options with their defaults, as the plugin states them
 */
public record PluginDescription(PluginOrigin origin, String description, List<OptionInfo> options) {
    /** Checks that no component is null and copies the options. */
    public PluginDescription {
        requireNonNull(origin, "origin is null");
        requireNonNull(description, "description is null");
        options = List.copyOf(options);
    }
}
