package dev.classify.engine.plugin;

import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ImageSet;
import dev.classify.api.OptionInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@link DatasetProvider} called through a {@link PluginCall}, knowing its {@link PluginOrigin}.
 */
final class DatasetPlugin implements DatasetProvider, PluginDecorator {
    private final DatasetProvider delegate;
    private final PluginCall call;

    private DatasetPlugin(DatasetProvider delegate, PluginCall call) {
        this.delegate = delegate;
        this.call = call;
    }

    /** Returns {@code provider} wrapped, found in {@code jar} (empty: the class path). */
    static DatasetProvider of(DatasetProvider provider, Optional<Path> jar) {
        if (provider instanceof DatasetPlugin) {
            return provider;
        }
        return new DatasetPlugin(
                provider, PluginCall.discover(PluginKind.DATASET, provider, provider::name, jar));
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
    public ImageSet open(DataSource source) {
        return call.call("open", () -> delegate.open(source));
    }

    @Override
    public String toString() {
        return call.origin().describe();
    }
}
