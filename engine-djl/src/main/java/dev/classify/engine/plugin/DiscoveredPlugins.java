package dev.classify.engine.plugin;

import dev.classify.api.AugmenterProvider;
import dev.classify.api.ConfigurationException;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ModelProvider;
import dev.classify.api.TrainingListenerProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The providers found by {@link ServiceLoader}, each wrapped with its {@link PluginOrigin} (see
 * {@link DecoratedProvider}) and checked for unique, well-formed names.
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

    /**
     * Wraps providers not yet wrapped (as from the class path) and checks that every name is well
     * formed and unique within its kind.
     *
     * @throws ConfigurationException naming both classes and their jars of a duplicate name, or a
     *     malformed name, or a provider whose {@code name()} throws
     */
    public DiscoveredPlugins {
        models = wrap(models, ModelPlugin::of);
        augmenters = wrap(augmenters, AugmenterPlugin::of);
        datasets = wrap(datasets, DatasetPlugin::of);
        listeners = wrap(listeners, ListenerPlugin::of);
        checkNames(models);
        checkNames(augmenters);
        checkNames(datasets);
        checkNames(listeners);
    }

    /**
     * Finds every provider visible to each of {@code loaders} (the host's class path first, then
     * plugin jars, each a {@link PluginClassLoader}).
     *
     * @throws ConfigurationException when a plugin cannot be loaded or two providers of one kind
     *     share a name
     */
    public static DiscoveredPlugins load(List<ClassLoader> loaders) {
        List<ModelProvider> models = new ArrayList<>();
        List<AugmenterProvider> augmenters = new ArrayList<>();
        List<DatasetProvider> datasets = new ArrayList<>();
        List<TrainingListenerProvider> listeners = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (ClassLoader loader : loaders) {
            Source source = new Source(loader, jarOf(loader), seen);
            Runnable discovery =
                    () -> {
                        source.collect(ModelProvider.class, models, ModelPlugin::of);
                        source.collect(AugmenterProvider.class, augmenters, AugmenterPlugin::of);
                        source.collect(DatasetProvider.class, datasets, DatasetPlugin::of);
                        source.collect(
                                TrainingListenerProvider.class, listeners, ListenerPlugin::of);
                    };
            source.jar().ifPresentOrElse(jar -> PluginLoading.during(jar, discovery), discovery);
        }
        return new DiscoveredPlugins(models, augmenters, datasets, listeners);
    }

    private static Optional<Path> jarOf(ClassLoader loader) {
        return loader instanceof PluginClassLoader plugin
                ? Optional.of(plugin.jar())
                : Optional.empty();
    }

    /**
     * One class loader to discover providers in.
     *
     * @param loader the host's class loader or a plugin jar's
     * @param jar the plugin jar, or empty for the host's class path
     * @param seen the provider classes found so far, in any loader
     */
    private record Source(ClassLoader loader, Optional<Path> jar, Set<Class<?>> seen) {
        <T> void collect(Class<T> service, List<T> into, BiFunction<T, Optional<Path>, T> wrap) {
            Iterator<T> providers = ServiceLoader.load(service, loader).iterator();
            while (true) {
                T provider;
                try {
                    if (!providers.hasNext()) {
                        return;
                    }
                    provider = providers.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    throw notLoadable(jar, e);
                }
                // A loader also sees its parent's providers: keep each class once.
                if (seen.add(provider.getClass())) {
                    into.add(wrap.apply(provider, jar));
                }
            }
        }
    }

    /**
     * A plugin jar whose service file names a missing class, or whose provider fails to load or
     * construct: says which, in one line, instead of a JVM stack trace.
     */
    private static ConfigurationException notLoadable(Optional<Path> jar, Throwable e) {
        String where = jar.map(Path::toString).orElse("the class path");
        if (PluginCall.isMissingClass(e)) {
            return new ConfigurationException(
                    "plugins", "a plugin in " + where + " " + PluginCall.missingClass(e));
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new ConfigurationException(
                "plugins",
                "a plugin cannot be loaded from "
                        + where
                        + ": "
                        + PluginCall.firstLine(String.valueOf(e.getMessage()))
                        + (cause != e
                                ? " (" + PluginCall.firstLine(String.valueOf(cause)) + ")"
                                : "")
                        + "; remove or fix its jar");
    }

    private static <T> List<T> wrap(List<T> providers, BiFunction<T, Optional<Path>, T> wrap) {
        return providers.stream().map(p -> wrap.apply(p, Optional.empty())).toList();
    }

    private static <T> void checkNames(List<T> providers) {
        Map<String, PluginOrigin> byName = new LinkedHashMap<>();
        for (T provider : providers) {
            PluginOrigin origin = ((DecoratedProvider) provider).origin();
            PluginOrigin previous = byName.putIfAbsent(origin.name(), origin);
            if (previous != null) {
                throw new ConfigurationException(
                        "plugins",
                        "two "
                                + origin.kind().label()
                                + " providers are named '"
                                + origin.name()
                                + "': "
                                + previous.className()
                                + " ("
                                + previous.location()
                                + ") and "
                                + origin.className()
                                + " ("
                                + origin.location()
                                + "); remove one of them from the plugins folder");
            }
        }
    }
}
