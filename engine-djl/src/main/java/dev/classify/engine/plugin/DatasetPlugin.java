package dev.classify.engine.plugin;

import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ImageSet;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link DatasetProvider} called through a {@link PluginCall}, knowing its {@link PluginOrigin}.
 */
final class DatasetPlugin extends DecoratedProvider implements DatasetProvider {
    private final DatasetProvider delegate;

    private DatasetPlugin(DatasetProvider delegate, Optional<Path> jar) {
        super(
                PluginCall.discover(PluginKind.DATASET, delegate, delegate::name, jar),
                delegate::description,
                delegate::options);
        this.delegate = delegate;
    }

    /** Returns {@code provider} wrapped, found in {@code jar} (empty: the class path). */
    static DatasetProvider of(DatasetProvider provider, Optional<Path> jar) {
        return provider instanceof DatasetPlugin ? provider : new DatasetPlugin(provider, jar);
    }

    @Override
    public boolean readsOwnLabels() {
        return call.call("readsOwnLabels", delegate::readsOwnLabels);
    }

    @Override
    public ImageSet open(DataSource source) {
        return call.call("open", () -> delegate.open(source));
    }
}
