package dev.classify.engine.plugin;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@link AugmenterProvider} called through a {@link PluginCall}, knowing its {@link
 * PluginOrigin}.
 */
final class AugmenterPlugin implements AugmenterProvider, PluginDecorator {
    private final AugmenterProvider delegate;
    private final PluginCall call;

    private AugmenterPlugin(AugmenterProvider delegate, PluginCall call) {
        this.delegate = delegate;
        this.call = call;
    }

    /** Returns {@code provider} wrapped, found in {@code jar} (empty: the class path). */
    static AugmenterProvider of(AugmenterProvider provider, Optional<Path> jar) {
        if (provider instanceof AugmenterPlugin) {
            return provider;
        }
        return new AugmenterPlugin(
                provider, PluginCall.discover(PluginKind.AUGMENTER, provider, provider::name, jar));
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
    public Augmenter create(Options options) {
        return call.create(options, () -> delegate.create(options));
    }

    @Override
    public String toString() {
        return call.origin().describe();
    }
}
