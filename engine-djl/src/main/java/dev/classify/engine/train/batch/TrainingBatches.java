package dev.classify.engine.train.batch;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.MixedBatch;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.BatchAssembler;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The data path of a training batch: images of the epoch's order assembled into an (N, C, H, W)
 * batch ({@link BatchAssembler}) and put through the training augmentation, with their (N) labels,
 * or (N, K) soft targets when the augmentation mixes labels (mixup, cutmix). The augmentation's
 * leading steps that can ({@link dev.classify.api.HostAugmenter}: random-crop, random-flip,
 * normalize) run on the Java array of the assembled pixels, before the batch becomes one array of
 * the engine: on MXNet, whose operators run on its own worker thread whichever Java thread calls
 * them, that is what lets {@link BatchPrefetch} take them off the training step's path.
 *
 * <p>A batch's arrays live in a manager of its own, a sub-manager of the parent given, which {@link
 * Batch#close} closes (the training step's arrays join it). A batch may be prepared on another
 * thread than the one training on it ({@link BatchPrefetch}): its manager and arrays belong to one
 * thread at a time, handed over through the prefetch queue. The augmentation draws from the
 * generator passed in, never from the engine's, so the thread changes nothing in the result. Not
 * thread safe: one preparing thread at a time.
 */
public final class TrainingBatches {
    private final BatchAssembler assembler;
    private final AugmentationPipeline augmentation;
    private final int numClasses;

    /**
     * A prepared batch.
     *
     * @param manager owns the arrays; closed by {@link #close}
     * @param input the augmented (N, C, H, W) images
     * @param targets the (N) class indices or (N, K) soft targets
     */
    public record Batch(NDManager manager, NDArray input, NDArray targets)
            implements AutoCloseable {
        @Override
        public void close() {
            manager.close();
        }
    }

    public TrainingBatches(
            BatchAssembler assembler, AugmentationPipeline augmentation, int numClasses) {
        this.assembler = requireNonNull(assembler, "assembler is null");
        this.augmentation = requireNonNull(augmentation, "augmentation is null");
        this.numClasses = numClasses;
    }

    /**
     * Prepares images {@code order[from..to)} in a new sub-manager of {@code parent}, drawing the
     * augmentation from {@code random}; the manager is closed when preparing throws.
     */
    public Batch prepare(NDManager parent, int[] order, int from, int to, SplittableRandom random) {
        NDManager manager = parent.newSubManager();
        try {
            float[] pixels = assembler.pixels(order, from, to);
            Shape shape = assembler.shape(to - from);
            NDArray labels = assembler.labels(manager, order, from, to);
            if (augmentation.mixesLabels()) {
                // mixup and cutmix mix the labels too: one-hot (N, K) targets, mixed as the images
                NDArray oneHot =
                        labels.toType(DataType.INT32, false)
                                .oneHot(numClasses)
                                .toType(DataType.FLOAT32, false);
                MixedBatch mixed = augmentation.apply(manager, pixels, shape, oneHot, random);
                return new Batch(manager, mixed.images(), mixed.targets());
            }
            return new Batch(manager, augmentation.apply(manager, pixels, shape, random), labels);
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The batches of {@code starts} (each {@code order[start..min(start + size, order.length))}),
     * prepared in order, {@code ahead} of the consumer on a thread of their own (0: on the
     * consumer's thread when it asks).
     */
    public BatchPrefetch<Batch> prefetch(
            int ahead,
            NDManager parent,
            int[] order,
            int[] starts,
            int size,
            SplittableRandom random) {
        int[] fixedStarts = starts.clone();
        return new BatchPrefetch<>(
                ahead,
                fixedStarts.length,
                i ->
                        prepare(
                                parent,
                                order,
                                fixedStarts[i],
                                Math.min(order.length, fixedStarts[i] + size),
                                random));
    }

    /**
     * The first images of the batches of {@code size} an epoch of {@code images} trains: all but a
     * last batch smaller than the number of {@code devices}, which each must get an image.
     */
    public static int[] starts(int images, int size, int devices) {
        return IntStream.iterate(0, from -> from < images, from -> from + size)
                .filter(from -> Math.min(images, from + size) - from >= devices)
                .toArray();
    }
}
