package dev.classify.engine.model;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.api.ModelProvider;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.plugin.PluginKind;
import dev.classify.report.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A saved model folder, read and checked but not loaded: where it is, its description, and what a
 * loader needs besides the parameter file to rebuild the model: the network, built by its model
 * plugin from the recorded options, and the evaluation preprocessing. {@link SavedModel} loads the
 * parameters into it for classify's own prediction; DJL's model loader does the same for code built
 * on DJL's {@code Criteria} (see {@code dev.classify.engine.embed.ClassifyModels}). Obtain one from
 * the composition root ({@code Classify.openModel}).
 *
 * <p>Immutable and thread safe.
 */
public final class ModelDefinition {
    /** The prefix of the parameter file, {@code model-0000.params}: DJL's model name. */
    public static final String PARAMETERS_PREFIX = "model";

    private static final Logger LOG = LoggerFactory.getLogger(ModelDefinition.class);

    private final Path folder;
    private final ModelDescription description;
    private final PluginCatalog catalog;

    private ModelDefinition(Path folder, ModelDescription description, PluginCatalog catalog) {
        this.folder = folder;
        this.description = description;
        this.catalog = catalog;
    }

    /**
     * Reads the model in {@code modelOrRunFolder}: a folder holding {@code classify-model.json}, or
     * a run folder holding one as {@code model/}. Plugins are needed only later, by {@link
     * #newBlock} and {@link #evaluation}.
     *
     * @throws InvalidDataException when neither holds a model description, or it is broken
     */
    public static ModelDefinition open(Path modelOrRunFolder, PluginCatalog catalog) {
        requireNonNull(modelOrRunFolder, "modelOrRunFolder is null");
        requireNonNull(catalog, "catalog is null");
        Path folder = resolve(modelOrRunFolder);
        return new ModelDefinition(
                folder, ModelDescription.read(folder.resolve(ModelDescription.FILE_NAME)), catalog);
    }

    private static Path resolve(Path path) {
        if (Files.isRegularFile(path.resolve(ModelDescription.FILE_NAME))) {
            return path;
        }
        Path inner = path.resolve(RunFiles.MODEL);
        if (Files.isRegularFile(inner.resolve(ModelDescription.FILE_NAME))) {
            return inner;
        }
        throw new InvalidDataException(
                path,
                "no trained model here (no "
                        + ModelDescription.FILE_NAME
                        + "); give a run folder written by 'classify train' or its model/"
                        + " folder");
    }

    /** The model folder, holding the description and the parameter file. */
    public Path folder() {
        return folder;
    }

    /** The description read from the folder. */
    public ModelDescription description() {
        return description;
    }

    /**
     * Returns the test-time augmentation views the description records ({@code tta}), {@link
     * TestTimeAugmentation#NONE} when it records none.
     *
     * @throws InvalidDataException when it names an unknown view
     */
    public TestTimeAugmentation trainedViews() {
        try {
            return TestTimeAugmentation.of(description.tta());
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(
                    descriptionFile(),
                    "tta: "
                            + e.getMessage()
                            + "; correct it, or remove the key to predict from the image alone");
        }
    }

    /** The description file, named in errors. */
    Path descriptionFile() {
        return folder.resolve(ModelDescription.FILE_NAME);
    }

    /**
     * Builds the described network, uninitialised, taking (N, C, H, W) float32 input of the
     * description's {@code inputShape} and returning (N, K) logits for K classes: its model plugin
     * builds it from the recorded options ({@link ModelDescription#spec()}). Logs a warning when
     * the installed plugin is another version than the one that trained the model.
     *
     * @throws InvalidDataException when the model plugin is missing or rejects the options, naming
     *     the plugin the model was trained with
     */
    public Block newBlock() {
        String type = description.modelType();
        try {
            ModelProvider provider = catalog.model("model.type", type);
            catalog.origin(PluginKind.MODEL, type)
                    .map(ModelDescription.Plugin::of)
                    .ifPresent(this::warnIfAnotherPlugin);
            return provider.create(description.spec());
        } catch (ConfigurationException e) {
            String trained =
                    description
                            .plugin()
                            .map(p -> " (model '" + type + "': " + p.describe() + ")")
                            .orElse("");
            throw lacking(e, trained);
        }
    }

    private void warnIfAnotherPlugin(ModelDescription.Plugin installed) {
        description
                .plugin()
                .filter(trained -> !trained.sameBuild(installed))
                .ifPresent(
                        trained ->
                                LOG.warn(
                                        "{}: the model was trained with model plugin '{}' {};"
                                                + " this installation has {}: the network or its"
                                                + " predictions may differ",
                                        descriptionFile(),
                                        description.modelType(),
                                        trained.describe(),
                                        installed.describe()));
    }

    /**
     * Returns the saved evaluation augmentation as one function on float32 (N, C, H, W) batches
     * with values in [0, 1] of the description's {@code imageShape}, giving batches of its {@code
     * inputShape}: the steps {@code classify predict} applies, in order. Intermediate arrays stay
     * attached to the batch's manager. Thread safe.
     *
     * @throws InvalidDataException when an augmenter plugin is missing or rejects its options
     */
    public UnaryOperator<NDArray> evaluation() {
        AugmentationPipeline eval = evalPipeline();
        // The evaluation pipeline is deterministic; the generator only satisfies the interface.
        return batch -> eval.apply(batch, new SplittableRandom(0));
    }

    /** The saved evaluation augmentation, as {@link #evaluation()} applies it. */
    AugmentationPipeline evalPipeline() {
        try {
            return AugmentationPipeline.createEval(catalog, description.evalSteps());
        } catch (ConfigurationException e) {
            throw lacking(e, "");
        }
    }

    private InvalidDataException lacking(ConfigurationException e, String trained) {
        return new InvalidDataException(
                descriptionFile(),
                "the model needs plugins or options this installation lacks ("
                        + e.getMessage()
                        + "); install the plugins it was trained with"
                        + trained,
                e);
    }
}
