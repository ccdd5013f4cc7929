package dev.classify.engine.model;

import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelProvider;
import dev.classify.api.OptionInfo;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.plugin.PluginKind;
import dev.classify.engine.plugin.PluginOrigin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records in a {@link ModelDescription} what built its network: the model plugin's class, jar file
 * name and version, and the defaults it declared for the options the configuration left out.
 *
 * <p>A plugin declares its defaults as text ({@link OptionInfo#defaultValue()}, written as in
 * YAML). Each is read as a {@code --set} value is ({@code 4} a number, {@code [10, 20]} a list,
 * {@code small} a string), so that the plugin later reads it with the type it reads a configured
 * value with, and kept only when the plugin accepts it: a default described by a phrase ({@code
 * small up to 64x64 inputs, else imagenet}) is a rule of the plugin, not a value, and stays its
 * own.
 */
final class ModelProvenance {
    private static final ConfigurationLoader YAML = new ConfigurationLoader();

    private ModelProvenance() {}

    /**
     * Returns {@code description} with its defaults and plugin recorded.
     *
     * @throws ConfigurationException when {@code catalog} has no model plugin of its type
     */
    static ModelDescription record(ModelDescription description, PluginCatalog catalog) {
        String type = description.modelType();
        ModelProvider provider = catalog.model("model.type", type);
        PluginOrigin origin = catalog.origin(PluginKind.MODEL, type).orElseThrow();
        return description.with(
                declaredDefaults(description, provider), ModelDescription.Plugin.of(origin));
    }

    /** The declared defaults of the options not given that the plugin takes as values. */
    private static Map<String, Object> declaredDefaults(
            ModelDescription description, ModelProvider provider) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (OptionInfo option : provider.options()) {
            if (description.modelOptions().containsKey(option.name())) {
                continue;
            }
            asValue(option)
                    .filter(value -> builds(provider, description, Map.of(option.name(), value)))
                    .ifPresent(value -> defaults.put(option.name(), value));
        }
        // Each default alone builds; should the plugin refuse them together, record none rather
        // than a network it would not build.
        return builds(provider, description, defaults) ? defaults : Map.of();
    }

    private static Optional<Object> asValue(OptionInfo option) {
        try {
            return Optional.ofNullable(YAML.parseValue(option.name(), option.defaultValue()));
        } catch (ConfigurationException e) {
            return Optional.empty();
        }
    }

    /** Whether the plugin builds the described network with {@code defaults} added. */
    private static boolean builds(
            ModelProvider provider, ModelDescription description, Map<String, Object> defaults) {
        Map<String, Object> options = new LinkedHashMap<>(defaults);
        options.putAll(description.modelOptions());
        try {
            provider.create(
                    ModelDescription.specOf(
                            description.inputShape(), description.classNames().size(), options));
            return true;
        } catch (RuntimeException e) {
            // A rejected option, or a plugin failing on a value it does not take: not a default
            // this plugin reads as written.
            return false;
        }
    }
}
