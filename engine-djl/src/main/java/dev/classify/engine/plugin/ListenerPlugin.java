package dev.classify.engine.plugin;

import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import dev.classify.api.TrainingListener;
import dev.classify.api.TrainingListenerProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TrainingListenerProvider} called through a {@link PluginCall}, knowing its {@link
 * PluginOrigin}.
 */
final class ListenerPlugin implements TrainingListenerProvider, PluginDecorator {
    private final TrainingListenerProvider delegate;
    private final PluginCall call;

    private ListenerPlugin(TrainingListenerProvider delegate, PluginCall call) {
        this.delegate = delegate;
        this.call = call;
    }

    /** Returns {@code provider} wrapped, found in {@code jar} (empty: the class path). */
    static TrainingListenerProvider of(TrainingListenerProvider provider, Optional<Path> jar) {
        if (provider instanceof ListenerPlugin) {
            return provider;
        }
        return new ListenerPlugin(
                provider, PluginCall.discover(PluginKind.LISTENER, provider, provider::name, jar));
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
    public TrainingListener create(Options options) {
        return call.create(options, () -> delegate.create(options));
    }

    @Override
    public String toString() {
        return call.origin().describe();
    }
}
