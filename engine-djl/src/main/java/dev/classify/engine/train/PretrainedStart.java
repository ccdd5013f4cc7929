package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelSpec;
import dev.classify.engine.config.PretrainedConfig;
import dev.classify.engine.model.TopLevelLayers;
import dev.classify.engine.plugin.PluginCatalog;
import jakarta.inject.Inject;
import java.util.ArrayList;
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
final class PretrainedStart {
    private static final Logger LOG = LoggerFactory.getLogger(PretrainedStart.class);
    private static final String EXCLUDE = PretrainedSource.KEY + ".exclude";

    private final PreparedRun prepared;
    private final PluginCatalog catalog;
    private final RunListener listener;

    @Inject
    PretrainedStart(PreparedRun prepared, PluginCatalog catalog, RunListener listener) {
        this.prepared = requireNonNull(prepared, "prepared is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** Whether the run starts from pretrained parameters. */
    boolean configured() {
        return prepared.config().model().pretrained() != null;
    }

    /**
     * Initialises {@code model}'s network and loads the pretrained parameters into it.
     *
     * @throws ConfigurationException at {@code model.pretrained} when the source does not fit
     */
    void load(Model model) {
        PretrainedConfig config = prepared.config().model().pretrained();
        PretrainedSource source = PretrainedSource.open(config, prepared.describe(), catalog);
        Block network = model.getBlock();
        ModelSpec spec = prepared.spec();
        network.initialize(
                model.getNDManager(),
                DataType.FLOAT32,
                new Shape(1, spec.inputChannels(), spec.inputHeight(), spec.inputWidth()));
        TopLevelLayers layers = TopLevelLayers.of(network);
        Set<String> excluded = layers.resolve(EXCLUDE, config.exclude());
        String head = layers.head();
        boolean newHead = source.classes() >= 0 && source.classes() != spec.numClasses();
        if (newHead) {
            excluded.add(head);
        }
        int loaded;
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            Map<String, NDArray> arrays = source.read(network, !excluded.contains(head), scratch);
            loaded = copy(network, arrays, excluded, source);
        }
        String text =
                "pretrained: "
                        + source.describe()
                        + ": "
                        + loaded
                        + " parameters loaded"
                        + reinitialised(layers, excluded, newHead ? head : null);
        LOG.info(text);
        listener.message(text);
    }

    private String reinitialised(TopLevelLayers layers, Set<String> excluded, String newHead) {
        List<String> parts = new ArrayList<>();
        if (newHead != null) {
            parts.add(
                    "head '"
                            + layers.name(newHead)
                            + "' re-initialised for "
                            + prepared.spec().numClasses()
                            + " classes");
        }
        for (String key : excluded) {
            if (!key.equals(newHead)) {
                parts.add("'" + layers.name(key) + "' re-initialised (" + EXCLUDE + ")");
            }
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }

    /**
     * Copies {@code arrays} into the parameters of every layer not {@code excluded}, after checking
     * that each is there with its parameter's shape; returns how many it copied.
     */
    private static int copy(
            Block network,
            Map<String, NDArray> arrays,
            Set<String> excluded,
            PretrainedSource source) {
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
                            + "; give a model of this architecture and input channels, or list"
                            + " the layers to re-initialise in "
                            + EXCLUDE);
        }
        for (Pair<Parameter, NDArray> copy : copies) {
            Parameter parameter = copy.getKey();
            boolean trained = parameter.requiresGradient();
            // PyTorch refuses to write into an array that records gradients.
            parameter.freeze(true);
            copy.getValue().toType(DataType.FLOAT32, false).copyTo(parameter.getArray());
            parameter.freeze(!trained);
        }
        return copies.size();
    }
}
