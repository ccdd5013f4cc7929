package dev.classify.engine.train.prepare;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.initializer.Initializer;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelSpec;
import dev.classify.engine.config.ModelConfig;
import dev.classify.engine.config.OptimizerConfig;
import dev.classify.engine.runtime.MemoryBudget;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a network's parameters against what the engine and the machine can hold, before any is
 * allocated: no parameter tensor over the engine's limit ({@link MemoryBudget#tensorElements}), and
 * the parameters with their gradients and optimizer state within {@link
 * MemoryBudget#trainingStateBytes()}. Values such as {@code model.hidden: 2000000000} otherwise end
 * in an engine error, or in running out of memory after gigabytes.
 *
 * <p>The shapes come from DJL's own initialisation with an initializer that records each
 * parameter's shape and returns a one-element array instead of allocating it; the walk stops at the
 * first parameter over a limit. DJL still infers the output shape of a lambda block (pooling,
 * flatten, activations) by running it on one image of zeros, so the walk costs at most one image's
 * activations up to that parameter. Every parameter counts as trained (batch norm's running
 * statistics are few). Thread safe.
 */
final class ParameterSize {
    private static final long FLOAT_BYTES = 4;
    private static final double GIB = 1L << 30;

    private ParameterSize() {}

    /**
     * Walks the parameters of {@code block}, a new uninitialised block built for {@code spec}, on
     * {@code engine}; the block must not be used afterwards.
     *
     * @throws ConfigurationException naming the option that makes a parameter too large ({@code
     *     model.hidden}, {@code model.numClasses}, or {@code model} when no option matches)
     */
    static void check(
            Block block,
            ModelSpec spec,
            ModelConfig model,
            OptimizerConfig optimizer,
            String engine) {
        check(
                block,
                spec,
                model,
                optimizer,
                engine,
                MemoryBudget.tensorElements(engine),
                MemoryBudget.trainingStateBytes(),
                MemoryBudget.trainingStateRule());
    }

    /**
     * As above, with the limits given: at most {@code tensorElements} elements in one tensor, and
     * {@code budgetBytes} for the parameters, their gradients and optimizer state, chosen as {@code
     * rule} says (for the message).
     */
    static void check(
            Block block,
            ModelSpec spec,
            ModelConfig model,
            OptimizerConfig optimizer,
            String engine,
            long tensorElements,
            long budgetBytes,
            String rule) {
        long bytesPerParameter = FLOAT_BYTES * copies(optimizer);
        Recorder recorder = new Recorder(tensorElements, budgetBytes / bytesPerParameter);
        Shape input = new Shape(1, spec.inputChannels(), spec.inputHeight(), spec.inputWidth());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), engine)) {
            block.setInitializer(recorder, parameter -> true);
            block.initialize(manager, DataType.FLOAT32, input);
            return;
        } catch (Exceeded e) {
            // reported below
        } catch (RuntimeException e) {
            // Not a size problem: the forward check that follows runs into it and names the plugin.
            return;
        }
        if (recorder.largestElements > tensorElements) {
            String key = keyOf(recorder.largest, model);
            throw new ConfigurationException(
                    key,
                    String.format(
                            Locale.ROOT,
                            "makes a parameter of shape %s, %d elements, but %s holds at most %d"
                                    + " elements in one tensor; %s",
                            recorder.largest,
                            recorder.largestElements,
                            engine,
                            tensorElements,
                            fix(key)));
        }
        String key =
                recorder.largestElements * 2 >= recorder.parameters
                        ? keyOf(recorder.largest, model)
                        : "model";
        throw new ConfigurationException(
                key,
                String.format(
                        Locale.ROOT,
                        "makes a network of at least %d parameters, but training's memory budget"
                                + " of %.1f GiB (%s) holds %d: each parameter takes %d bytes with"
                                + " its gradient and %s's state; %s",
                        recorder.parameters,
                        budgetBytes / GIB,
                        rule,
                        budgetBytes / bytesPerParameter,
                        bytesPerParameter,
                        optimizer.type(),
                        fix(key)));
    }

    /** Copies of each parameter training holds: values, gradient and the optimizer's state. */
    static int copies(OptimizerConfig optimizer) {
        int state =
                switch (optimizer.type()) {
                    case "sgd" -> optimizer.momentum() != null && optimizer.momentum() > 0 ? 1 : 0;
                    default -> 2;
                };
        return 2 + state;
    }

    /**
     * The option that makes {@code shape} this large: the configured {@code model.numClasses} or
     * the first option whose value (or a value in whose list) is one of the shape's sizes, largest
     * size first; {@code model} when none is.
     */
    static String keyOf(Shape shape, ModelConfig model) {
        long[] sizes = shape.getShape().clone();
        Arrays.sort(sizes);
        for (int i = sizes.length - 1; i >= 0 && sizes[i] > 1; i--) {
            if (model.numClasses() != null && sizes[i] == model.numClasses()) {
                return "model.numClasses";
            }
            for (Map.Entry<String, Object> option : model.options().entrySet()) {
                if (holds(option.getValue(), sizes[i])) {
                    return "model." + option.getKey();
                }
            }
        }
        return "model";
    }

    private static boolean holds(Object value, long size) {
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(item -> holds(item, size));
        }
        return (value instanceof Integer || value instanceof Long)
                && ((Number) value).longValue() == size;
    }

    private static String fix(String key) {
        return key.equals("model") ? "choose smaller model options" : "lower " + key;
    }

    /** Product of {@code shape}'s sizes, {@link Long#MAX_VALUE} when it overflows. */
    private static long elements(Shape shape) {
        long product = 1;
        for (long size : shape.getShape()) {
            if (size != 0 && product > Long.MAX_VALUE / size) {
                return Long.MAX_VALUE;
            }
            product *= size;
        }
        return product;
    }

    /**
     * Records the parameters' shapes and gives each a one-element array; throws {@link Exceeded} at
     * the first over a limit.
     */
    private static final class Recorder implements Initializer {
        private final long tensorElements;
        private final long maxParameters;
        long parameters;
        long largestElements;
        Shape largest = new Shape();

        Recorder(long tensorElements, long maxParameters) {
            this.tensorElements = tensorElements;
            this.maxParameters = maxParameters;
        }

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            long size = elements(shape);
            parameters = size > Long.MAX_VALUE - parameters ? Long.MAX_VALUE : parameters + size;
            if (size > largestElements) {
                largestElements = size;
                largest = shape;
            }
            if (size > tensorElements || parameters > maxParameters) {
                throw new Exceeded();
            }
            return manager.zeros(new Shape(1), dataType);
        }
    }

    /** Ends the walk at a parameter over a limit. */
    private static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded() {
            super("over a limit", null, false, false);
        }
    }
}
