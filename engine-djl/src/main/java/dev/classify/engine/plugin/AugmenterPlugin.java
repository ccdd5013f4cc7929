package dev.classify.engine.plugin;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.Options;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link AugmenterProvider} called through a {@link PluginCall}, knowing its {@link
 * PluginOrigin}.
 */
final class AugmenterPlugin extends DecoratedProvider implements AugmenterProvider {
    private final AugmenterProvider delegate;

    private AugmenterPlugin(AugmenterProvider delegate, Optional<Path> jar) {
        super(
                PluginCall.discover(PluginKind.AUGMENTER, delegate, delegate::name, jar),
                delegate::description,
                delegate::options);
        this.delegate = delegate;
    }

    /** Returns {@code provider} wrapped, found in {@code jar} (empty: the class path). */
    static AugmenterProvider of(AugmenterProvider provider, Optional<Path> jar) {
        return provider instanceof AugmenterPlugin ? provider : new AugmenterPlugin(provider, jar);
    }

    @Override
    public Augmenter create(Options options) {
        return call.create(options, () -> delegate.create(options));
    }
}
