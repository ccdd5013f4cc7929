package dev.classify.engine.model.weights;

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
import dev.classify.api.InvalidDataException;
import dev.classify.engine.config.PluginConfig;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.EngineChoice;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code classify import}: turns torchvision or timm weights ({@link ImportedWeights}) into a
 * classify model folder, the same as a run's {@code model/} (DJL parameters and {@code
 * classify-model.json}), which {@code predict}, {@code evaluate} and the embedding API load as they
 * load a trained model. Obtain one from the composition root ({@code Classify.importWeights}).
 *
 * <p>Thread safe: holds only the plugin catalog.
 */
public final class WeightsImport {
    /**
     * The default evaluation steps: ImageNet's normalization of [0, 1] pixels, as torchvision's
     * weights expect, without resizing (the images are already of the input size).
     */
    public static final List<Map<String, Object>> IMAGENET_EVAL =
            List.of(
                    orderedMap(
                            "type", "normalize",
                            "mean", List.of(0.485, 0.456, 0.406),
                            "std", List.of(0.229, 0.224, 0.225)));

    private static final List<Integer> DEPTHS = List.of(18, 34, 50, 101, 152);

    /**
     * What to import.
     *
     * @param weights the {@code .safetensors} file
     * @param modelType {@code resnet} (torchvision names) or {@code se-resnet} (timm names)
     * @param modelOptions the model options given ({@code depth}, {@code stem}, {@code width},
     *     {@code reduction}); those left out are read from the file where it shows them
     * @param inputShape the (C, H, W) of the network's input and of the images {@code predict}
     *     gives it
     * @param classes a file of class names, one per line, or {@code null} for {@code "0"} to {@code
     *     "K-1"}
     * @param eval the evaluation steps, each {@code {type: NAME, ...options}}, or {@code null} for
     *     {@link #IMAGENET_EVAL}
     * @param engine the DJL engine that writes the parameters ({@code MXNet} or {@code PyTorch});
     *     either loads them
     */
    public record Request(
            Path weights,
            String modelType,
            Map<String, Object> modelOptions,
            int[] inputShape,
            Path classes,
            List<Map<String, Object>> eval,
            String engine) {
        /** Checks the required values and copies the options. */
        public Request {
            requireNonNull(weights, "weights is null");
            requireNonNull(modelType, "modelType is null");
            requireNonNull(inputShape, "inputShape is null");
            requireNonNull(engine, "engine is null");
            modelOptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modelOptions));
        }
    }

    /**
     * What was imported.
     *
     * @param description the model folder's description, as written
     * @param readOptions the model options read from the file (those the request left out)
     * @param tensors the number of tensors read
     * @param values the number of weights read
     */
    public record Result(
            ModelDescription description,
            Map<String, Object> readOptions,
            int tensors,
            long values) {}

    private final PluginCatalog catalog;

    /** Creates an importer building networks with {@code catalog}'s model plugins. */
    public WeightsImport(PluginCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * Reads {@code request}'s weights into the network it describes and writes the model folder
     * {@code output}, replacing it only once complete; nothing is written when anything is wrong.
     *
     * @throws ConfigurationException when the model type has no torchvision layout, an option or
     *     evaluation step is invalid, or the file does not hold the network's parameters (every
     *     missing, unexpected and misshapen tensor listed)
     * @throws InvalidDataException when the weights or class names cannot be read, or the weights
     *     are a pickle checkpoint
     * @throws dev.classify.report.FileWriteException when {@code output} cannot be written
     */
    public Result write(Request request, Path output) throws IOException {
        TorchvisionNames.checkSupported(request.modelType());
        SafetensorsFile file = SafetensorsFile.open(request.weights());
        Map<String, Object> readOptions = new LinkedHashMap<>(FileLayout.options(file));
        readOptions.keySet().removeAll(request.modelOptions().keySet());
        if (!request.modelType().equals("se-resnet")) {
            readOptions.remove("reduction");
        }
        Map<String, Object> options = new LinkedHashMap<>(readOptions);
        options.putAll(request.modelOptions());
        checkDepth(options.get("depth"));
        int classes = ImportedWeights.classCount(request.weights());
        if (classes < 2) {
            throw new InvalidDataException(
                    request.weights(),
                    "its classifier fc.weight has 1 class; classify needs at least 2");
        }
        List<String> names = ClassNamesFile.read(request.classes(), classes, request.weights());
        List<Map<String, Object>> eval = request.eval() == null ? IMAGENET_EVAL : request.eval();
        checkEval(eval, request.inputShape());
        int[] chw = request.inputShape();
        ModelDescription description =
                new ModelDescription(
                                ModelDescription.FORMAT,
                                request.engine(),
                                request.modelType(),
                                options,
                                chw,
                                chw,
                                names,
                                eval)
                        .withProvenance(catalog);
        Block block =
                catalog.model("model.type", request.modelType())
                        .create(ModelDescription.specOf(chw, classes, options));
        EngineChoice.load(request.engine());
        try (Model model = Model.newInstance("classify", request.engine())) {
            model.setBlock(block);
            block.initialize(
                    model.getNDManager(), DataType.FLOAT32, new Shape(1, chw[0], chw[1], chw[2]));
            long values = copyWeights(request, block, model.getNDManager());
            SavedModel.save(output, model, description);
            return new Result(description, readOptions, block.getParameters().size(), values);
        }
    }

    /** Sets every parameter of {@code block} to the file's weights; returns how many values. */
    private static long copyWeights(Request request, Block block, NDManager manager) {
        long values = 0;
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> weights =
                    ImportedWeights.read(request.weights(), block, request.modelType(), scratch);
            for (Pair<String, Parameter> parameter : block.getParameters()) {
                float[] weight = weights.get(parameter.getKey()).toFloatArray();
                parameter.getValue().getArray().set(FloatBuffer.wrap(weight));
                values += weight.length;
            }
        }
        return values;
    }

    private static void checkDepth(Object depth) {
        if (depth != null && !DEPTHS.contains(depth)) {
            throw new ConfigurationException(
                    "model.depth",
                    "torchvision's ResNets have depth "
                            + DEPTHS
                            + ", not "
                            + depth
                            + "; give one of them");
        }
    }

    /** The steps must be valid and keep the input's shape: predict gives images of that shape. */
    private void checkEval(List<Map<String, Object>> eval, int[] chw) {
        List<PluginConfig> steps = new ArrayList<>();
        for (Map<String, Object> step : eval) {
            Map<String, Object> options = new LinkedHashMap<>(step);
            steps.add(new PluginConfig(String.valueOf(options.remove("type")), options));
        }
        int[] made = AugmentationPipeline.createEval(catalog, steps).outputShape(chw);
        if (!Arrays.equals(made, chw)) {
            throw new ConfigurationException(
                    "augment.eval",
                    "makes "
                            + shape(made)
                            + " of "
                            + shape(chw)
                            + " images, but the imported network takes the images predict gives"
                            + " it at the input size "
                            + shape(chw)
                            + "; give steps that keep the shape, or another --input");
        }
    }

    private static String shape(int[] chw) {
        return chw[0] + "x" + chw[1] + "x" + chw[2];
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
