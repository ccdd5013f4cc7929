package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import dev.classify.api.BatchProgress;
import dev.classify.api.EpochMetrics;
import dev.classify.api.ImageSet;
import dev.classify.api.ModelSpec;
import dev.classify.engine.config.TrainConfig;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.BatchAssembler;
import dev.classify.engine.data.BatchSplit;
import dev.classify.engine.data.HoldOutSplit;
import dev.classify.engine.model.TestTimeAugmentation;
import dev.classify.engine.train.batch.BatchPrefetch;
import dev.classify.engine.train.batch.TrainingBatches;
import dev.classify.engine.train.step.TrainingDivergence;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Runs the training and the validation part of each epoch: shuffled batches through the training
 * augmentation, forward, backward and optimizer step, each heard by the run's listeners; then the
 * hold-out through the evaluation augmentation ({@link HoldOutValidation}). Each batch's arrays
 * live in their own sub-manager, closed after the batch, so that native memory does not grow from
 * batch to batch. Not thread safe.
 *
 * <p>When the training augmentation mixes labels (mixup, cutmix), the loss gets soft targets of
 * shape (N, K) instead of class indices, and a training image counts as correct when the predicted
 * class is the target's largest weight (the label of the image that keeps the larger share).
 */
public final class EpochRunner {
    private final ImageSet images;
    private final HoldOutSplit split;
    private final AugmentationPipeline trainAugment;
    private final HoldOutValidation validation;
    private final RunState state;
    private final TrainingListeners listeners;
    private final RunListener listener;
    private final TrainingBatches batches;
    private final OptimizerSteps optimizerSteps;
    private final int batchSize;
    private final int prefetch;
    private final long seed;

    /**
     * @param state holds the trainer while the run's epochs run
     * @param listeners hear every finished training batch
     * @param listener is asked after every batch whether to stop (Ctrl-C)
     */
    @Inject
    EpochRunner(
            @RunModule.TrainingImages ImageSet images,
            HoldOutSplit split,
            @RunModule.TrainingAugmentation AugmentationPipeline trainAugment,
            HoldOutValidation validation,
            TrainConfig train,
            ModelSpec spec,
            RunState state,
            TrainingListeners listeners,
            RunListener listener) {
        this.images = requireNonNull(images, "images is null");
        this.split = requireNonNull(split, "split is null");
        this.trainAugment = requireNonNull(trainAugment, "trainAugment is null");
        this.validation = requireNonNull(validation, "validation is null");
        this.state = requireNonNull(state, "state is null");
        this.listeners = requireNonNull(listeners, "listeners is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.batches =
                new TrainingBatches(new BatchAssembler(images), trainAugment, spec.numClasses());
        this.optimizerSteps = new OptimizerSteps(train);
        this.batchSize = train.batchSize();
        this.prefetch = train.prefetch();
        this.seed = train.seed();
    }

    /**
     * A runner taking steps with {@code trainer} outside a run (benchmarks, tests): no listeners,
     * never asked to stop.
     *
     * @param optimizer the optimizer of {@code trainer}'s configuration (the same object)
     */
    public static EpochRunner forTrainer(
            Trainer trainer, Optimizer optimizer, PreparedRun prepared) {
        RunState state = new RunState(StartingPoint.fresh(), optimizer);
        state.open(trainer.getModel(), trainer);
        return new EpochRunner(
                prepared.train(),
                prepared.split(),
                prepared.trainAugment(),
                new HoldOutValidation(
                        prepared.train(),
                        prepared.split(),
                        prepared.evalAugment(),
                        prepared.config().train(),
                        TestTimeAugmentation.of(prepared.config().augment().tta()),
                        state),
                prepared.config().train(),
                prepared.spec(),
                state,
                TrainingListeners.none(),
                new RunListener() {});
    }

    /**
     * Trains and validates one epoch.
     *
     * @return its metrics, or empty when the listener asked to stop during it
     */
    Optional<EpochMetrics> run(int epoch, double learningRate, int epochs) throws IOException {
        long start = System.nanoTime();
        // With several devices a last batch smaller than their number is skipped: each must get
        // one.
        int devices = state.trainer().getDevices().length;
        // One generator per epoch, derived from the seed and the epoch number, so that an
        // epoch's batch order and augmentation do not depend on what ran before it.
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        int[] order = shuffled(split.train(), random.split());
        SplittableRandom augmentation = random.split();
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        int batches = (order.length + batchSize - 1) / batchSize;
        optimizerSteps.startEpoch();
        // The next batches are assembled and augmented ahead, on a thread of their own.
        try (BatchPrefetch<TrainingBatches.Batch> prepared =
                prefetch(
                        order,
                        TrainingBatches.starts(order.length, batchSize, devices),
                        augmentation)) {
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                int to = Math.min(order.length, from + batchSize);
                if (to - from >= devices) {
                    Step step = train(prepared.next());
                    lossSum += step.loss() * step.images();
                    correct += step.correct();
                    seen += step.images();
                }
                listeners.batchFinished(new BatchProgress(epoch, b + 1, batches, to));
                if (listener.stopRequested()) {
                    return Optional.empty();
                }
            }
        }
        optimizerSteps.finishEpoch(state);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        double trainLoss = lossSum / seen;
        if (!Double.isFinite(trainLoss)) {
            throw TrainingDivergence.of(
                    trainLoss,
                    epoch,
                    state.trainer().getManager().getEngine().getEngineName(),
                    System.getenv());
        }
        double[] validated = validation.validate();
        double seconds = (System.nanoTime() - start) / 1e9;
        return Optional.of(
                new EpochMetrics(
                        epoch,
                        learningRate,
                        trainLoss,
                        (double) correct / seen,
                        validated[0],
                        validated[1],
                        seconds,
                        order.length / trainSeconds));
    }

