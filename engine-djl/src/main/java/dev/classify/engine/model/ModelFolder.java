package dev.classify.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.report.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A saved model folder as the embedding API ({@code dev.classify.engine.embed}) sees it: where it
 * is, what it describes, and the pieces that plain DJL needs to load it (the block and the
 * evaluation preprocessing). A model loads with the engine it was trained with, recorded in its
 * description.
 */
public final class ModelFolder {
    /** The prefix of the parameter file, {@code model-0000.params}: DJL's model name. */
    public static final String PARAMETERS_PREFIX = SavedModel.PARAMETERS_PREFIX;

    private ModelFolder() {}

    /**
     * Returns the model folder of {@code path}: {@code path} itself when it holds {@code
     * classify-model.json}, else its {@code model/} folder (a run folder).
     *
     * @throws InvalidDataException when neither holds a model description
     */
    public static Path resolve(Path path) {
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

    /**
     * Reads and checks the description of the model in {@code path} (a model or run folder).
     *
     * @throws InvalidDataException when there is no model, or its description is broken
     */
    public static ModelDescription describe(Path path) {
        return ModelDescription.read(resolve(path).resolve(ModelDescription.FILE_NAME));
    }

    /**
     * Loads the model in {@code path} as {@code classify predict} does.
     *
     * @throws InvalidDataException when the folder holds no model or a broken one
     */
    public static SavedModel load(Path path, PluginCatalog catalog) {
        return SavedModel.load(path, catalog);
    }

    /**
     * Builds the described network, uninitialised, taking (N, C, H, W) float32 input of the
     * description's {@code inputShape} and returning (N, K) logits for K classes.
     *
     * @param source the description's file or folder, named in errors
     * @throws InvalidDataException when the model plugin is missing or rejects the options
     */
    public static Block newBlock(ModelDescription description, PluginCatalog catalog, Path source) {
        int[] input = description.inputShape();
        try {
            return catalog.model("model.type", description.modelType())
                    .create(
                            new ModelSpec(
                                    input[0],
                                    input[1],
                                    input[2],
                                    description.classNames().size(),
                                    new Options("model", description.modelOptions())));
        } catch (ConfigurationException e) {
            throw missingPlugins(source, e);
        }
    }

    /**
     * Returns the saved evaluation augmentation as one function on float32 (N, C, H, W) batches
     * with values in [0, 1] of the description's {@code imageShape}, giving batches of its {@code
     * inputShape}: the steps {@code classify predict} applies, in order. Intermediate arrays stay
     * attached to the batch's manager. Thread safe.
     *
     * @param source the description's file or folder, named in errors
     * @throws InvalidDataException when an augmenter plugin is missing or rejects its options
     */
    public static UnaryOperator<NDArray> evaluation(
            ModelDescription description, PluginCatalog catalog, Path source) {
        AugmentationPipeline eval;
        try {
            eval = AugmentationPipeline.create(catalog, "augment.eval", description.evalSteps());
        } catch (ConfigurationException e) {
            throw missingPlugins(source, e);
        }
        // The evaluation pipeline is deterministic; the generator only satisfies the interface,
        // seeded as SavedModel seeds it.
        return batch -> eval.apply(batch, new SplittableRandom(0));
    }

    private static InvalidDataException missingPlugins(Path source, ConfigurationException e) {
        return new InvalidDataException(
                source,
                "the model needs plugins or options this installation lacks ("
                        + e.getMessage()
                        + "); install the plugins it was trained with",
                e);
    }
}
