package dev.classify.engine;

import com.google.inject.AbstractModule;

/** Binds the runtime's own classes; the plugins come from {@link PluginModule}. */
public final class EngineModule extends AbstractModule {
    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(PluginCatalog.class);
        bind(TrainingPipeline.class);
        bind(ConfigurationLoader.class);
        bind(Benchmark.class);
    }
}
