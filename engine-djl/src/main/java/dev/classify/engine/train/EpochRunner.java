package dev.classify.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochMetrics;
import dev.classify.api.ImageSet;
import dev.classify.api.MixedBatch;
import dev.classify.engine.data.BatchAssembler;
import dev.classify.engine.data.BatchSplit;
import dev.classify.engine.runtime.InferenceBatch;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs the training and the validation part of each epoch: shuffled batches through the training
 * augmentation, forward, backward and optimizer step; then the hold-out through the evaluation
 * augmentation. Each batch's arrays live in their own sub-manager, closed after the batch, so that
 * native memory does not grow from batch to batch. Not thread safe.
 *
 * <p>When the training augmentation mixes labels (mixup, cutmix), the loss gets soft targets of
 * shape (N, K) instead of class indices, and a training image counts as correct when the predicted
 * class is the target's largest weight (the label of the image that keeps the larger share).
 */
public final class EpochRunner {
    private final Trainer trainer;
    private final ParameterUpdate update;
    private final PreparedRun prepared;
    private final RunListener listener;
    private final BatchAssembler assembler;
    private final int batchSize;
    private final int numClasses;
    private final long seed;
    // With several devices a last batch smaller than their number is skipped: each must get one.
    private final int devices;
    // Validation reports plain cross-entropy, also when training smooths its labels, so that
    // val_loss stays comparable between runs.
    private final Loss validationLoss = Loss.softmaxCrossEntropyLoss();
    private int[] validationPredictions = new int[0];
    // Images per validation batch, measured on the first validation (see InferenceBatch).
    private int validationBatch;

    /**
     * @param optimizer the optimizer of {@code trainer}'s configuration (the same object)
     */
    public EpochRunner(
            Trainer trainer, Optimizer optimizer, PreparedRun prepared, RunListener listener) {
        this.trainer = trainer;
        this.update = new ParameterUpdate(trainer, optimizer);
        this.prepared = prepared;
        this.listener = listener;
        this.assembler = new BatchAssembler(prepared.train());
        this.batchSize = prepared.config().train().batchSize();
        this.numClasses = prepared.spec().numClasses();
        this.seed = prepared.config().train().seed();
        this.devices = trainer.getDevices().length;
    }

    /**
     * Trains and validates one epoch.
     *
     * @return its metrics, or empty when the listener asked to stop during it
     */
    Optional<EpochMetrics> run(int epoch, double learningRate, int epochs) {
        long start = System.nanoTime();
        // One generator per epoch, derived from the seed and the epoch number, so that an
        // epoch's batch order and augmentation do not depend on what ran before it.
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        int[] order = prepared.split().train().clone();
        SplittableRandom shuffle = random.split();
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        SplittableRandom augmentation = random.split();
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        int batches = (order.length + batchSize - 1) / batchSize;
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int to = Math.min(order.length, from + batchSize);
            if (to - from >= devices) {
                Step step = trainBatch(order, from, to, augmentation);
                lossSum += step.loss() * step.images();
                correct += step.correct();
                seen += step.images();
            }
            listener.batchFinished(epoch, b + 1, batches, to);
            if (listener.stopRequested()) {
                return Optional.empty();
            }
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        double trainLoss = lossSum / seen;
        if (!Double.isFinite(trainLoss)) {
            throw new ConfigurationException(
                    "train.optimizer.learningRate",
                    "the training loss became "
                            + trainLoss
                            + " in epoch "
                            + epoch
                            + "; lower the learning rate (or, if it is already small, check that"
                            + " normalize's std is not tiny and that the images hold no NaN)");
        }
        double[] validation = validate();
        double seconds = (System.nanoTime() - start) / 1e9;
        return Optional.of(
                new EpochMetrics(
                        epoch,
                        learningRate,
                        trainLoss,
                        (double) correct / seen,
                        validation[0],
                        validation[1],
                        seconds,
                        order.length / trainSeconds));
    }

