package dev.classify.engine;

import static java.util.Objects.requireNonNull;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.api.config.PluginConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private SavedModel(Model model, ModelDescription description, AugmentationPipeline eval) {
        this.model = model;
        this.description = description;
        this.eval = eval;
    }

    /**
     * Writes {@code model}'s parameters and {@code description} into {@code folder}, replacing it
     * only once both are complete.
     */
    static void save(Path folder, Model model, ModelDescription description) throws IOException {
        AtomicFiles.writeDirectory(
                folder,
                temporary -> {
                    model.save(temporary, PARAMETERS_PREFIX);
                    JSON.writeValue(
                            temporary.resolve(ModelDescription.FILE_NAME).toFile(), description);
                });
    }

    /**
     * Loads the model in {@code path}: a model folder, or a run folder holding one as {@code
     * model/}.
     *
     * @throws InvalidDataException when the folder holds no model or a broken one
     */
    public static SavedModel load(Path path, PluginCatalog catalog, String engineName) {
        Path folder = path;
        if (!Files.exists(folder.resolve(ModelDescription.FILE_NAME))
                && Files.exists(folder.resolve("model").resolve(ModelDescription.FILE_NAME))) {
            folder = folder.resolve("model");
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
        ModelDescription description;
        try {
            description = JSON.readValue(descriptionFile.toFile(), ModelDescription.class);
        } catch (IOException e) {
            throw new InvalidDataException(
                    descriptionFile,
                    "unreadable model description ("
                            + e.getClass().getSimpleName()
                            + "); restore the file from the run folder or train again",
                    e);
        }
        if (description.modelType() == null
                || description.imageShape() == null
                || description.imageShape().length != 3
                || description.inputShape() == null
                || description.inputShape().length != 3
                || description.classNames() == null
                || description.eval() == null) {
            throw new InvalidDataException(
                    descriptionFile,
                    "incomplete model description (needs modelType, imageShape, inputShape,"
                            + " classNames, eval); restore the file or train again");
        }
        int[] input = description.inputShape();
        Block block =
                catalog.model("model.type", description.modelType())
                        .create(
                                new ModelSpec(
                                        input[0],
                                        input[1],
                                        input[2],
                                        description.classNames().size(),
                                        new Options(
                                                "model",
                                                description.modelOptions() == null
                                                        ? Map.of()
                                                        : description.modelOptions())));
        List<PluginConfig> steps = new ArrayList<>();
        for (Map<String, Object> step : description.eval()) {
            Map<String, Object> options = new LinkedHashMap<>(step);
            String type = String.valueOf(options.remove("type"));
            steps.add(new PluginConfig(type, options));
        }
        AugmentationPipeline eval = AugmentationPipeline.create(catalog, "augment.eval", steps);
        Model model = Model.newInstance("classify", engineName);
        try {
            model.setBlock(block);
            model.load(folder, PARAMETERS_PREFIX);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InvalidDataException(
                    folder.resolve(PARAMETERS_PREFIX + "-0000.params"),
                    "cannot load the model parameters ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + "); the file is missing, truncated or from another architecture;"
                            + " restore it or train again",
                    e);
        }
        return new SavedModel(model, description, eval);
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
        int[] predictions = new int[images.size()];
        // The evaluation pipeline is deterministic; the generator only satisfies the interface.
        SplittableRandom random = new SplittableRandom(0);
        for (int from = 0; from < indices.length; from += batchSize) {
            int to = Math.min(indices.length, from + batchSize);
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray batch = eval.apply(assembler.images(manager, indices, from, to), random);
                NDArray logits = forward(manager, batch);
                long[] classes =
                        logits.argMax(1)
                                .toType(ai.djl.ndarray.types.DataType.INT64, false)
                                .toLongArray();
                for (int i = 0; i < classes.length; i++) {
                    predictions[from + i] = (int) classes[i];
                }
            }
        }
        return predictions;
    }

    private NDArray forward(NDManager manager, NDArray batch) {
        return model.getBlock()
                .forward(new ParameterStore(manager, false), new NDList(batch), false)
                .singletonOrThrow();
    }

    private static String format(int[] chw) {
        return chw[0] + "x" + chw[1] + "x" + chw[2];
    }

    @Override
    public void close() {
        model.close();
    }
}
