package dev.classify.engine.plugin;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ModelProvider;
import dev.classify.api.TrainingListenerProvider;

/** Binds the discovered providers into {@link MapBinder}s keyed by their names. */
public final class PluginModule extends AbstractModule {
    private final DiscoveredPlugins plugins;

    /** Creates a module binding {@code plugins}. */
    public PluginModule(DiscoveredPlugins plugins) {
        this.plugins = requireNonNull(plugins, "plugins is null");
    }

    @Override
    protected void configure() {
        MapBinder<String, ModelProvider> models =
                MapBinder.newMapBinder(binder(), String.class, ModelProvider.class);
        plugins.models().forEach(p -> models.addBinding(p.name()).toInstance(p));
        MapBinder<String, AugmenterProvider> augmenters =
                MapBinder.newMapBinder(binder(), String.class, AugmenterProvider.class);
        plugins.augmenters().forEach(p -> augmenters.addBinding(p.name()).toInstance(p));
        MapBinder<String, DatasetProvider> datasets =
                MapBinder.newMapBinder(binder(), String.class, DatasetProvider.class);
        plugins.datasets().forEach(p -> datasets.addBinding(p.name()).toInstance(p));
        MapBinder<String, TrainingListenerProvider> listeners =
                MapBinder.newMapBinder(binder(), String.class, TrainingListenerProvider.class);
        plugins.listeners().forEach(p -> listeners.addBinding(p.name()).toInstance(p));
    }
}
