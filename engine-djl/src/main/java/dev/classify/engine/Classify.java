package dev.classify.engine;

import ai.djl.ndarray.types.Shape;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.bench.Benchmark;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.model.ModelDefinition;
import dev.classify.engine.model.ModelSummary;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.DiscoveredPlugins;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.plugin.PluginClassLoader;
import dev.classify.engine.plugin.PluginModule;
import dev.classify.engine.runtime.OfflineDefaults;
import dev.classify.engine.train.TrainingPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The composition root: the one place that builds injectors and asks them for objects. The plugin
 * injector is built once per process and plugin folder; commands and the embedding API ask an
 * instance of this class for what they run.
 *
 * <p>Thread safe: instances are immutable and shared.
 */
public final class Classify {
    /** The key of the class path's plugins alone (no plugin folder). */
    private static final Path NO_FOLDER = Path.of("");

    private static final Map<Path, Classify> ROOTS = new ConcurrentHashMap<>();

    private final Injector injector;

    private Classify(Injector injector) {
        this.injector = injector;
    }

    /**
     * Returns the root over the plugins visible to the host and those in {@code pluginDirectory}
     * (ignored when {@code null} or absent), discovering them on the first call for that folder.
     *
     * @throws dev.classify.api.ConfigurationException when two plugins share a name or a plugin jar
     *     cannot be read
     */
    public static Classify forPlugins(Path pluginDirectory) {
        Path key =
                Optional.ofNullable(pluginDirectory)
                        .map(p -> p.toAbsolutePath().normalize())
                        .orElse(NO_FOLDER);
        Classify root = ROOTS.get(key);
        if (root == null) {
            // Not computeIfAbsent: discovery may throw, and a failed folder is tried again.
            root = new Classify(createInjector(pluginDirectory));
            Classify previous = ROOTS.putIfAbsent(key, root);
            root = previous != null ? previous : root;
        }
        return root;
    }

    /** Returns the root over the class path's plugins alone. */
    public static Classify forClassPath() {
        return forPlugins(null);
    }

    private static Injector createInjector(Path pluginDirectory) {
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

    /** The plugins by kind and name. */
    public PluginCatalog catalog() {
        return injector.getInstance(PluginCatalog.class);
    }

    /** Reads configuration files into validated records, checking every plugin they name. */
    public ConfigurationLoader configurationLoader() {
        return injector.getInstance(ConfigurationLoader.class);
    }

    /** Prepares and trains runs. */
    public TrainingPipeline trainingPipeline() {
        return injector.getInstance(TrainingPipeline.class);
    }

    /** Measures training and prediction speed. */
    public Benchmark benchmark() {
        return injector.getInstance(Benchmark.class);
    }

    /**
     * Reads the saved model in {@code modelOrRunFolder} (a model folder, or a run folder holding
     * one as {@code model/}) without loading it; its network and evaluation steps are built with
     * this root's plugins.
     *
     * @throws InvalidDataException when there is no model, or its description is broken
     */
    public ModelDefinition openModel(Path modelOrRunFolder) {
        return ModelDefinition.open(modelOrRunFolder, catalog());
    }

    /**
     * Loads the saved model in {@code modelOrRunFolder} with this root's plugins, as {@code
     * classify predict} does. The caller closes it.
     *
     * @param engine the engine to predict with, or {@code null} for the one that trained it
     * @throws InvalidDataException when the folder holds no model or a broken one, or a plugin it
     *     needs is not installed
     * @throws dev.classify.api.ConfigurationException when the engine is unknown or cannot load
     */
    public SavedModel loadModel(Path modelOrRunFolder, String engine) {
        return SavedModel.load(modelOrRunFolder, catalog(), engine);
    }

    /**
     * Counts the trainable parameters of the saved model in {@code modelFolder} (a model folder or
     * a run folder), as {@code classify summary} does, by building its network with this root's
     * plugins; empty when there is no readable description or its plugin is not installed.
     */
    public OptionalLong parameterCount(Path modelFolder) {
        try {
            ModelDefinition model = openModel(modelFolder);
            int[] input = model.description().inputShape();
            return OptionalLong.of(
                    ModelSummary.of(model.newBlock(), new Shape(input[0], input[1], input[2]))
                            .parameters());
        } catch (InvalidDataException e) {
            return OptionalLong.empty();
        }
    }
}
