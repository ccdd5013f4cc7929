package dev.classify.engine.model;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.BatchAssembler;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.EngineChoice;
import dev.classify.engine.runtime.InferenceBatch;
import dev.classify.engine.runtime.RuntimeReport;
import dev.classify.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A trained model loaded from its folder, ready to predict. Holds native memory until closed. Not
 * thread safe: use one instance per thread.
 */
public final class SavedModel implements AutoCloseable {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Model model;
    private final ModelDescription description;
    private final BatchPrediction prediction;
    private final TestTimeAugmentation trainedViews;

    private SavedModel(
            Model model,
            ModelDescription description,
            AugmentationPipeline eval,
            TestTimeAugmentation trainedViews) {
        this.model = model;
        this.description = description;
        this.prediction = new BatchPrediction(model, eval);
        this.trainedViews = trainedViews;
    }

    /**
     * Writes {@code model}'s parameters and {@code description} into {@code folder}, replacing it
     * only once both are complete.
     */
    public static void save(Path folder, Model model, ModelDescription description)
            throws IOException {
        AtomicFiles.writeDirectory(
                folder,
                temporary -> {
                    model.save(temporary, ModelDefinition.PARAMETERS_PREFIX);
                    JSON.writeValue(
                            temporary.resolve(ModelDescription.FILE_NAME).toFile(), description);
                });
    }

    /**
     * Loads the model in {@code path} with the engine that trained it.
     *
     * @see #load(Path, PluginCatalog, String)
     */
    public static SavedModel load(Path path, PluginCatalog catalog) {
        return load(path, catalog, null);
    }

    /**
     * Loads the model in {@code path}: a model folder, or a run folder holding one as {@code
     * model/}. The parameters are in DJL's own format, so a model trained with one engine loads
     * with the other (the same outputs up to float rounding). The network is built from the
     * recorded options (see {@link ModelDefinition#newBlock()}).
     *
     * @param engineName the engine to predict with, or {@code null} for the one that trained it
     * @throws InvalidDataException when the folder holds no model or a broken one, or a plugin it
     *     needs is missing
     * @throws dev.classify.api.ConfigurationException when the engine is unknown or cannot load
     */
    public static SavedModel load(Path path, PluginCatalog catalog, String engineName) {
        ModelDefinition definition = ModelDefinition.open(path, catalog);
        TestTimeAugmentation trainedViews = definition.trainedViews();
        String engine = ParameterFile.engine(definition, engineName);
        EngineChoice.load(engine);
        Block block = definition.newBlock();
        AugmentationPipeline eval = definition.evalPipeline();
        Model model = ParameterFile.load(definition, block, engine);
        return new SavedModel(model, definition.description(), eval, trainedViews);
    }

    /** Returns the name of the engine that loaded the model, e.g. {@code PyTorch}. */
    public String engine() {
        return model.getNDManager().getEngine().getEngineName();
    }

    /** Returns the engine, native library, device and threads line (see {@link RuntimeReport}). */
    public String runtime() {
        return RuntimeReport.describe(model.getNDManager().getEngine(), List.of(device()));
    }

    private ai.djl.Device device() {
        return model.getNDManager().getDevice();
    }

    /** Returns the description stored with the model. */
    public ModelDescription description() {
        return description;
    }

    /**
     * Returns the test-time augmentation views the model was validated with ({@code augment.tta} of
     * its run), {@link TestTimeAugmentation#NONE} when it had none; {@code classify predict} uses
     * them unless told otherwise.
     */
    public TestTimeAugmentation trainedViews() {
        return trainedViews;
    }

    /**
     * Predicts the class index of every image, in order.
     *
     * @param images images of the shape the model was trained on
     * @param batchSize images per forward pass, at least 1
     * @throws InvalidDataException when the images' shape differs from the training images'
     */
    public int[] predict(ImageSet images, Path source, int batchSize) {
        return predict(images, source, batchSize, TestTimeAugmentation.NONE);
    }

