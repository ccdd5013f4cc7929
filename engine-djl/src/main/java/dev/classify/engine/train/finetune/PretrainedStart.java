package dev.classify.engine.train.finetune;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelSpec;
import dev.classify.engine.config.PretrainedConfig;
import dev.classify.engine.model.TopLevelLayers;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.RunListener;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a new run from {@code model.pretrained}: initialises the network as usual, then replaces
 * the parameters of every layer but the re-initialised ones with the source's (batch-norm
 * statistics included). The last layer (the head) is re-initialised when the source was trained for
 * another number of classes, and the layers of {@code model.pretrained.exclude} always; the person
 * hears which, on the console and in the log. Not thread safe.
 */
public final class PretrainedStart {
    private static final Logger LOG = LoggerFactory.getLogger(PretrainedStart.class);
    private static final String EXCLUDE = PretrainedSource.KEY + ".exclude";

    private final PreparedRun prepared;
    private final PluginCatalog catalog;
    private final RunListener listener;

    @Inject
    public PretrainedStart(PreparedRun prepared, PluginCatalog catalog, RunListener listener) {
        this.prepared = requireNonNull(prepared, "prepared is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** Whether the run starts from pretrained parameters. */
    public boolean configured() {
        return prepared.config().model().pretrained() != null;
    }

    /**
     * Initialises {@code model}'s network and loads the pretrained parameters into it.
     *
     * @throws ConfigurationException at {@code model.pretrained} when the source does not fit
     */
    public void load(Model model) {
        PretrainedConfig config = prepared.config().model().pretrained();
        PretrainedSource source = PretrainedSource.open(config, prepared.describe(), catalog);
        Block network = model.getBlock();
        network.initialize(model.getNDManager(), DataType.FLOAT32, inputShape(prepared.spec()));
        TopLevelLayers layers = TopLevelLayers.of(network);
        Set<String> excluded = excluded(layers, config, source, prepared.classNames());
        int loaded;
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            List<Pair<Parameter, NDArray>> copies = match(network, source, excluded, scratch);
            copy(copies);
            loaded = copies.size();
        }
        String head = layers.head();
        boolean newHead = excluded.contains(head) && !resolved(layers, config).contains(head);
        String text =
                "pretrained: "
                        + source.describe()
                        + ": "
                        + loaded
                        + " parameters loaded"
                        + reinitialised(layers, excluded, newHead ? head : null, source);
        LOG.info(text);
        listener.message(text);
    }

    /**
     * Checks that {@code source} fits a fresh network of {@code prepared}, reading it as a run
     * would, on the CPU; every array is freed before this returns.
     *
     * @throws ConfigurationException at {@code model.pretrained} when it does not fit
     */
    static void check(Block network, PretrainedSource source, PreparedRun prepared) {
        PretrainedConfig config = prepared.config().model().pretrained();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), prepared.engine())) {
            network.setInitializer(Initializer.ZEROS, parameter -> true);
            network.initialize(manager, DataType.FLOAT32, inputShape(prepared.spec()));
            TopLevelLayers layers = TopLevelLayers.of(network);
            match(
                    network,
                    source,
                    excluded(layers, config, source, prepared.classNames()),
                    manager);
        }
    }

    private static Shape inputShape(ModelSpec spec) {
        return new Shape(1, spec.inputChannels(), spec.inputHeight(), spec.inputWidth());
    }

    private static Set<String> resolved(TopLevelLayers layers, PretrainedConfig config) {
        return layers.resolve(EXCLUDE, config.exclude());
    }

    /**
     * The layers to re-initialise: those excluded, and the head when it scores other classes (their
     * number, or their names where the source records them: a head trained on other classes of the
     * same number is no start).
     */
    private static Set<String> excluded(
            TopLevelLayers layers,
            PretrainedConfig config,
            PretrainedSource source,
            List<String> classNames) {
        Set<String> excluded = new LinkedHashSet<>(resolved(layers, config));
        if (!source.sameClasses(classNames)) {
            excluded.add(layers.head());
        }
        return excluded;
    }

    private String reinitialised(
            TopLevelLayers layers, Set<String> excluded, String newHead, PretrainedSource source) {
        List<String> parts = new ArrayList<>();
        if (newHead != null) {
            int classes = prepared.spec().numClasses();
            parts.add(
                    "head '"
                            + layers.name(newHead)
                            + "' re-initialised for "
                            + classes
                            + (classes == source.classes() ? " other classes" : " classes"));
        }
        for (String key : excluded) {
            if (!key.equals(newHead)) {
                parts.add("'" + layers.name(key) + "' re-initialised (" + EXCLUDE + ")");
            }
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }

    /**
     * Pairs each parameter of every layer not {@code excluded} with its array from {@code source},
     * after checking that each is there with the parameter's shape.
     */
    private static List<Pair<Parameter, NDArray>> match(
            Block network, PretrainedSource source, Set<String> excluded, NDManager manager) {
        boolean withHead = !excluded.contains(TopLevelLayers.of(network).head());
        Map<String, NDArray> arrays = source.read(network, withHead, manager);
        List<String> problems = new ArrayList<>();
        List<Pair<Parameter, NDArray>> copies = new ArrayList<>();
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            if (TopLevelLayers.isIn(parameter.getKey(), excluded)) {
                continue;
            }
            NDArray array = arrays.get(parameter.getKey());
            Shape want = parameter.getValue().getArray().getShape();
            if (array == null) {
                problems.add(parameter.getKey() + " is missing");
            } else if (!array.getShape().equals(want)) {
                problems.add(parameter.getKey() + " is " + array.getShape() + ", not " + want);
            } else {
                copies.add(new Pair<>(parameter.getValue(), array));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(
                    PretrainedSource.KEY,
                    source.describe()
                            + " does not fit this network: "
                            + String.join(", ", problems.subList(0, Math.min(3, problems.size())))
                            + (problems.size() > 3 ? " and " + (problems.size() - 3) + " more" : "")
                            + "; "
                            + source.fix());
        }
        return copies;
    }

    /** Copies each array into its parameter's. */
    private static void copy(List<Pair<Parameter, NDArray>> copies) {
        for (Pair<Parameter, NDArray> copy : copies) {
            Parameter parameter = copy.getKey();
            boolean trained = parameter.requiresGradient();
            // PyTorch refuses to write into an array that records gradients.
            parameter.freeze(true);
            copy.getValue().toType(DataType.FLOAT32, false).copyTo(parameter.getArray());
            parameter.freeze(!trained);
        }
    }
}
