package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.engine.config.EmaConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * The exponential moving average of a trained network's weights ({@code train.ema}, see {@link
 * EmaConfig} for the decay and its warm-up), held in a second copy of the network: a block of the
 * same architecture in a model of its own, whose parameters are the averages. After every optimizer
 * step {@link #update} moves each average towards its parameter: the weights and biases, and, with
 * {@code batchNormBatches} 0, batch normalization's running mean and variance too (DJL keeps those
 * as parameters, updated in place by the training forward pass on both engines). Otherwise the
 * statistics are recomputed for the averaged weights before each validation ({@link
 * #recomputeBatchNorm}), because averaged statistics do not fit averaged weights (see {@link
 * EmaConfig}). Validation runs this copy ({@link #evaluate}), {@code model/} saves it ({@link
 * #model}), and checkpoints hold its arrays and step count ({@link #save}, {@link #start}), so that
 * a resumed run continues the same average.
 *
 * <p>The trained network is never touched, so training is the same with or without the average,
 * except in a network that draws random numbers in training mode (drop path, dropout): the
 * recomputation's passes draw from the engine's generator too, so the later draws differ. Cost: one
 * more copy of the parameters in memory (without gradients), and per step three in-place operations
 * on each parameter array. Measured on the 2 busy cores of the development machine: 0.5 to 4 ms a
 * step for the simple CNN (8 arrays, 21,840 parameters) on either engine; for the small-stem
 * ResNet-18 at width 0.25 (102 arrays, 703,578 parameters) 6 to 40 ms on MXNet, whose cost is the
 * dispatch of 306 small operations, and 3 to 6 ms on PyTorch, against a training step of 128 images
 * of 200 ms or more. Not thread safe: called on the training thread.
 */
final class WeightAverage implements AutoCloseable {
    /** The averaged arrays in a checkpoint folder, an NDList named by parameter. */
    static final String ARRAYS_FILE = "ema.ndlist";

    /** The step count in a checkpoint folder. */
    static final String STATE_FILE = "ema.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmaConfig config;
    private final Model averaged;
    private final ParameterStore store;
    private final List<Parameter> sources;
    private final List<Parameter> targets;
    // The indices of the parameters that update() averages: all, or all but batch normalization's
    // statistics when they are recomputed.
    private final int[] averagedIndices;
    // Whether the network has batch-norm statistics to recompute.
    private final boolean hasStatistics;
    private long steps;

    private WeightAverage(EmaConfig config, Model averaged, List<Parameter> sources) {
        this.config = config;
        this.averaged = averaged;
        this.store = new ParameterStore(averaged.getNDManager(), false);
        this.sources = List.copyOf(sources);
        this.targets = averaged.getBlock().getParameters().values();
        this.averagedIndices =
                IntStream.range(0, targets.size())
                        .filter(i -> config.batchNormBatches() == 0 || !isStatistic(targets.get(i)))
                        .toArray();
        this.hasStatistics = targets.stream().anyMatch(WeightAverage::isStatistic);
    }

    private static boolean isStatistic(Parameter parameter) {
        return parameter.getType() == Parameter.Type.RUNNING_MEAN
                || parameter.getType() == Parameter.Type.RUNNING_VAR;
    }

    /**
     * Starts the average of {@code trained}'s initialised network: as its present weights at step
     * 0, or, given a checkpoint folder holding an average ({@link #isSaved}), as that average and
     * its step count.
     *
     * @param copy a new, uninitialised block of the same architecture as {@code trained}'s: it
     *     becomes the average's network (initialised to zeros, without gradients, drawing no random
     *     numbers from the engine)
     * @param inputShape the shape the network is initialised with, (1, C, H, W)
     * @param checkpoint the checkpoint folder to continue from, or {@code null}
     * @throws IOException when the checkpoint's average cannot be read
     * @throws IllegalStateException when {@code copy} has other parameters than {@code trained}'s
     *     block, or the checkpoint's average does not fit them
     */
    static WeightAverage start(
            Model trained, Block copy, EmaConfig config, Shape inputShape, Path checkpoint)
            throws IOException {
        requireNonNull(config, "config is null");
        Model averaged =
                Model.newInstance(
                        trained.getName(),
                        trained.getNDManager().getDevice(),
                        trained.getNDManager().getEngine().getEngineName());
        try {
            averaged.setBlock(copy);
            copy.setInitializer(Initializer.ZEROS, parameter -> true);
            copy.freezeParameters(true);
            copy.initialize(averaged.getNDManager(), trained.getDataType(), inputShape);
            List<String> names = copy.getParameters().keys();
            if (!names.equals(trained.getBlock().getParameters().keys())) {
                throw new IllegalStateException(
                        "the model plugin built two different networks for one run ("
                                + names.size()
                                + " and "
                                + trained.getBlock().getParameters().size()
                                + " parameters); it must build the same network each time");
            }
            WeightAverage average =
                    new WeightAverage(
                            config, averaged, trained.getBlock().getParameters().values());
            if (checkpoint == null) {
                for (int i = 0; i < average.sources.size(); i++) {
                    // The copy is zeros: adding sets it.
                    average.targets.get(i).getArray().addi(average.sources.get(i).getArray());
                }
            } else {
                average.restore(checkpoint);
            }
            return average;
        } catch (IOException | RuntimeException e) {
            averaged.close();
            throw e;
        }
    }

    /**
     * Moves every average towards its parameter after an optimizer step: {@code average = d *
     * average + (1 - d) * parameter}, with the step's decay {@code d} ({@link EmaConfig#decayAt}),
     * computed in place as {@code (average - parameter) * d + parameter} (PyTorch's {@code lerp_},
     * as timm's {@code ModelEmaV3}): three operations a parameter and no array allocated. Batch
     * normalization's statistics are left alone when {@link #recomputeBatchNorm} sets them.
     */
    void update() {
        steps++;
        double decay = config.decayAt(steps);
        for (int i : averagedIndices) {
            NDArray parameter = sources.get(i).getArray();
            targets.get(i).getArray().subi(parameter).muli(decay).addi(parameter);
        }
    }

    /**
     * The training batches that {@link #recomputeBatchNorm} takes ({@code
     * train.ema.batchNormBatches}); 0 when the statistics are averaged instead or the network has
     * no batch normalization (the simple CNN).
     */
    int batchNormBatches() {
        return hasStatistics ? config.batchNormBatches() : 0;
    }

    /**
     * Recomputes batch normalization's running mean and variance for the averaged weights, as SWA's
     * {@code bn_update} (Izmailov et al. 2018): each batch runs through the averaged network in
     * training mode, which moves every running statistic towards the batch's (DJL's batch norm,
     * momentum 0.9 by default: after 16 batches the statistics before them weigh 0.9^16, 19%, after
     * 32 3%). No gradient is kept and no parameter but the statistics changes.
     *
     * @param count the number of batches
     * @param batch the i-th batch (0 to count - 1) of shape (N, C, H, W), N at least 2, created on
     *     the manager given (closed after the batch)
     */
    void recomputeBatchNorm(int count, BiFunction<NDManager, Integer, NDArray> batch) {
        NDManager manager = averaged.getNDManager();
        // MXNet's batch norm moves its running statistics in the backward pass (DJL 0.36, MXNet
        // 1.9: a forward pass in training mode alone leaves them; WeightAverageTest), PyTorch's in
        // the forward pass.
        boolean backward = manager.getEngine().getEngineName().equals("MXNet");
        // A gradient collector puts the engine in training mode: MXNet's batch norm refuses a
        // training forward pass outside one. No parameter takes a gradient (the averaged ones
        // are frozen); on MXNet the backward pass computes the input's only.
        try (GradientCollector training = manager.getEngine().newGradientCollector()) {
            for (int i = 0; i < count; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray input = batch.apply(scope, i);
                    input.attach(scope);
                    if (backward) {
                        input.setRequiresGradient(true);
                    }
                    NDArray output =
                            averaged.getBlock()
                                    .forward(store, new NDList(input), true, null)
                                    .head();
                    if (backward) {
                        training.backward(output.sum());
                    }
                }
            }
        }
    }

    /** The average's network on {@code input} in inference mode, as {@code Trainer.evaluate}. */
    NDList evaluate(NDList input) {
        return averaged.getBlock().forward(store, input, false, null);
    }

    /** The model holding the average, as {@code model/} saves it. Closed with this. */
    Model model() {
        return averaged;
    }

    /** The optimizer steps averaged so far, counted from the run's start. */
    long steps() {
        return steps;
    }

    /** Whether {@code folder} (a checkpoint) holds an average. */
    static boolean isSaved(Path folder) {
        return Files.isRegularFile(folder.resolve(STATE_FILE));
    }

    /** Writes the averaged arrays and the step count into {@code folder}. */
    void save(Path folder) throws IOException {
        NDList arrays = new NDList();
        try {
            for (Pair<String, Parameter> pair : averaged.getBlock().getParameters()) {
                NDArray copy = pair.getValue().getArray().duplicate();
                copy.setName(pair.getKey());
                arrays.add(copy);
            }
            Files.write(folder.resolve(ARRAYS_FILE), arrays.encode());
        } finally {
            arrays.close();
        }
        JSON.writeValue(folder.resolve(STATE_FILE).toFile(), Map.of("steps", steps));
    }

    /** Sets the average (zeros until then) and its step count to those saved in {@code folder}. */
    private void restore(Path folder) throws IOException {
        long saved = JSON.readTree(folder.resolve(STATE_FILE).toFile()).get("steps").asLong(-1);
        if (saved < 0) {
            throw new IllegalStateException("no step count in " + STATE_FILE);
        }
        Map<String, NDArray> byName = new HashMap<>();
        NDList arrays;
        try (InputStream in = Files.newInputStream(folder.resolve(ARRAYS_FILE))) {
            arrays = NDList.decode(averaged.getNDManager(), in);
        }
        try {
            arrays.forEach(array -> byName.put(array.getName(), array));
            List<Pair<String, Parameter>> own =
                    averaged.getBlock().getParameters().stream().toList();
            if (byName.size() != own.size()) {
                throw new IllegalStateException(
                        own.size() + " parameters expected, " + byName.size() + " found");
            }
            for (Pair<String, Parameter> pair : own) {
                NDArray array = byName.get(pair.getKey());
                NDArray target = pair.getValue().getArray();
                if (array == null || !array.getShape().equals(target.getShape())) {
                    throw new IllegalStateException("no average of the shape of " + pair.getKey());
                }
                target.addi(array);
            }
        } finally {
            arrays.close();
        }
        steps = saved;
    }

    @Override
    public void close() {
        averaged.close();
    }
}
