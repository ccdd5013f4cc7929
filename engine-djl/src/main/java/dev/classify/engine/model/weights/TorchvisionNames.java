package dev.classify.engine.model.weights;

import dev.classify.api.ConfigurationException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names classify's ResNet parameters as torchvision names them ({@code resnet}: {@code
 * torchvision.models.resnet}) and timm names its SE-ResNets ({@code se-resnet}: {@code
 * timm.models.resnet} with {@code attn_layer='se'}).
 *
 * <p>classify's parameter names are DJL's: each block's children with their two-digit positions,
 * joined by {@code _}, e.g. {@code 02stage1_01block1_01residual_02bn1_gamma} (the layout of
 * models-resnet's {@code ResNetBuilder}). Without the positions and with DJL's batch-norm names
 * replaced, that is {@code layer1.0.bn1.weight}:
 *
 * <pre>
 *   stem.conv, stem.bn                      conv1, bn1
 *   stageI.blockJ.residual.convK, .bnK      layerI.(J-1).convK, .bnK
 *   stageI.blockJ.residual.se.gate.reduce   layerI.(J-1).se.fc1     (timm: a 1x1 convolution)
 *   stageI.blockJ.residual.se.gate.expand   layerI.(J-1).se.fc2
 *   stageI.blockJ.shortcut.conv, .bn        layerI.(J-1).downsample.0, .1
 *   classifier                              fc
 *   gamma, beta, runningMean, runningVar    weight, bias, running_mean, running_var
 * </pre>
 *
 * Stateless.
 */
final class TorchvisionNames {
    /** The model types whose layout this class knows. */
    static final List<String> MODEL_TYPES = List.of("resnet", "se-resnet");

    private static final Pattern POSITION = Pattern.compile("(^|_)\\d{2}");
    private static final Pattern UNIT = Pattern.compile("^stage(\\d+)\\.block(\\d+)\\.");

    private static final List<String[]> REPLACEMENTS =
            List.of(
                    new String[] {"^stem\\.conv\\.", "conv1."},
                    new String[] {"^stem\\.bn\\.", "bn1."},
                    new String[] {"\\.residual\\.se\\.gate\\.reduce\\.", ".se.fc1."},
                    new String[] {"\\.residual\\.se\\.gate\\.expand\\.", ".se.fc2."},
                    new String[] {"\\.residual\\.", "."},
                    new String[] {"\\.shortcut\\.conv\\.", ".downsample.0."},
                    new String[] {"\\.shortcut\\.bn\\.", ".downsample.1."},
                    new String[] {"^classifier\\.", "fc."},
                    new String[] {"\\.gamma$", ".weight"},
                    new String[] {"\\.beta$", ".bias"},
                    new String[] {"\\.runningMean$", ".running_mean"},
                    new String[] {"\\.runningVar$", ".running_var"});

    private TorchvisionNames() {}

    /**
     * Checks that {@code modelType} has a torchvision or timm layout.
     *
     * @throws ConfigurationException at {@code model.type} otherwise
     */
    static void checkSupported(String modelType) {
        if (!MODEL_TYPES.contains(modelType)) {
            throw new ConfigurationException(
                    "model.type",
                    "weights import knows torchvision's resnet and timm's se-resnet layouts, not"
                            + " model '"
                            + modelType
                            + "'; choose one of "
                            + MODEL_TYPES);
        }
    }

    /**
     * Returns the torchvision (timm) name of classify's parameter {@code name}, or empty when it
     * has none.
     */
    static Optional<String> of(String name) {
        String path = POSITION.matcher(name).replaceAll("$1").replace('_', '.');
        Matcher unit = UNIT.matcher(path);
        if (unit.find()) {
            int index = Integer.parseInt(unit.group(2)) - 1;
            path = "layer" + unit.group(1) + "." + index + "." + path.substring(unit.end());
        }
        for (String[] replacement : REPLACEMENTS) {
            path = path.replaceFirst(replacement[0], replacement[1]);
        }
        return path.startsWith("conv1.")
                        || path.startsWith("bn1.")
                        || path.startsWith("layer")
                        || path.startsWith("fc.")
                ? Optional.of(path)
                : Optional.empty();
    }

    /** Whether {@code torchName} is the classifier's, {@code fc.weight} or {@code fc.bias}. */
    static boolean isHead(String torchName) {
        return torchName.startsWith("fc.");
    }

    /**
     * Whether {@code torchName} is a batch norm's update counter, which PyTorch saves and DJL does
     * not keep ({@code num_batches_tracked}).
     */
    static boolean isIgnored(String torchName) {
        return torchName.endsWith(".num_batches_tracked");
    }

    /**
     * Whether a file tensor of shape {@code found} holds classify's parameter of shape {@code
     * expected}: the same shape, or, for timm's squeeze-and-excitation layers (1x1 convolutions
     * where classify has fully connected layers), the same with two trailing 1s.
     */
    static boolean fits(String torchName, long[] expected, long[] found) {
        if (java.util.Arrays.equals(expected, found)) {
            return true;
        }
        return torchName.contains(".se.fc")
                && expected.length == 2
                && found.length == 4
                && found[0] == expected[0]
                && found[1] == expected[1]
                && found[2] == 1
                && found[3] == 1;
    }

    /** The shape the file should hold for classify's {@code expected} under {@code torchName}. */
    static long[] fileShape(String torchName, long[] expected) {
        return torchName.contains(".se.fc") && expected.length == 2
                ? new long[] {expected[0], expected[1], 1, 1}
                : expected;
    }
}
