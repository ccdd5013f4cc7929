package dev.classify.engine.plugin;

import ai.djl.nn.Block;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link ModelProvider} called through a {@link PluginCall}, knowing its {@link PluginOrigin}.
 */
final class ModelPlugin extends DecoratedProvider implements ModelProvider {
    private final ModelProvider delegate;

    private ModelPlugin(ModelProvider delegate, Optional<Path> jar) {
        super(
                PluginCall.discover(PluginKind.MODEL, delegate, delegate::name, jar),
                delegate::description,
                delegate::options);
        this.delegate = delegate;
    }

    /** Returns {@code provider} wrapped, found in {@code jar} (empty: the class path). */
    static ModelProvider of(ModelProvider provider, Optional<Path> jar) {
        return provider instanceof ModelPlugin ? provider : new ModelPlugin(provider, jar);
    }

    @Override
    public Block create(ModelSpec spec) {
        return call.create(spec.options(), () -> delegate.create(spec));
    }
}