    /**
     * Trains on images {@code order[from..to)}: assembles them, applies the training augmentation
     * with {@code augmentation}, and takes one optimizer step. The batch's arrays are closed after
     * it.
     */
    public Step trainBatch(int[] order, int from, int to, SplittableRandom augmentation) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray images = assembler.images(manager, order, from, to);
            NDArray labels = assembler.labels(manager, order, from, to);
            if (prepared.trainAugment().mixesLabels()) {
                // mixup and cutmix mix the labels too: one-hot (N, K) targets, mixed as the images
                NDArray oneHot =
                        labels.toType(DataType.INT32, false)
                                .oneHot(numClasses)
                                .toType(DataType.FLOAT32, false);
                MixedBatch mixed = prepared.trainAugment().apply(images, oneHot, augmentation);
                return step(mixed.images(), mixed.targets());
            }
            return step(augment(images, augmentation), labels);
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
        return step(input, labels, trainer.getDevices());
    }

    /**
     * As {@link #step(NDArray, NDArray)}, splitting the batch over {@code devices} (the trainer's
     * devices; tests pass one device twice on an engine whose gradients add up).
     */
    public Step step(NDArray input, NDArray labels, Device[] devices) {
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
        update.apply();
        return new Step(count, loss, correct);
    }

    /** The training images, hold-out included. */
    public ImageSet images() {
        return prepared.train();
    }

    /** Applies the training augmentation to an (N, C, H, W) batch. */
    public NDArray augment(NDArray images, SplittableRandom augmentation) {
        return prepared.trainAugment().apply(images, augmentation);
    }

    /**
     * What one training step saw.
     *
     * @param images the images in the batch
     * @param loss the mean training loss over them
     * @param correct how many of them the network classified right (before the update)
     */
    public record Step(int images, double loss, long correct) {}

    private double[] validate() {
        int[] indices = prepared.split().validation();
        if (indices.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom unused = new SplittableRandom(0);
        int[] predicted = new int[indices.length];
        double lossSum = 0;
        long correct = 0;
        int evalBatch = validationBatch(indices);
        for (int from = 0; from < indices.length; from += evalBatch) {
            int to = Math.min(indices.length, from + evalBatch);
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDArray images = assembler.images(manager, indices, from, to);
                NDArray labels = assembler.labels(manager, indices, from, to);
                NDArray input = prepared.evalAugment().apply(images, unused);
                NDList predictions = trainer.evaluate(new NDList(input));
                NDArray loss = validationLoss.evaluate(new NDList(labels), predictions);
                lossSum += loss.getFloat() * (to - from);
                NDArray logits = predictions.singletonOrThrow();
                correct += countCorrect(logits, labels);
                int[] classes = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                System.arraycopy(classes, 0, predicted, from, classes.length);
            }
        }
        validationPredictions = predicted;
        return new double[] {lossSum / indices.length, (double) correct / indices.length};
    }

    /**
     * The training batch size or 256, whichever is larger, lowered when that many images would hold
     * more memory than {@link InferenceBatch} allows.
     */
    private int validationBatch(int[] indices) {
        if (validationBatch == 0) {
            long perImage =
                    InferenceBatch.measure(
                            trainer.getManager(),
                            manager ->
                                    trainer.evaluate(
                                            new NDList(
                                                    prepared.evalAugment()
                                                            .apply(
                                                                    assembler.images(
                                                                            manager, indices, 0, 1),
                                                                    new SplittableRandom(0)))));
            validationBatch = InferenceBatch.capAndLog(Math.max(batchSize, 256), perImage);
        }
        return validationBatch;
    }

    /**
     * Returns the predicted class index of each hold-out image in the last epoch that {@link #run}
     * finished, in the order of the split's validation indices; empty before the first or without a
     * hold-out.
     */
    int[] validationPredictions() {
        return validationPredictions.clone();
    }

    /** Counts predictions of the class of {@code labels} (N) or the largest target of (N, K). */
    private static long countCorrect(NDArray logits, NDArray labels) {
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
