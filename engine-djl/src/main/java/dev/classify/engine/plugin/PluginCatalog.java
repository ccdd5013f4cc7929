package dev.classify.engine.plugin;

import static java.util.Objects.requireNonNull;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.ConfigurationException;
import dev.classify.api.DatasetProvider;
import dev.classify.api.MixingAugmenter;
import dev.classify.api.ModelProvider;
import dev.classify.api.Options;
import dev.classify.api.Problems;
import dev.classify.api.TrainingListenerProvider;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.config.PluginConfig;
import dev.classify.engine.config.SourceConfig;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.NormalizeStatistics;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The plugins bound by name, and the lookup that turns a configuration's {@code type} into one.
 * Every provider it returns runs its calls with its plugin's class loader as the thread's context
 * class loader and names the plugin when it fails (see {@link DecoratedProvider}).
 *
 * <p>Immutable and thread safe.
 */
public final class PluginCatalog {
    private final Map<String, ModelProvider> models;
    private final Map<String, AugmenterProvider> augmenters;
    private final Map<String, DatasetProvider> datasets;
    private final Map<String, TrainingListenerProvider> listeners;

    /**
     * Creates a catalog over the name-keyed maps of providers; a provider not discovered by {@link
     * DiscoveredPlugins} is taken as one of the class path.
     */
    @Inject
    public PluginCatalog(
            Map<String, ModelProvider> models,
            Map<String, AugmenterProvider> augmenters,
            Map<String, DatasetProvider> datasets,
            Map<String, TrainingListenerProvider> listeners) {
        this.models = wrap(requireNonNull(models, "models is null"), ModelPlugin::of);
        this.augmenters =
                wrap(requireNonNull(augmenters, "augmenters is null"), AugmenterPlugin::of);
        this.datasets = wrap(requireNonNull(datasets, "datasets is null"), DatasetPlugin::of);
        this.listeners = wrap(requireNonNull(listeners, "listeners is null"), ListenerPlugin::of);
    }

    private static <T> Map<String, T> wrap(
            Map<String, T> providers, BiFunction<T, Optional<Path>, T> wrap) {
        Map<String, T> sorted = new TreeMap<>();
        providers.forEach(
                (name, provider) -> sorted.put(name, wrap.apply(provider, Optional.empty())));
        return Collections.unmodifiableMap(sorted);
    }

    /**
     * Returns the model provider named {@code type}.
     *
     * @param path the configuration path of the type, for the error message
     * @throws ConfigurationException listing the known names when there is none
     */
    public ModelProvider model(String path, String type) {
        return find(models, "model", path, type);
    }

    /** Returns the augmenter provider named {@code type}, as {@link #model} does. */
    public AugmenterProvider augmenter(String path, String type) {
        return find(augmenters, "augmenter", path, type);
    }

    /** Returns the dataset provider named {@code type}, as {@link #model} does. */
    public DatasetProvider dataset(String path, String type) {
        return find(datasets, "dataset", path, type);
    }

    /** Returns the training listener provider named {@code type}, as {@link #model} does. */
    public TrainingListenerProvider listener(String path, String type) {
        return find(listeners, "listener", path, type);
    }

    /**
     * Records a problem for every plugin {@code config} names that does not exist, and every
     * augmentation step, listener and model whose options its plugin rejects. The model is built
     * for a nominal input ({@link NominalModel}); preparation builds it again for the real one.
     */
    public void check(PipelineConfig config, Problems problems) {
        if (config.data().train() != null) {
            collect(problems, () -> checkTrainLabels(config.data().train(), problems));
        }
        if (config.data().test() != null) {
            collect(problems, () -> dataset("data.test.type", config.data().test().type()));
        }
        if (config.data().validation().source() != null) {
            collect(
                    problems,
                    () ->
                            dataset(
                                    "data.validation.type",
                                    config.data().validation().source().type()));
        }
        collect(
                problems,
                () ->
                        NominalModel.check(
                                model("model.type", config.model().type()),
                                config.model(),
                                problems));
        checkSteps("augment.train", config.augment().train(), problems);
        checkSteps("augment.eval", config.augment().eval(), problems);
        checkListeners(config.listeners(), problems);
    }