    /**
     * A copy of {@code indices} in the order of a Fisher-Yates shuffle drawn from {@code random}.
     */
    public static int[] shuffled(int[] indices, SplittableRandom random) {
        int[] order = indices.clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /**
     * Trains on the batches of {@code order} starting at {@code starts} ({@code batchSize} images
     * each, fewer at the end of {@code order}) as an epoch does: {@code train.prefetch} batches
     * assembled and augmented ahead on a thread of their own, drawing from {@code augmentation} in
     * order. Calls {@code afterEach} with the batch's index after each step.
     */
    public void trainBatches(
            int[] order, int[] starts, SplittableRandom augmentation, IntConsumer afterEach) {
        trainBatches(
                order,
                starts,
                augmentation,
                (i, step) -> {
                    afterEach.accept(i);
                    return true;
                });
    }

    /** Hears each step of {@link #trainBatches(int[], int[], SplittableRandom, StepObserver)}. */
    @FunctionalInterface
    public interface StepObserver {
        /** Hears step {@code index} (from 0) and returns whether to take the next one. */
        boolean stepped(int index, Step step);
    }

    /**
     * As {@link #trainBatches(int[], int[], SplittableRandom, IntConsumer)}, telling {@code
     * observer} what each step saw; stops when it returns false.
     */
    public void trainBatches(
            int[] order, int[] starts, SplittableRandom augmentation, StepObserver observer) {
        try (BatchPrefetch<TrainingBatches.Batch> prepared =
                prefetch(order, starts, augmentation)) {
            for (int i = 0; i < starts.length; i++) {
                if (!observer.stepped(i, train(prepared.next()))) {
                    return;
                }
            }
        }
    }

    private BatchPrefetch<TrainingBatches.Batch> prefetch(
            int[] order, int[] starts, SplittableRandom augmentation) {
        NDManager parent = state.trainer().getManager();
        return batches.prefetch(prefetch, parent, order, starts, batchSize, augmentation);
    }

    /** One optimizer step on a prepared batch, which is closed afterwards. */
    private Step train(TrainingBatches.Batch batch) {
        try (batch) {
            return step(batch.input(), batch.targets());
        }
    }

    /**
     * One optimizer step on an augmented (N, C, H, W) batch and its (N) labels or (N, K) soft
     * targets: forward, loss and backward, split across the trainer's devices when there are
     * several (see {@link BatchSplit}), then the update. The caller owns the arrays.
     *
     * @throws IllegalArgumentException when the batch has fewer images than there are devices
     */
    public Step step(NDArray input, NDArray labels) {
        return step(input, labels, state.trainer().getDevices());
    }

    /**
     * As {@link #step(NDArray, NDArray)}, splitting the batch over {@code devices} (the trainer's
     * devices; tests pass one device twice on an engine whose gradients add up).
     */
    public Step step(NDArray input, NDArray labels, Device[] devices) {
        Trainer trainer = state.trainer();
        int count = Math.toIntExact(input.getShape().get(0));
        double loss = 0;
        long correct = 0;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            if (devices.length == 1) {
                NDList predictions = trainer.forward(new NDList(input));
                NDArray value = trainer.getLoss().evaluate(new NDList(labels), predictions);
                collector.backward(value);
                loss = value.getFloat();
                correct = countCorrect(predictions.singletonOrThrow(), labels);
            } else {
                int[] sizes = BatchSplit.sizes(count, devices.length);
                int from = 0;
                for (int d = 0; d < devices.length; d++) {
                    NDIndex slice = new NDIndex("{}:{}", from, from + sizes[d]);
                    NDArray part = input.get(slice).toDevice(devices[d], false);
                    NDArray partLabels = labels.get(slice).toDevice(devices[d], false);
                    NDList predictions = trainer.forward(new NDList(part));
                    NDArray value =
                            trainer.getLoss()
                                    .evaluate(new NDList(partLabels), predictions)
                                    .mul(BatchSplit.weight(sizes[d], count));
                    collector.backward(value);
                    loss += value.getFloat();
                    correct += countCorrect(predictions.singletonOrThrow(), partLabels);
                    from += sizes[d];
                }
            }
        }
        optimizerSteps.afterBackward(state, count);
        return new Step(count, loss, correct);
    }

    /** The training images, hold-out included. */
    public ImageSet images() {
        return images;
    }

    /** Applies the training augmentation to an (N, C, H, W) batch. */
    public NDArray augment(NDArray images, SplittableRandom augmentation) {
        return trainAugment.apply(images, augmentation);
    }

    /**
     * What one training step saw.
     *
     * @param images the images in the batch
     * @param loss the mean training loss over them
     * @param correct how many of them the network classified right (before the update)
     */
    public record Step(int images, double loss, long correct) {}

    /**
     * Returns the predicted class index of each hold-out image in the last epoch that {@link #run}
     * finished, in the order of the split's validation indices; empty before the first or without a
     * hold-out.
     */
    int[] validationPredictions() {
        return validation.predictions();
    }

    /** Counts predictions of the class of {@code labels} (N) or the largest target of (N, K). */
    static long countCorrect(NDArray logits, NDArray labels) {
        if (labels.getShape().dimension() == 2) {
            return logits.argMax(1).eq(labels.argMax(1)).countNonzero().getLong();
        }
        return logits.argMax(1)
                .toType(labels.getDataType(), false)
                .eq(labels)
                .countNonzero()
                .getLong();
    }
}
