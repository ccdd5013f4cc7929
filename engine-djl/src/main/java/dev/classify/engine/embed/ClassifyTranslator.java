package dev.classify.engine.embed;

import static java.util.Objects.requireNonNull;

import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.classify.engine.Classify;
import dev.classify.engine.model.ModelDefinition;
import dev.classify.engine.model.ModelDescription;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * DJL's {@link Translator} for a classify model: turns a DJL {@link Image} into the network input
 * as {@code classify predict} does, and the network's logits into {@link Classifications} over the
 * model's class names.
 *
 * <p>Input: an image of the training images' size ({@link ModelDescription#imageShape()}),
 * converted to the model's channels as {@link ImageClassifier#classify(BufferedImage)} describes
 * (an image backed by a {@link BufferedImage}, which DJL's default image factory makes, goes
 * through exactly the same conversion; other images through DJL's {@code Image.toNDArray} with the
 * same luma formula), scaled to [0, 1], then the saved evaluation augmentation. Output: the softmax
 * probabilities of every class. Uses DJL's default stacking batchifier. Thread safe.
 *
 * <p>It makes no test-time augmentation views: one forward pass per image, as {@code classify
 * predict --tta none}. For a model trained with {@code augment.tta} (whose {@code predict} and
 * {@link ImageClassifier} average over the views) the probabilities therefore differ from theirs.
 */
public final class ClassifyTranslator implements Translator<Image, Classifications> {
    private final List<String> classNames;
    private final int channels;
    private final int height;
    private final int width;
    private final UnaryOperator<NDArray> evaluation;

    private ClassifyTranslator(ModelDescription description, UnaryOperator<NDArray> evaluation) {
        this.classNames = List.copyOf(description.classNames());
        this.channels = description.imageShape()[0];
        this.height = description.imageShape()[1];
        this.width = description.imageShape()[2];
        this.evaluation = requireNonNull(evaluation, "evaluation is null");
    }

    /**
     * Creates the translator of the model in {@code modelOrRunDirectory} (a model folder, or a run
     * folder holding one as {@code model/}) with the plugins on the class path.
     *
     * @throws dev.classify.api.InvalidDataException when there is no model, its description is
     *     broken, or an augmenter plugin it needs is missing
     */
    public static ClassifyTranslator of(Path modelOrRunDirectory) {
        return of(Classify.forClassPath().openModel(modelOrRunDirectory));
    }

    /** The translator of {@code model}, with its evaluation steps built. */
    static ClassifyTranslator of(ModelDefinition model) {
        return new ClassifyTranslator(model.description(), model.evaluation());
    }

    @Override
    public NDList processInput(TranslatorContext context, Image input) {
        if (input.getHeight() != height || input.getWidth() != width) {
            throw new IllegalArgumentException(
                    "the image has "
                            + input.getWidth()
                            + "x"
                            + input.getHeight()
                            + " pixels, but the model was trained on "
                            + width
                            + "x"
                            + height
                            + " (width x height) images; resize it to that size first");
        }
        NDManager manager = context.getNDManager();
        NDArray image;
        if (input.getWrappedImage() instanceof BufferedImage buffered) {
            float[] pixels = new float[channels * height * width];
            ImagePixels.copy(buffered, channels, pixels, 0);
            image = manager.create(pixels, new Shape(1, channels, height, width));
        } else if (channels == 1 || channels == 3) {
            Image.Flag flag = channels == 1 ? Image.Flag.GRAYSCALE : Image.Flag.COLOR;
            image =
                    input.toNDArray(manager, flag)
                            .transpose(2, 0, 1)
                            .toType(DataType.FLOAT32, false)
                            .div(255f)
                            .expandDims(0);
        } else {
            throw new IllegalArgumentException(
                    "the model takes " + channels + "-channel images, not DJL images");
        }
        return new NDList(evaluation.apply(image).squeeze(0));
    }

    @Override
    public Classifications processOutput(TranslatorContext context, NDList list) {
        float[] probabilities = list.singletonOrThrow().softmax(0).toFloatArray();
        List<Double> values = new ArrayList<>(probabilities.length);
        for (float value : probabilities) {
            values.add((double) value);
        }
        return new Classifications(classNames, values);
    }
}
