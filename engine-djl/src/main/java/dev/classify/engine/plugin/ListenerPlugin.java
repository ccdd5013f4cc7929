package dev.classify.engine.plugin;

import dev.classify.api.Options;
import dev.classify.api.TrainingListener;
import dev.classify.api.TrainingListenerProvider;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link TrainingListenerProvider} called through a {@link PluginCall}, knowing its {@link
 * PluginOrigin}.
 */
final class ListenerPlugin extends DecoratedProvider implements TrainingListenerProvider {
    private final TrainingListenerProvider delegate;

    private ListenerPlugin(TrainingListenerProvider delegate, Optional<Path> jar) {
        super(
                PluginCall.discover(PluginKind.LISTENER, delegate, delegate::name, jar),
                delegate::description,
                delegate::options);
        this.delegate = delegate;
    }

    /** Returns {@code provider} wrapped, found in {@code jar} (empty: the class path). */
    static TrainingListenerProvider of(TrainingListenerProvider provider, Optional<Path> jar) {
        return provider instanceof ListenerPlugin ? provider : new ListenerPlugin(provider, jar);
    }

    @Override
    public TrainingListener create(Options options) {
        return call.create(options, () -> delegate.create(options));
    }
}
