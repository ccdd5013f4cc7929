package dev.classify.cli;

import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.model.weights.WeightsImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code classify import}: a model folder from torchvision ({@code resnet}) or timm ({@code
 * se-resnet}) weights in a {@code .safetensors} file.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a model folder from torchvision's (resnet) or timm's (se-resnet) weights.",
            "The folder is what train writes as model/: predict, evaluate and the Java API use it"
                    + " as is. The classes are the rows of fc.weight; the evaluation steps"
                    + " normalize [0, 1] pixels with ImageNet's mean and std."
        })
final class ImportCommand implements Callable<Integer> {
    private static final String EVAL_KEY = "augment.eval";

    @Option(
            names = "--weights",
            required = true,
            paramLabel = "FILE",
            description = "A .safetensors file (float32, float16 or bfloat16 tensors).")
    Path weights;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "TYPE",
            description = "resnet (torchvision's names) or se-resnet (timm's names).")
    String type;

    @Option(
            names = "--depth",
            paramLabel = "D",
            description = "18, 34, 50, 101 or 152 (default: read from the file).")
    Integer depth;

    @Option(
            names = "--stem",
            paramLabel = "S",
            description = "imagenet or small (default: read from the file).")
    String stem;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "CxHxW",
            description = "The images' shape, e.g. 3x224x224; they are not resized.")
    String input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "The model folder to write.")
    Path output;

    @Option(
            names = "--classes",
            paramLabel = "FILE",
            description = "Class names, one a line, in the classifier's order (default: 0..K-1).")
    Path classes;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "A model option (model.width=0.5) or the evaluation steps ('augment.eval=["
                            + "{type: normalize, mean: [0.5], std: [0.5]}]'); repeatable.")
    Map<String, String> extra = new LinkedHashMap<>();

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            defaultValue = PipelineConfig.DEFAULT_ENGINE,
            description = "The engine that writes the parameters (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--force", description = "Replace an existing non-empty --output folder.")
    boolean force;

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        Logging.quiet();
        int[] chw = SummaryCommand.inputShape(input);
        checkOutput();
        Map<String, Object> options = new LinkedHashMap<>();
        List<Map<String, Object>> eval = null;
        ConfigurationLoader yaml = new ConfigurationLoader();
        for (Map.Entry<String, String> entry : extra.entrySet()) {
            String key = entry.getKey();
            Object value = yaml.parseValue("--set " + key, entry.getValue());
            if (key.equals(EVAL_KEY)) {
                eval = steps(value);
            } else if (key.startsWith("model.") && key.length() > "model.".length()) {
                options.put(key.substring("model.".length()), value);
            } else {
                throw new UsageException(
                        "--set "
                                + key
                                + ": import takes model.NAME (a model option) or "
                                + EVAL_KEY);
            }
        }
        if (depth != null) {
            options.put("depth", depth);
        }
        if (stem != null) {
            options.put("stem", stem);
        }
        WeightsImport.Result result =
                plugins.root()
                        .weightsImport()
                        .write(
                                new WeightsImport.Request(
                                        weights, type, options, chw, classes, eval, engine),
                                output);
        var description = result.description();
        System.out.printf(
                "read %d tensors (%,d weights) from %s: %s%s%s, %d classes, input %s%n",
                result.tensors(),
                result.values(),
                weights,
                description.modelType(),
                options(description.modelOptions()),
                result.readOptions().isEmpty()
                        ? ""
                        : " ("
                                + String.join(", ", result.readOptions().keySet())
                                + " read from"
                                + " the file)",
                description.classNames().size(),
                input);
        System.out.println(
                "wrote "
                        + output
                        + " (predict with: classify predict --model "
                        + output
                        + " --images IMAGES --output predictions.csv)");
        return 0;
    }

    /** The options as {@code depth=50 stem=imagenet}, each after a space. */
    private static String options(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        options.forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
        return text.toString();
    }

    /** Refuses an output that is a file, or a non-empty folder without --force. */
    private void checkOutput() throws IOException {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException(output + ": is a file; give a folder name as --output");
        }
        if (Files.isDirectory(output) && !force) {
            try (Stream<Path> files = Files.list(output)) {
                if (files.findAny().isPresent()) {
                    throw new UsageException(
                            output + ": exists and is not empty; give --force to replace it");
                }
            }
        }
    }

    /** The evaluation steps of {@code --set augment.eval=[...]}. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Object value) {
        List<Map<String, Object>> steps = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object step : list) {
                if (!(step instanceof Map<?, ?> map) || !(map.get("type") instanceof String)) {
                    steps = null;
                    break;
                }
                steps.add((Map<String, Object>) map);
            }
        }
        if (steps == null || !(value instanceof List<?>)) {
            throw new UsageException(
                    "--set "
                            + EVAL_KEY
                            + ": give a list of steps, each {type: NAME, ...options}, e.g."
                            + " '[{type: normalize, mean: [0.5], std: [0.5]}]' ([] for none)");
        }
        return steps;
    }
}
