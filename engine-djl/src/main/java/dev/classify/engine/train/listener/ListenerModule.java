package dev.classify.engine.train.listener;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.multibindings.Multibinder;
import dev.classify.api.Options;
import dev.classify.api.TrainingListener;
import dev.classify.api.TrainingListenerProvider;
import dev.classify.engine.config.PluginConfig;
import dev.classify.engine.plugin.PluginCatalog;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Binds a run's training listeners into a {@link Multibinder} set, in the order they hear every
 * event: the built-in ones of {@link #BUILT_IN}, then the configuration's {@code listeners:} in
 * their order, then those an embedding application handed over. One instance of each per run. Binds
 * only: the plugins create their listeners when the run's injector asks for them.
 */
public final class ListenerModule extends AbstractModule {
    /**
     * The built-in listeners, in order: {@code model/} when the epoch is the best, {@code
     * checkpoints/last} (and {@code best}), the {@code metrics.csv} row, {@code curves.png}, the
     * console's epoch line, then early stopping, which may ask the run to stop after the epoch.
     */
    static final List<Class<? extends TrainingListener>> BUILT_IN =
            List.of(
                    BestModelListener.class,
                    CheckpointListener.class,
                    MetricsListener.class,
                    CurvesListener.class,
                    ConsoleListener.class,
                    EarlyStoppingListener.class);

    private final List<PluginConfig> entries;
    private final PluginCatalog catalog;
    private final List<TrainingListener> given;

    /**
     * Creates the listeners' module of one run.
     *
     * @param entries the configuration's {@code listeners:}, checked
     * @param catalog the plugins, among them the listeners' providers
     * @param given listeners an application hands over (the embedding API), heard last
     */
    public ListenerModule(
            List<PluginConfig> entries, PluginCatalog catalog, List<TrainingListener> given) {
        this.entries = List.copyOf(entries);
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.given = List.copyOf(given);
    }

    @Override
    protected void configure() {
        Multibinder<TrainingListener> listeners =
                Multibinder.newSetBinder(binder(), TrainingListener.class);
        for (Class<? extends TrainingListener> type : BUILT_IN) {
            bindBuiltIn(listeners, type);
        }
        for (int i = 0; i < entries.size(); i++) {
            String path = "listeners[" + i + "]";
            PluginConfig entry = entries.get(i);
            TrainingListenerProvider provider = catalog.listener(path + ".type", entry.type());
            listeners.addBinding().toProvider(created(path, entry, provider)).in(Singleton.class);
        }
        for (TrainingListener listener : given) {
            listeners.addBinding().toInstance(listener);
        }
    }

    /**
     * Creates the listener of entry {@code path} ({@code listeners[i]}) when the run's injector
     * asks. The catalog's provider calls it in its plugin's context and names the plugin when it
     * fails, in {@code create} and in every event.
     */
    private static Provider<TrainingListener> created(
            String path, PluginConfig entry, TrainingListenerProvider provider) {
        return () -> provider.create(new Options(path, entry.options()));
    }

    private <T extends TrainingListener> void bindBuiltIn(
            Multibinder<TrainingListener> listeners, Class<T> type) {
        bind(type).in(Singleton.class);
        listeners.addBinding().to(type);
    }
}
