package dev.classify.cli;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.model.ModelSummary;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.train.prepare.RunPreparation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code classify summary}: the layer table, parameter count and FLOPs of an architecture. */
@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        description = {
            "Prints an architecture's layers, parameters and flops.",
            "A table of layers with output shapes and parameters, then 'parameters: N' "
                    + "(trainable) and 'flops: N' (multiply-adds x 2 for one image)."
        })
final class SummaryCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "TYPE", description = "model.type")
    String type;

    @Option(names = "--depth", paramLabel = "D", description = "ResNet depth")
    Integer depth;

    @Option(names = "--stem", paramLabel = "S", description = "ResNet stem: small or imagenet")
    String stem;

    @Option(
            names = "--input",
            paramLabel = "CxHxW",
            defaultValue = "1x28x28",
            description = "Input shape (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(
            names = "--classes",
            paramLabel = "K",
            defaultValue = "10",
            description = "Number of classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "Another model option, e.g. --set width=0.5 or model.width=0.5 (repeatable).")
    Map<String, String> extra = new LinkedHashMap<>();

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() {
        Logging.quiet();
        int[] chw = inputShape(input);
        if (classes < 2) {
            throw new UsageException("--classes must be at least 2, got " + classes);
        }
        ConfigurationLoader yaml = new ConfigurationLoader();
        Map<String, Object> options = new LinkedHashMap<>();
        // train's --set names model options model.NAME; summary takes either form.
        extra.forEach(
                (key, value) ->
                        options.put(
                                key.startsWith("model.") ? key.substring("model.".length()) : key,
                                yaml.parseValue("--set " + key, value)));
        if (depth != null) {
            options.put("depth", depth);
        }
        if (stem != null) {
            options.put("stem", stem);
        }
        PluginCatalog catalog = plugins.root().catalog();
        Block block =
                catalog.model("--model", type)
                        .create(ModelDescription.specOf(chw, classes, options));
        ModelSummary.of(block, new Shape(chw[0], chw[1], chw[2])).print(System.out);
        return 0;
    }

    /**
     * Reads {@code --input CxHxW}, also for {@code import}.
     *
     * @throws UsageException when it is not three positive sizes or larger than classify takes
     */
    static int[] inputShape(String text) {
        int[] chw = parseShape(text);
        if (chw[1] > RunPreparation.MAX_SIZE || chw[2] > RunPreparation.MAX_SIZE) {
            throw new UsageException(
                    "--input "
                            + text
                            + " is larger than "
                            + RunPreparation.MAX_SIZE
                            + "x"
                            + RunPreparation.MAX_SIZE
                            + "; give a smaller input");
        }
        return chw;
    }

    private static int[] parseShape(String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 3) {
                int[] chw = new int[3];
                for (int i = 0; i < 3; i++) {
                    chw[i] = Integer.parseInt(parts[i].trim());
                }
                if (chw[0] > 0 && chw[1] > 0 && chw[2] > 0) {
                    return chw;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(
                "--input must be CxHxW with positive sizes, e.g. 3x224x224, got " + text);
    }
}
