package dev.classify.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.classify.engine.config.PipelineConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A layer table of a network for one input: each leaf block with its output shape, trainable
 * parameters and multiply-adds, and the totals. Parameters count what is trained (DJL also
 * registers batch norm's running mean and variance as parameters; PyTorch counts them as buffers,
 * and so does this summary). Multiply-adds count convolutions and fully connected layers, which is
 * where practically all the arithmetic of these networks is.
 *
 * <p>Layers of a frozen top-level layer ({@code train.freeze}) are marked; their parameters count
 * in {@link #parameters} but not in {@link #trainable}.
 *
 * @param layers the leaf blocks in forward order
 * @param parameters the trainable parameters of the whole network, frozen layers included
 * @param multiplyAdds multiply-adds of one forward pass of one image
 */
public record ModelSummary(List<Layer> layers, long parameters, long multiplyAdds) {

    /**
     * One leaf block.
     *
     * @param name its path of block names, e.g. {@code stage1/block1/residual/conv1}
     * @param type its DJL class, e.g. {@code Conv2d}
     * @param output its output shape for one image
     * @param parameters its trainable parameters
     * @param multiplyAdds its multiply-adds for one image
     * @param frozen whether it belongs to a frozen top-level layer
     */
    public record Layer(
            String name,
            String type,
            Shape output,
            long parameters,
            long multiplyAdds,
            boolean frozen) {

        /** A layer that is not frozen. */
        public Layer(String name, String type, Shape output, long parameters, long multiplyAdds) {
            this(name, type, output, parameters, multiplyAdds, false);
        }
    }

    /** The parameters the optimizer trains: {@link #parameters} without the frozen layers'. */
    public long trainable() {
        return layers.stream().filter(layer -> !layer.frozen()).mapToLong(Layer::parameters).sum();
    }

    private boolean anyFrozen() {
        return layers.stream().anyMatch(Layer::frozen);
    }

    /** FLOPs as usually quoted: two per multiply-add. */
    public long flops() {
        return 2 * multiplyAdds;
    }

    /**
     * Initialises {@code block} for one image of shape {@code chw} and walks it.
     *
     * @param block an uninitialised block taking (1, C, H, W)
     */
    public static ModelSummary of(Block block, Shape chw) {
        return of(block, chw, Set.of());
    }

    /**
     * Initialises {@code block} for one image of shape {@code chw} and walks it, marking the layers
     * of the top-level layers {@code frozen} (their DJL child names, see {@link TopLevelLayers}).
     *
     * @param block an uninitialised block taking (1, C, H, W)
     */
    public static ModelSummary of(Block block, Shape chw, Set<String> frozen) {
        // Shapes and counts do not depend on the engine; name one, as DJL's default is whichever
        // engine ranks first on the class path.
        try (NDManager manager =
                NDManager.newBaseManager(Device.cpu(), PipelineConfig.DEFAULT_ENGINE)) {
            Shape input = new Shape(1, chw.get(0), chw.get(1), chw.get(2));
            block.initialize(manager, DataType.FLOAT32, input);
            List<Layer> layers = new ArrayList<>();
            for (Pair<String, Block> child : block.getChildren()) {
                List<Layer> childLayers = new ArrayList<>();
                walk(child.getValue(), join("", child.getKey()), childLayers);
                boolean isFrozen = frozen.contains(child.getKey());
                childLayers.forEach(layer -> layers.add(isFrozen ? frozen(layer) : layer));
            }
            if (block.getChildren().isEmpty()) {
                walk(block, "", layers);
            }
            long parameters = layers.stream().mapToLong(Layer::parameters).sum();
            long multiplyAdds = layers.stream().mapToLong(Layer::multiplyAdds).sum();
            return new ModelSummary(List.copyOf(layers), parameters, multiplyAdds);
        }
    }

    private static Layer frozen(Layer layer) {
        return new Layer(
                layer.name(),
                layer.type(),
                layer.output(),
                layer.parameters(),
                layer.multiplyAdds(),
                true);
    }

    private static void walk(Block block, String path, List<Layer> layers) {
        if (!block.getChildren().isEmpty()) {
            for (Pair<String, Block> child : block.getChildren()) {
                walk(child.getValue(), join(path, child.getKey()), layers);
            }
            return;
        }
        Shape[] inputs = block.getInputShapes();
        Shape output = block.getOutputShapes(inputs)[0];
        long parameters = 0;
        for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
            if (parameter.getValue().requiresGradient()) {
                parameters += parameter.getValue().getArray().size();
            }
        }
        layers.add(
                new Layer(
                        path,
                        block.getClass().getSimpleName(),
                        output,
                        parameters,
                        multiplyAdds(block, inputs[0], output)));
    }

    private static long multiplyAdds(Block block, Shape input, Shape output) {
        if (block instanceof Convolution convolution) {
            long perOutput =
                    input.get(1) / convolution.getGroups() * convolution.getKernelShape().size();
            return output.size() / output.get(0) * perOutput;
        }
        if (block instanceof Linear) {
            return input.size() / input.get(0) * (output.size() / output.get(0));
        }
        return 0;
    }

    /** DJL prefixes child names with their position ("02stage1"); the table drops it. */
    private static String join(String path, String name) {
        String plain = name.replaceFirst("^[0-9]+", "");
        return path.isEmpty() ? plain : path + "/" + plain;
    }

    /**
     * Prints the table, then {@code parameters: N} and {@code flops: N}. With frozen layers, the
     * table ends in a column {@code frozen} and the count reads {@code parameters: N (trainable
     * M)}.
     */
    public void print(PrintStream out) {
        int width = Math.max(5, layers.stream().mapToInt(l -> l.name().length()).max().orElse(5));
        boolean marked = anyFrozen();
        String format = "%-" + width + "s  %-22s  %-18s  %,12d" + (marked ? "  %s" : "%s") + "%n";
        out.printf(
                Locale.ROOT,
                "%-" + width + "s  %-22s  %-18s  %12s" + (marked ? "  %s" : "%s") + "%n",
                "layer",
                "type",
                "output",
                "parameters",
                marked ? "frozen" : "");
        for (Layer layer : layers) {
            String row =
                    String.format(
                            Locale.ROOT,
                            format,
                            layer.name(),
                            layer.type(),
                            layer.output().slice(1).toString(),
                            layer.parameters(),
                            layer.frozen() ? "frozen" : "");
            // The frozen column's blank leaves no trailing spaces.
            out.print(
                    marked && !layer.frozen() ? row.stripTrailing() + System.lineSeparator() : row);
        }
        out.println(
                "parameters: " + parameters + (marked ? " (trainable " + trainable() + ")" : ""));
        out.println("flops: " + flops());
    }
}
