package dev.classify.engine.plugin;

import dev.classify.api.AugmenterProvider;
import dev.classify.api.ConfigurationException;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ModelProvider;
import dev.classify.api.TrainingListenerProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The providers found by {@link ServiceLoader}, checked for unique, well-formed names.
 *
 * @param models the model providers
 * @param augmenters the augmenter providers
 * @param datasets the dataset providers
 * @param listeners the training listener providers
 */
public record DiscoveredPlugins(
        List<ModelProvider> models,
        List<AugmenterProvider> augmenters,
        List<DatasetProvider> datasets,
        List<TrainingListenerProvider> listeners) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * Checks that every name is well formed and unique within its kind.
     *
     * @throws ConfigurationException naming both classes of a duplicate name, or a malformed name
     */
    public DiscoveredPlugins {
        models = List.copyOf(models);
        augmenters = List.copyOf(augmenters);
        datasets = List.copyOf(datasets);
        listeners = List.copyOf(listeners);
        checkNames("model", models, ModelProvider::name);
        checkNames("augmenter", augmenters, AugmenterProvider::name);
        checkNames("dataset", datasets, DatasetProvider::name);
        checkNames("listener", listeners, TrainingListenerProvider::name);
    }

    /**
     * Finds every provider visible to each of {@code loaders} (the host's class path first, then
     * plugin jars).
     *
     * @throws ConfigurationException when two providers of one kind share a name
     */
    public static DiscoveredPlugins load(List<ClassLoader> loaders) {
        List<ModelProvider> models = new ArrayList<>();
        List<AugmenterProvider> augmenters = new ArrayList<>();
        List<DatasetProvider> datasets = new ArrayList<>();
        List<TrainingListenerProvider> listeners = new ArrayList<>();
        for (ClassLoader loader : loaders) {
            collect(ServiceLoader.load(ModelProvider.class, loader), models);
            collect(ServiceLoader.load(AugmenterProvider.class, loader), augmenters);
            collect(ServiceLoader.load(DatasetProvider.class, loader), datasets);
            collect(ServiceLoader.load(TrainingListenerProvider.class, loader), listeners);
        }
        return new DiscoveredPlugins(models, augmenters, datasets, listeners);
    }

    private static <T> void collect(ServiceLoader<T> loader, List<T> into) {
        try {
            collectOrFail(loader, into);
        } catch (ServiceConfigurationError e) {
            // A plugin jar whose service file names a missing class, or whose provider fails to
            // construct: say which, in one line, instead of a JVM stack trace.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigurationException(
                    "plugins",
                    "a plugin cannot be loaded: "
                            + firstLine(e.getMessage())
                            + (cause != e ? " (" + firstLine(String.valueOf(cause)) + ")" : "")
                            + "; remove or fix its jar");
        }
    }

    private static String firstLine(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }

    private static <T> void collectOrFail(ServiceLoader<T> loader, List<T> into) {
        for (T provider : loader) {
            // A loader also sees its parent's providers: keep each class once.
            boolean seen = into.stream().anyMatch(p -> p.getClass().equals(provider.getClass()));
            if (!seen) {
                into.add(provider);
            }
        }
    }

    private static <T> void checkNames(String kind, List<T> providers, Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        for (T provider : providers) {
            String key = name.apply(provider);
            if (key == null || !NAME.matcher(key).matches()) {
                throw new ConfigurationException(
                        "plugins",
                        kind
                                + " provider "
                                + provider.getClass().getName()
                                + " has the malformed name '"
                                + key
                                + "'; names match [a-z][a-z0-9-]*");
            }
            T previous = byName.putIfAbsent(key, provider);
            if (previous != null) {
                throw new ConfigurationException(
                        "plugins",
                        "two "
                                + kind
                                + " providers are named '"
                                + key
                                + "': "
                                + previous.getClass().getName()
                                + " and "
                                + provider.getClass().getName()
                                + "; remove one of the plugin jars");
            }
        }
    }
}
