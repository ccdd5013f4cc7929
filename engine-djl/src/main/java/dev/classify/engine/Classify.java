package dev.classify.engine;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.types.Shape;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import dev.classify.api.InvalidDataException;
import dev.classify.api.TrainingListener;
import dev.classify.engine.bench.Benchmark;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.lrfind.LearningRateSweep;
import dev.classify.engine.lrfind.LrFindOptions;
import dev.classify.engine.lrfind.LrFindResult;
import dev.classify.engine.model.ModelDefinition;
import dev.classify.engine.model.ModelEnsemble;
import dev.classify.engine.model.ModelSummary;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.model.weights.WeightsImport;
import dev.classify.engine.plugin.DiscoveredPlugins;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.plugin.PluginClassLoader;
import dev.classify.engine.plugin.PluginModule;
import dev.classify.engine.runtime.OfflineDefaults;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.ResumeGuards;
import dev.classify.engine.train.RunCompletion;
import dev.classify.engine.train.RunInterruptedException;
import dev.classify.engine.train.RunListener;
import dev.classify.engine.train.RunModule;
import dev.classify.engine.train.RunResult;
import dev.classify.engine.train.StartingPoint;
import dev.classify.engine.train.TrainingLoop;
import dev.classify.engine.train.listener.ListenerModule;
import dev.classify.engine.train.prepare.RunPreparation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The composition root: the one place that builds injectors and asks them for objects. The plugin
 * injector is built once per process and plugin folder; each training run gets a child injector of
 * it that binds what the run's configuration chose ({@link RunModule}) and its training listeners
 * ({@link ListenerModule}). Commands and the embedding API ask an instance of this class for what
 * they run.
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

    /**
     * Reads the data sets and builds every plugin of {@code config}, checking that they fit
     * together, and chooses the device; nothing is written. See {@link RunPreparation}.
     *
     * @throws dev.classify.api.ConfigurationException listing what is wrong with the configuration
     * @throws dev.classify.api.InvalidDataException when a data file is missing or bad
     */
    public PreparedRun prepare(PipelineConfig config) {
        return injector.getInstance(RunPreparation.class).prepare(config);
    }

    /**
     * As {@link #prepare}, for {@link #resume}: {@code model.pretrained} is not read, since the
     * run's checkpoint holds its parameters (the pretrained file or folder may be gone by then).
     *
     * @throws dev.classify.api.ConfigurationException listing what is wrong with the configuration
     * @throws dev.classify.api.InvalidDataException when a data file is missing or bad
     */
    public PreparedRun prepareResume(PipelineConfig config) {
        return injector.getInstance(RunPreparation.class).prepareResume(config);
    }

    /**
     * Trains {@code prepared}, writing the run folder {@code runDirectory} (which must exist):
     * {@code config.yaml}, {@code metrics.csv}, {@code curves.png}, {@code model/} (the best epoch
     * by validation accuracy), {@code checkpoints/last} and {@code best}, {@code evaluation/} (with
     * a hold-out) and {@code submission.csv} (with a test set).
     *
     * @param listener hears the run (console progress, messages) and may stop it (Ctrl-C)
     * @throws IOException when the run folder cannot be written
     * @throws RunInterruptedException when {@code listener} asked to stop
     */
    public RunResult train(PreparedRun prepared, Path runDirectory, RunListener listener)
            throws IOException {
        return train(prepared, runDirectory, listener, List.of());
    }

    /**
     * Trains as {@link #train(PreparedRun, Path, RunListener)} does, with {@code listeners} heard
     * after the built-in ones and the configuration's {@code listeners:}, in their order.
     *
     * @throws IOException when the run folder cannot be written
     * @throws RunInterruptedException when {@code listener} asked to stop
     */
    public RunResult train(
            PreparedRun prepared,
            Path runDirectory,
            RunListener listener,
            List<TrainingListener> listeners)
            throws IOException {
        return run(prepared, runDirectory, listener, StartingPoint.fresh(), listeners);
    }

    /**
     * Continues the run in {@code runDirectory} from its {@code checkpoints/last}: parameters,
     * optimizer state and metrics history, up to {@code train.epochs} of {@code prepared}'s
     * configuration, writing into the same folder. {@code prepared} should come from the run's
     * {@code config.yaml}, possibly with overrides such as a larger {@code train.epochs}. Nothing
     * is written when the run cannot be resumed (see {@link ResumeGuards}).
     *
     * @throws dev.classify.api.ConfigurationException when the run already reached {@code
     *     train.epochs}, stopped early or trained another network
     * @throws dev.classify.api.InvalidDataException when the run folder holds no checkpoint
     * @throws IOException when the run folder cannot be written
     * @throws RunInterruptedException when {@code listener} asked to stop
     */
    public RunResult resume(PreparedRun prepared, Path runDirectory, RunListener listener)
            throws IOException {
        StartingPoint start = ResumeGuards.check(prepared, runDirectory, listener);
        return run(prepared, runDirectory, listener, start, List.of());
    }

    private RunResult run(
            PreparedRun prepared,
            Path runDirectory,
            RunListener listener,
            StartingPoint start,
            List<TrainingListener> listeners)
            throws IOException {
        requireNonNull(prepared, "prepared is null");
        try {
            Injector run =
                    injector.createChildInjector(
                            new RunModule(prepared, runDirectory, listener, start),
                            new ListenerModule(
                                    prepared.config().listeners(), catalog(), listeners));
            run.getInstance(TrainingLoop.class).run();
            return run.getInstance(RunCompletion.class).complete();
        } catch (CreationException e) {
            throw unwrap(e.getErrorMessages(), e);
        } catch (ProvisionException e) {
            throw unwrap(e.getErrorMessages(), e);
        }
    }

    /**
     * The exception a provider or module threw, when there is one: Guice wraps it, and a
     * configuration problem found while the run's objects are built should read as it does
     * elsewhere.
     */
    private static RuntimeException unwrap(Collection<Message> messages, RuntimeException e) {
        if (messages.size() == 1
                && messages.iterator().next().getCause() instanceof RuntimeException cause) {
            return cause;
        }
        return e;
    }

    /** Measures training and prediction speed. */
    public Benchmark benchmark() {
        return injector.getInstance(Benchmark.class);
    }

    /**
     * Runs the learning-rate range test on {@code prepared}'s configuration (see {@link
     * LearningRateSweep}): nothing is written, the network is discarded.
     *
     * @throws dev.classify.api.ConfigurationException when the loss runs away at the first batch
     */
    public LrFindResult lrFind(PreparedRun prepared, LrFindOptions options) {
        return injector.getInstance(LearningRateSweep.class).run(prepared, options);
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
     * Loads the models in {@code modelOrRunFolders} as one ensemble that averages their class
     * probabilities, with this root's plugins (see {@link ModelEnsemble#load}).
     *
     * @param engine the engine to predict with, or {@code null} for the one that trained each
     * @throws dev.classify.api.InvalidDataException when a folder holds no model or a broken one,
     *     or the models' classes or image shapes differ
     */
    public ModelEnsemble loadEnsemble(List<Path> modelOrRunFolders, String engine) {
        return ModelEnsemble.load(modelOrRunFolders, catalog(), engine);
    }

    /**
     * Returns the importer of torchvision and timm weights ({@code classify import}), which builds
     * networks with this root's plugins.
     */
    public WeightsImport weightsImport() {
        return new WeightsImport(catalog());
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
