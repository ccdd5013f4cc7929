package dev.classify.engine.plugin;

import ai.djl.nn.Block;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.OptionInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ModelProvider} called through a {@link PluginCall}, knowing its {@link PluginOrigin}.
 */
final class ModelPlugin implements ModelProvider, PluginDecorator {
    private final ModelProvider delegate;
    private final PluginCall call;

    private ModelPlugin(ModelProvider delegate, PluginCall call) {
        this.delegate = delegate;
        this.call = call;
    }

    /** Returns {@code provider} wrapped, found in {@code jar} (empty: the class path). */
    static ModelProvider of(ModelProvider provider, Optional<Path> jar) {
        if (provider instanceof ModelPlugin) {
            return provider;
        }
        return new ModelPlugin(
                provider, PluginCall.discover(PluginKind.MODEL, provider, provider::name, jar));
    }

    @Override
    public PluginOrigin origin() {
        return call.origin();
    }

    @Override
    public String name() {
        return call.origin().name();
    }

    @Override
    public String description() {
        return call.call("description", delegate::description);
    }

    @Override
    public List<OptionInfo> options() {
        return call.call("options", delegate::options);
    }

    @Override
    public Block create(ModelSpec spec) {
        return call.create(spec.options(), () -> delegate.create(spec));
    }

    @Override
    public String toString() {
        return call.origin().describe();
    }
}
