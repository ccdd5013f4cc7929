package dev.classify.engine.embed;

import static java.util.Objects.requireNonNull;

import dev.classify.api.InvalidDataException;
import dev.classify.engine.Classify;
import dev.classify.engine.model.ModelEnsemble;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.model.TestTimeAugmentation;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained classify model, ready to classify images in a Java application: the facade over a model
 * folder written by {@code classify train} (or {@link TrainingRun}).
 *
 * <pre>{@code
 * try (ImageClassifier classifier = ImageClassifier.load(Path.of("runs/quickstart"))) {
 *     Prediction best = classifier.classify(ImageIO.read(new File("shirt.png")));
 *     System.out.println(best.className() + " " + best.probability());
 * }
 * }</pre>
 *
 * <p>Every method gives the same class probabilities as {@code classify predict} on the same
 * pixels: it runs the same code ({@link SavedModel#probabilities}), with the saved evaluation
 * augmentation (resize, crop, to-rgb, normalize... as trained) applied to the images, in batches of
 * {@value #BATCH_SIZE} like {@code predict}'s default {@code --batch-size}, and averages over the
 * test-time augmentation views the model was trained with ({@code augment.tta} of its run, e.g. the
 * mirror image; {@link #testTimeViews()}) as {@code predict} does unless given {@code --tta}.
 *
 * <p>An ensemble ({@link #loadEnsemble}) classifies as {@code classify predict} with {@code
 * --model} given once per model: each image's class probabilities are the mean of the models', each
 * model averaged over its own test-time views.
 *
 * <p>Images must have the shape of the training images before augmentation ({@link #channels()} x
 * {@link #height()} x {@link #width()}, e.g. 1x28x28 for Fashion-MNIST): the model's own {@code
 * resize} steps, if any, apply after that. Pixel values are as the training data stored them,
 * scaled to [0, 1] (8-bit pixels divided by 255).
 *
 * <p>Thread safety: an instance is safe to share between threads. MXNet must not be called from
 * several threads at once, so each instance owns one worker thread that loads the model and runs
 * every classification; callers wait for their turn, and each call is classified as a whole in
 * order of arrival. The engine itself spreads a batch over the CPU cores, so a batch variant
 * ({@link #classifyAll}) is the fast way to classify many images; for several models in parallel,
 * load several instances. Holds native memory until {@link #close closed}.
 */
public final class ImageClassifier implements AutoCloseable {
    /** Images per forward pass: {@code classify predict}'s default {@code --batch-size}. */
    public static final int BATCH_SIZE = 256;

    private final InferenceWorker worker;
    private final ModelEnsemble models;
    private final List<TestTimeAugmentation> views;
    private final Path folder;
    private final List<String> classNames;
    private final ImageInput input;
    private volatile boolean closed;

    private ImageClassifier(InferenceWorker worker, ModelEnsemble models, Path folder) {
        this.worker = worker;
        this.models = models;
        this.views = models.trainedViews();
        this.folder = folder;
        this.classNames = List.copyOf(models.description().classNames());
        this.input = new ImageInput(models.description().imageShape());
    }

    /**
     * Loads the model in {@code modelOrRunDirectory} (a model folder, or a run folder holding one
     * as {@code model/}) with the plugins on the class path.
     *
     * @throws InvalidDataException when the folder holds no model or a broken one, or the model
     *     needs a plugin that is not on the class path
     */
    public static ImageClassifier load(Path modelOrRunDirectory) {
        return load(modelOrRunDirectory, null);
    }

    /**
     * Loads the model in {@code modelOrRunDirectory} with the plugins on the class path and the
     * plugin jars in {@code pluginDirectory}, as {@code --plugins} does.
     *
     * @param pluginDirectory a folder of plugin jars; {@code null} or a missing folder for none
     * @throws InvalidDataException when the folder holds no model or a broken one, or the model
     *     needs a plugin that is not installed
     * @throws dev.classify.api.ConfigurationException when two plugins share a name
     */
    public static ImageClassifier load(Path modelOrRunDirectory, Path pluginDirectory) {
        requireNonNull(modelOrRunDirectory, "modelOrRunDirectory is null");
        return loadEnsemble(List.of(modelOrRunDirectory), pluginDirectory);
    }

    /**
     * Loads several models (model or run folders) as one ensemble, with the plugins on the class
     * path and the plugin jars in {@code pluginDirectory}, as {@code classify predict} does with
     * {@code --model} given once per folder: each image's class probabilities are the mean of the
     * models', each model averaged over its own test-time views. The models may differ in
     * architecture and engine but must know the same classes in the same order and take images of
     * the same shape. Each model adds its forward passes to every classification. One folder gives
     * the same classifier as {@link #load(Path, Path)}.
     *
     * @param pluginDirectory a folder of plugin jars; {@code null} or a missing folder for none
     * @throws IllegalArgumentException when {@code modelOrRunDirectories} is empty
     * @throws InvalidDataException when a folder holds no model or a broken one, a model needs a
     *     plugin that is not installed, or a model's classes or image shape differ from the first
     *     model's (naming that model's folder)
     * @throws dev.classify.api.ConfigurationException when two plugins share a name
     */
    public static ImageClassifier loadEnsemble(
            List<Path> modelOrRunDirectories, Path pluginDirectory) {
        List<Path> folders = List.copyOf(modelOrRunDirectories);
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model folder");
        }
        Classify root = Classify.forPlugins(pluginDirectory);
        InferenceWorker worker = new InferenceWorker();
        try {
            ModelEnsemble models = worker.call(() -> root.loadEnsemble(folders, null));
            return new ImageClassifier(worker, models, folders.get(0));
        } catch (RuntimeException | Error e) {
            worker.shutdown();
            throw e;
        }
    }

    /** The number of models whose class probabilities are averaged: 1 unless an ensemble. */
    public int modelCount() {
        return views.size();
    }

    /**
     * The test-time augmentation views every classification averages over: those the model was
     * trained with ({@code augment.tta} of its run, in its {@code classify-model.json}), e.g.
     * {@code [flip]}; empty for the image alone. Each view is one more forward pass per image. For
     * an ensemble, the first model's views (each model uses its own).
     */
    public List<String> testTimeViews() {
        return List.copyOf(models.description().tta());
    }

    /** The class names, indexed by class. */
    public List<String> classNames() {
        return classNames;
    }

    /** The channels C of the images the model takes: 1 (grayscale) or 3 (RGB) for most models. */
    public int channels() {
        return input.channels();
    }

    /** The height H in pixels of the images the model takes. */
    public int height() {
        return input.height();
    }

    /** The width W in pixels of the images the model takes. */
    public int width() {
        return input.width();
    }

    /**
     * Classifies one image: its most likely class.
     *
     * <p>Conversion to the model's channels: an RGB image for a grayscale model becomes ITU-R
     * BT.601 luma, {@code round(0.299 R + 0.587 G + 0.114 B) / 255} (as DJL and Pillow compute it);
     * a grayscale image for an RGB model is repeated into the three channels; gray images (8 or 16
     * bits) are read as stored, without a gamma conversion; alpha is ignored.
     *
     * @param image an image of {@link #width()} x {@link #height()} pixels
     * @throws IllegalArgumentException when the image has another size
     */
    public Prediction classify(BufferedImage image) {
        return topK(image, 1).get(0);
    }

    /**
     * Classifies one image given as pixel values: its most likely class.
     *
     * @param pixels C x H x W float32 values, channel-major (CHW: all of channel 0 row by row, then
     *     channel 1...), C = {@link #channels()}; for a grayscale model simply H x W values row by
     *     row. Values in [0, 1] as the training data had them (8-bit pixels divided by 255); not
     *     changed by this method
     * @param height H, equal to {@link #height()}
     * @param width W, equal to {@link #width()}
     * @throws IllegalArgumentException when the size or the length does not match the model
     */
    public Prediction classify(float[] pixels, int height, int width) {
        return topK(pixels, height, width, 1).get(0);
    }

    /**
     * Returns the {@code k} most likely classes of one image, most likely first (ties: lower
     * index), as {@link #classify(BufferedImage)} converts it.
     *
     * @param k 1 to the number of classes
     * @throws IllegalArgumentException when the image has another size or {@code k} is out of range
     */
    public List<Prediction> topK(BufferedImage image, int k) {
        return top(run(List.of(input.pixels(image, 0))).get(0), k);
    }

    /**
     * Returns the {@code k} most likely classes of one image given as pixel values, laid out as for
     * {@link #classify(float[], int, int)}, most likely first (ties: lower index).
     *
     * @param k 1 to the number of classes
     * @throws IllegalArgumentException when the size or the length does not match the model or
     *     {@code k} is out of range
     */
    public List<Prediction> topK(float[] pixels, int height, int width, int k) {
        return top(run(List.of(input.checked(pixels, height, width, 0))).get(0), k);
    }

    /**
     * Classifies several images, in order, in batches of {@value #BATCH_SIZE}: the most likely
     * class of each. Converts each image as {@link #classify(BufferedImage)} does.
     *
     * @throws IllegalArgumentException when an image has another size (naming its index)
     */
    public List<Prediction> classifyAll(List<BufferedImage> images) {
        List<float[]> all = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            all.add(input.pixels(images.get(i), i));
        }
        return best(run(all));
    }

    /**
     * Classifies several images given as pixel values (each laid out as for {@link
     * #classify(float[], int, int)}), in order, in batches of {@value #BATCH_SIZE}: the most likely
     * class of each.
     *
     * @throws IllegalArgumentException when a size or length does not match the model (naming the
     *     image's index)
     */
    public List<Prediction> classifyAll(List<float[]> pixels, int height, int width) {
        List<float[]> all = new ArrayList<>(pixels.size());
        for (int i = 0; i < pixels.size(); i++) {
            all.add(input.checked(pixels.get(i), height, width, i));
        }
        return best(run(all));
    }

    /**
     * Returns the softmax probabilities of every class for every image, in order: row i holds one
     * value in [0, 1] per class (indexed as {@link #classNames()}), summing to 1. Converts each
     * image as {@link #classify(BufferedImage)} does.
     *
     * @throws IllegalArgumentException when an image has another size (naming its index)
     */
    public float[][] probabilities(List<BufferedImage> images) {
        List<float[]> all = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            all.add(input.pixels(images.get(i), i));
        }
        return run(all).toArray(float[][]::new);
    }

    /**
     * Returns the softmax probabilities of every class for every image given as pixel values (each
     * laid out as for {@link #classify(float[], int, int)}), in order: row i holds one value in [0,
     * 1] per class (indexed as {@link #classNames()}), summing to 1; in batches of {@value
     * #BATCH_SIZE}.
     *
     * @throws IllegalArgumentException when a size or length does not match the model (naming the
     *     image's index)
     */
    public float[][] probabilities(List<float[]> pixels, int height, int width) {
        List<float[]> all = new ArrayList<>(pixels.size());
        for (int i = 0; i < pixels.size(); i++) {
            all.add(input.checked(pixels.get(i), height, width, i));
        }
        return run(all).toArray(float[][]::new);
    }

    /**
     * Frees the models' native memory and stops the worker thread, once every call already waiting
     * has finished; later calls fail with {@link IllegalStateException}. Close it when no thread
     * uses the classifier any more.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            worker.call(
                    () -> {
                        models.close();
                        return null;
                    });
        } finally {
            worker.shutdown();
        }
    }

    /** Runs the models on the worker thread, {@value #BATCH_SIZE} images at a time. */
    private List<float[]> run(List<float[]> images) {
        if (closed) {
            throw new IllegalStateException("the classifier is closed");
        }
        List<float[]> result = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += BATCH_SIZE) {
            PixelImages batch =
                    input.asImageSet(
                            images.subList(from, Math.min(images.size(), from + BATCH_SIZE)));
            float[][] probabilities =
                    worker.call(() -> models.probabilities(batch, folder, BATCH_SIZE, views));
            result.addAll(List.of(probabilities));
        }
        return result;
    }

    private List<Prediction> best(List<float[]> probabilities) {
        List<Prediction> best = new ArrayList<>(probabilities.size());
        for (float[] row : probabilities) {
            best.add(top(row, 1).get(0));
        }
        return best;
    }

    private List<Prediction> top(float[] probabilities, int k) {
        if (k < 1 || k > classNames.size()) {
            throw new IllegalArgumentException(
                    "k must be in 1.." + classNames.size() + ", got " + k);
        }
        List<Prediction> top = new ArrayList<>(k);
        for (int index : SavedModel.topClasses(probabilities, k)) {
            top.add(new Prediction(classNames.get(index), index, probabilities[index]));
        }
        return top;
    }
}
