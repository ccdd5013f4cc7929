package dev.classify.engine.model;

import static java.util.Objects.requireNonNull;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.BatchAssembler;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.EngineChoice;
import dev.classify.engine.runtime.InferenceBatch;
import dev.classify.engine.runtime.RuntimeReport;
import dev.classify.report.AtomicFiles;
import dev.classify.report.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A trained model loaded from its folder, ready to predict. Holds native memory until closed. Not
 * thread safe: use one instance per thread.
 */
public final class SavedModel implements AutoCloseable {
    static final String PARAMETERS_PREFIX = "model";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Model model;
    private final ModelDescription description;
    private final AugmentationPipeline eval;
    // What one image's forward pass holds, in bytes, measured on first use (see InferenceBatch);
    // index 1 with the mirrored pass of horizontalFlip.
    private final long[] bytesPerImage = {-1, -1};

    private SavedModel(Model model, ModelDescription description, AugmentationPipeline eval) {
        this.model = model;
        this.description = description;
        this.eval = eval;
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
                    model.save(temporary, PARAMETERS_PREFIX);
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
     * with the other (the same outputs up to float rounding).
     *
     * @param engineName the engine to predict with, or {@code null} for the one that trained it
     * @throws InvalidDataException when the folder holds no model or a broken one
     * @throws dev.classify.api.ConfigurationException when the engine is unknown or cannot load
     */
    public static SavedModel load(Path path, PluginCatalog catalog, String engineName) {
        Path folder = path;
        if (!Files.exists(folder.resolve(ModelDescription.FILE_NAME))
                && Files.exists(
                        folder.resolve(RunFiles.MODEL).resolve(ModelDescription.FILE_NAME))) {
            folder = folder.resolve(RunFiles.MODEL);
        }
        Path descriptionFile = folder.resolve(ModelDescription.FILE_NAME);
        if (!Files.isRegularFile(descriptionFile)) {
            throw new InvalidDataException(
                    path,
                    "no trained model here (no "
                            + ModelDescription.FILE_NAME
                            + "); give a run folder written by 'classify train' or its model/"
                            + " folder");
        }
        ModelDescription description = ModelDescription.read(descriptionFile);
        String engine = engineName;
        if (engine == null) {
            engine = description.engine();
            if (!EngineChoice.KNOWN.contains(engine)) {
                throw new InvalidDataException(
                        descriptionFile,
                        "the model was trained with the engine '"
                                + engine
                                + "', which this installation lacks; choose one of "
                                + EngineChoice.KNOWN
                                + " (predict --engine)");
            }
        }
        EngineChoice.load(engine);
        int[] input = description.inputShape();
        Block block;
        AugmentationPipeline eval;
        try {
            block =
                    catalog.model("model.type", description.modelType())
                            .create(
                                    new ModelSpec(
                                            input[0],
                                            input[1],
                                            input[2],
                                            description.classNames().size(),
                                            new Options("model", description.modelOptions())));
            eval = AugmentationPipeline.createEval(catalog, description.evalSteps());
        } catch (ConfigurationException e) {
            throw new InvalidDataException(
                    descriptionFile,
                    "the model needs plugins or options this installation lacks ("
                            + e.getMessage()
                            + "); install the plugins it was trained with",
                    e);
        }
        Path parameters = folder.resolve(PARAMETERS_PREFIX + "-0000.params");
        Model model = Model.newInstance("classify", engine);
        try {
            model.setBlock(block);
            Map<String, Shape> expected = expectedShapes(model, description);
            model.load(folder, PARAMETERS_PREFIX);
            checkShapes(model, expected);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidDataException(
                    parameters,
                    "cannot load the model parameters ("
                            + firstLine(reason)
                            + "); the file is missing, truncated or from another architecture;"
                            + " restore it or train again",
                    e);
        }
        return new SavedModel(model, description, eval);
    }

    /** Returns the name of the engine that loaded the model, e.g. {@code PyTorch}. */
    public String engine() {
        return model.getNDManager().getEngine().getEngineName();
    }

    /** Returns the engine, native library, device and threads line (see {@link RuntimeReport}). */
    public String runtime() {
        return RuntimeReport.describe(model.getNDManager().getEngine(), List.of(device()));
    }

    /** Returns the device the model predicts on. */
    public ai.djl.Device device() {
        return model.getNDManager().getDevice();
    }

    /** Returns the description stored with the model. */
    public ModelDescription description() {
        return description;
    }

    /**
     * Predicts the class index of every image, in order.
     *
     * @param images images of the shape the model was trained on
     * @param batchSize images per forward pass, at least 1
     * @throws InvalidDataException when the images' shape differs from the training images'
     */
    public int[] predict(ImageSet images, Path source, int batchSize) {
        float[][] probabilities = probabilities(images, source, batchSize, false);
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
        int[] indices = new int[images.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        BatchAssembler assembler = new BatchAssembler(images);
        int classes = description.classNames().size();
        float[][] result = new float[images.size()][];
        // The evaluation pipeline is deterministic; the generator only satisfies the interface.
        SplittableRandom random = new SplittableRandom(0);
        int perBatch =
                indices.length == 0 ? batchSize : batchSize(assembler, batchSize, horizontalFlip);
        for (int from = 0; from < indices.length; from += perBatch) {
            int to = Math.min(indices.length, from + perBatch);
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray batch = eval.apply(assembler.images(manager, indices, from, to), random);
                NDArray probability = forward(manager, batch).softmax(1);
                if (horizontalFlip) {
                    NDArray mirrored = forward(manager, batch.flip(3)).softmax(1);
                    probability = probability.add(mirrored).div(2f);
                }
                float[] values = probability.toFloatArray();
                for (int i = 0; i < to - from; i++) {
                    result[from + i] = Arrays.copyOfRange(values, i * classes, (i + 1) * classes);
                }
            }
        }
        return result;
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
        if (images.size() == 0) {
            throw new IllegalArgumentException("no images");
        }
        return batchSize(new BatchAssembler(images), wanted, horizontalFlip);
    }

    /**
     * {@code wanted}, or fewer images when that many would hold more memory than {@link
     * InferenceBatch} allows; measured on the first image.
     */
    private synchronized int batchSize(
            BatchAssembler assembler, int wanted, boolean horizontalFlip) {
        int kind = horizontalFlip ? 1 : 0;
        if (bytesPerImage[kind] < 0) {
            bytesPerImage[kind] =
                    InferenceBatch.measure(
                            model.getNDManager(),
                            manager -> {
                                NDArray one =
                                        eval.apply(
                                                assembler.images(manager, new int[] {0}, 0, 1),
                                                new SplittableRandom(0));
                                NDArray logits = forward(manager, one);
                                return horizontalFlip ? forward(manager, one.flip(3)) : logits;
                            });
            return InferenceBatch.capAndLog(wanted, bytesPerImage[kind]);
        }
        return InferenceBatch.cap(wanted, bytesPerImage[kind], InferenceBatch.budgetBytes());
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

    private NDArray forward(NDManager manager, NDArray batch) {
        return model.getBlock()
                .forward(new ParameterStore(manager, false), new NDList(batch), false)
                .singletonOrThrow();
    }

    /** The parameter shapes the described architecture has, from a throw-away initialisation. */
    private static Map<String, Shape> expectedShapes(Model model, ModelDescription description) {
        int[] input = description.inputShape();
        Block block = model.getBlock();
        block.initialize(
                model.getNDManager(), DataType.FLOAT32, new Shape(1, input[0], input[1], input[2]));
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            shapes.put(parameter.getKey(), parameter.getValue().getArray().getShape());
        }
        return shapes;
    }

    /**
     * DJL loads parameters by name and takes their shapes from the file, so that parameters of
     * another width would load silently into a network that is not the one described.
     */
    private static void checkShapes(Model model, Map<String, Shape> expected) {
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            Shape want = expected.get(parameter.getKey());
            Shape got = parameter.getValue().getArray().getShape();
            if (!got.equals(want)) {
                throw new IllegalStateException(
                        "parameter "
                                + parameter.getKey()
                                + " has shape "
                                + got
                                + " but the described architecture needs "
                                + want);
            }
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String format(int[] chw) {
        return chw[0] + "x" + chw[1] + "x" + chw[2];
    }

    @Override
    public void close() {
        model.close();
    }
}
