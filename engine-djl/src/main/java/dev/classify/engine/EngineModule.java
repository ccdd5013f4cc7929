package dev.classify.engine;

import com.google.inject.AbstractModule;
import dev.classify.engine.bench.Benchmark;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.lrfind.LearningRateSweep;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.train.prepare.RunPreparation;

/** Binds the runtime's own classes; the plugins come from {@link PluginModule}. */
public final class EngineModule extends AbstractModule {
    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(PluginCatalog.class);
        bind(RunPreparation.class);
        bind(ConfigurationLoader.class);
        bind(Benchmark.class);
        bind(LearningRateSweep.class);
    }
}