    /**
     * Records a problem for every listener entry whose type does not exist, and every option
     * problem its provider reports, each under {@code listeners[i]}.
     */
    public void checkListeners(List<PluginConfig> entries, Problems problems) {
        for (int i = 0; i < entries.size(); i++) {
            String path = "listeners[" + i + "]";
            PluginConfig entry = entries.get(i);
            collect(
                    problems,
                    () ->
                            listener(path + ".type", entry.type())
                                    .create(new Options(path, entry.options())));
        }
    }

    /**
     * Training images need labels: a labels file, or a dataset plugin that reads them from its own
     * source (class folders, say).
     */
    private void checkTrainLabels(SourceConfig train, Problems problems) {
        DatasetProvider provider = dataset("data.train.type", train.type());
        if (train.labels() == null && !provider.readsOwnLabels()) {
            List<String> labelled =
                    datasets.values().stream()
                            .filter(DatasetProvider::readsOwnLabels)
                            .map(DatasetProvider::name)
                            .toList();
            problems.add(
                    "data.train.labels",
                    "is required: training images of type "
                            + train.type()
                            + " need a labels file"
                            + (labelled.isEmpty()
                                    ? ""
                                    : " (or a type that reads its own labels: "
                                            + String.join(", ", labelled)
                                            + ")"));
        }
    }

    private void checkSteps(String path, List<PluginConfig> steps, Problems problems) {
        // normalize's auto is resolved from the training images later; its other options now.
        List<PluginConfig> nominal = NormalizeStatistics.nominal(steps);
        for (int i = 0; i < nominal.size(); i++) {
            String stepPath = path + "[" + i + "]";
            PluginConfig step = nominal.get(i);
            collect(
                    problems,
                    () -> {
                        Augmenter augmenter =
                                augmenter(stepPath + ".type", step.type())
                                        .create(new Options(stepPath, step.options()));
                        if (path.equals("augment.eval") && augmenter instanceof MixingAugmenter) {
                            throw AugmentationPipeline.trainingOnly(stepPath, step.type());
                        }
                    });
        }
    }

    private static void collect(Problems problems, Runnable check) {
        try {
            check.run();
        } catch (ConfigurationException e) {
            problems.addAll(e);
        }
    }

    /** Returns every model provider by name, sorted. */
    public Map<String, ModelProvider> models() {
        return models;
    }

    /** Returns every augmenter provider by name, sorted. */
    public Map<String, AugmenterProvider> augmenters() {
        return augmenters;
    }

    /** Returns every dataset provider by name, sorted. */
    public Map<String, DatasetProvider> datasets() {
        return datasets;
    }

    /** Returns every training listener provider by name, sorted. */
    public Map<String, TrainingListenerProvider> listeners() {
        return listeners;
    }

    /**
     * Returns where the plugin of {@code kind} named {@code name} came from, or empty when there is
     * none.
     */
    public Optional<PluginOrigin> origin(PluginKind kind, String name) {
        return Optional.ofNullable(byKind(kind).get(name))
                .map(provider -> ((DecoratedProvider) provider).origin());
    }

    /**
     * Describes every plugin of {@code kind}, sorted by name, asking each for its description and
     * options.
     *
     * @throws PluginException when a plugin fails to describe itself
     */
    public List<PluginDescription> describe(PluginKind kind) {
        List<PluginDescription> described = new ArrayList<>();
        for (Object provider : byKind(kind).values()) {
            DecoratedProvider plugin = (DecoratedProvider) provider;
            described.add(
                    new PluginDescription(plugin.origin(), plugin.description(), plugin.options()));
        }
        return described;
    }

    private Map<String, ?> byKind(PluginKind kind) {
        return switch (kind) {
            case MODEL -> models;
            case AUGMENTER -> augmenters;
            case DATASET -> datasets;
            case LISTENER -> listeners;
        };
    }

    private static <T> T find(Map<String, T> providers, String kind, String path, String type) {
        T provider = providers.get(type);
        if (provider == null) {
            throw new ConfigurationException(
                    path, "unknown " + kind + " '" + type + "'; known: " + providers.keySet());
        }
        return provider;
    }
}
