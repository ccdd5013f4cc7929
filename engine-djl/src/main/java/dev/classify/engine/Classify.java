package dev.classify.engine;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the injector: plugins from the class path and from a plugin folder, and the runtime. */
public final class Classify {
    private Classify() {}

    /**
     * Discovers the plugins visible to the host and those in {@code pluginDirectory} (ignored when
     * it does not exist) and wires them into a new injector.
     *
     * @throws dev.classify.api.ConfigurationException when two plugins share a name
     */
    public static Injector createInjector(Path pluginDirectory) {
        OfflineDefaults.apply();
        ClassLoader host = Classify.class.getClassLoader();
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(host);
        if (pluginDirectory != null) {
            loaders.addAll(PluginClassLoader.forDirectory(pluginDirectory, host));
        }
        DiscoveredPlugins plugins = DiscoveredPlugins.load(loaders);
        return Guice.createInjector(
                Stage.PRODUCTION, new PluginModule(plugins), new EngineModule());
    }
}
