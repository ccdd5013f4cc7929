package dev.classify.engine.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.classify.api.ImageSet;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.BatchAssembler;
import dev.classify.engine.runtime.InferenceBatch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a loaded network over a set of images in batches: the evaluation augmentation, the forward
 * pass and the softmax, optionally averaged over test-time augmentation views (the left-right
 * mirror, shifted copies; see {@link TestTimeAugmentation}). Each batch's arrays live in a
 * sub-manager closed after it. Not thread safe.
 */
final class BatchPrediction {
    private final Model model;
    private final AugmentationPipeline eval;
    // What one image's forward passes hold, in bytes, measured on first use for each test-time
    // augmentation (see InferenceBatch).
    private final Map<TestTimeAugmentation, Long> bytesPerImage = new HashMap<>();

    BatchPrediction(Model model, AugmentationPipeline eval) {
        this.model = model;
        this.eval = eval;
    }

    /** Returns the softmax probabilities of every image of {@code images}, one row of K each. */
    float[][] probabilities(
            ImageSet images, int classes, int batchSize, TestTimeAugmentation augmentation) {
        int[] indices = new int[images.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        BatchAssembler assembler = new BatchAssembler(images);
        float[][] result = new float[images.size()][];
        // The evaluation pipeline is deterministic; the generator only satisfies the interface.
        SplittableRandom random = new SplittableRandom(0);
        int perBatch =
                indices.length == 0 ? batchSize : batchSize(assembler, batchSize, augmentation);
        for (int from = 0; from < indices.length; from += perBatch) {
            int to = Math.min(indices.length, from + perBatch);
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray batch = eval.apply(assembler.images(manager, indices, from, to), random);
                NDArray probability =
                        augmentation.probabilities(batch, view -> forward(manager, view));
                float[] values = probability.toFloatArray();
                for (int i = 0; i < to - from; i++) {
                    result[from + i] = Arrays.copyOfRange(values, i * classes, (i + 1) * classes);
                }
            }
        }
        return result;
    }

    /**
     * {@code wanted}, or fewer images when that many would hold more memory than {@link
     * InferenceBatch} allows; measured on the first image of {@code assembler}.
     */
    synchronized int batchSize(
            BatchAssembler assembler, int wanted, TestTimeAugmentation augmentation) {
        Long known = bytesPerImage.get(augmentation);
        if (known == null) {
            long measured =
                    InferenceBatch.measure(
                            model.getNDManager(),
                            manager -> {
                                NDArray one =
                                        eval.apply(
                                                assembler.images(manager, new int[] {0}, 0, 1),
                                                new SplittableRandom(0));
                                NDArray logits = forward(manager, one);
                                for (NDArray view : augmentation.extraViews(one)) {
                                    logits = forward(manager, view);
                                }
                                return logits;
                            });
            bytesPerImage.put(augmentation, measured);
            return InferenceBatch.capAndLog(wanted, measured);
        }
        return InferenceBatch.cap(wanted, known, InferenceBatch.budgetBytes());
    }

    private NDArray forward(NDManager manager, NDArray batch) {
        return model.getBlock()
                .forward(new ParameterStore(manager, false), new NDList(batch), false)
                .singletonOrThrow();
    }
}
