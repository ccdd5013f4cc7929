package dev.classify.engine.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configured plugin instance, such as an augmentation step {@code {type: random-flip,
 * horizontal: true}}.
 *
 * @param type the plugin's name
 * @param options the plugin's options, without {@code type}
 */
public record PluginConfig(String type, Map<String, Object> options) {
    /** Copies {@code options}. */
    public PluginConfig {
        requireNonNull(type, "type is null");
        options =
                options == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