    /**
     * Predicts the class index of every image, in order, from its class probabilities averaged over
     * the views of {@code augmentation}.
     *
     * @param images images of the shape the model was trained on
     * @param batchSize images per forward pass, at least 1
     * @param augmentation the test-time augmentation views; {@link TestTimeAugmentation#NONE} for
     *     the images alone
     * @throws InvalidDataException when the images' shape differs from the training images'
     */
    public int[] predict(
            ImageSet images, Path source, int batchSize, TestTimeAugmentation augmentation) {
        return mostLikely(probabilities(images, source, batchSize, augmentation));
    }

    /** Returns the most likely class of each row of {@code probabilities} (ties: lower index). */
    static int[] mostLikely(float[][] probabilities) {
        int[] predictions = new int[probabilities.length];
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] = topClasses(probabilities[i], 1)[0];
        }
        return predictions;
    }

    /**
     * Returns the softmax class probabilities of every image, in order: row i has one value in [0,
     * 1] per class, summing to 1.
     *
     * @param images images of the shape the model was trained on
     * @param batchSize images per forward pass, at least 1
     * @param horizontalFlip test-time augmentation: average the probabilities of each image and its
     *     left-right mirror (after the evaluation augmentation)
     * @throws InvalidDataException when the images' shape differs from the training images'
     */
    public float[][] probabilities(
            ImageSet images, Path source, int batchSize, boolean horizontalFlip) {
        return probabilities(
                images,
                source,
                batchSize,
                horizontalFlip ? TestTimeAugmentation.FLIP : TestTimeAugmentation.NONE);
    }

    /**
     * Returns the softmax class probabilities of every image, in order, averaged over the views of
     * {@code augmentation}: row i has one value in [0, 1] per class, summing to 1.
     *
     * @param images images of the shape the model was trained on
     * @param batchSize images per forward pass, at least 1
     * @param augmentation the test-time augmentation views (made after the evaluation
     *     augmentation); {@link TestTimeAugmentation#NONE} for the images alone
     * @throws InvalidDataException when the images' shape differs from the training images'
     */
    public float[][] probabilities(
            ImageSet images, Path source, int batchSize, TestTimeAugmentation augmentation) {
        requireNonNull(augmentation, "augmentation is null");
        requireNonNull(images, "images is null");
        int[] shape = {images.channels(), images.height(), images.width()};
        if (!Arrays.equals(shape, description.imageShape())) {
            throw new InvalidDataException(
                    source,
                    "images are "
                            + format(shape)
                            + " but the model was trained on "
                            + format(description.imageShape())
                            + " images; give images of that shape");
        }
        return prediction.probabilities(
                images, description.classNames().size(), batchSize, augmentation);
    }

    /**
     * Returns the images per forward pass that {@link #probabilities} takes for {@code images} when
     * asked for {@code wanted}: {@code wanted}, or fewer when that many would hold more than the
     * memory budget (a sixth of the machine's memory, at most 4 GiB; see {@link InferenceBatch}),
     * measured on the first image.
     *
     * @param images at least one image of the shape the model was trained on
     * @param wanted the most images per forward pass, at least 1
     * @throws IllegalArgumentException when {@code wanted} is below 1 or {@code images} is empty
     */
    public int forwardBatch(ImageSet images, int wanted, boolean horizontalFlip) {
        return forwardBatch(
                images,
                wanted,
                horizontalFlip ? TestTimeAugmentation.FLIP : TestTimeAugmentation.NONE);
    }

    /**
     * As {@link #forwardBatch(ImageSet, int, boolean)}, for the forward passes of every view of
     * {@code augmentation}.
     */
    public int forwardBatch(ImageSet images, int wanted, TestTimeAugmentation augmentation) {
        if (images.size() == 0) {
            throw new IllegalArgumentException("no images");
        }
        return prediction.batchSize(new BatchAssembler(images), wanted, augmentation);
    }

    /** Returns the indices of the {@code k} largest values, largest first (ties: lower index). */
    public static int[] topClasses(float[] probabilities, int k) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Float.compare(probabilities[y], probabilities[x]));
        int[] top = new int[Math.min(k, order.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = order[i];
        }
        return top;
    }

    static String format(int[] chw) {
        return chw[0] + "x" + chw[1] + "x" + chw[2];
    }

    @Override
    public void close() {
        model.close();
    }
}
