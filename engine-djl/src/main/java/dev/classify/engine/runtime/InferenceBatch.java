package dev.classify.engine.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the number of images of one inference forward pass (validation, prediction, evaluation) so
 * that the arrays it holds stay within a memory budget.
 *
 * <p>Works around a gap in DJL 0.36: its MXNet and PyTorch engines run a network imperatively, and
 * every intermediate array of a forward pass (each convolution, batch norm and activation output)
 * stays attached to the batch's {@link NDManager} until that manager closes. An inference batch so
 * holds the activations of the whole network at once, not of one layer at a time, and DJL offers no
 * way to release them layer by layer in a block it did not build: ResNet-50 at 3x224x224 holds
 * about 150 MB an image (38 GB at batch 256, more than this machine's 24 GB), ResNet-152 at 1x28x28
 * with the small stem 78 MB, the simple CNN 0.1 MB. The cost is measured on one image and the batch
 * capped to the budget; small networks keep the batch asked for.
 */
public final class InferenceBatch {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceBatch.class);
    private static final long MIB = 1L << 20;

    /** The largest budget: 4 GiB. */
    static final long MAX_BUDGET_BYTES = 4096 * MIB;

    private InferenceBatch() {}

    /**
     * The budget for one inference batch, in bytes: a sixth of the machine's physical memory, at
     * most {@link #MAX_BUDGET_BYTES} and at least 512 MiB (2 GiB when the JVM does not tell the
     * physical memory). The same on a GPU, whose memory the engines do not report.
     */
    public static long budgetBytes() {
        long physical = MemoryBudget.physicalBytes();
        if (physical <= 0) {
            return 2048 * MIB;
        }
        return Math.max(512 * MIB, Math.min(MAX_BUDGET_BYTES, physical / 6));
    }

    /**
     * Returns the images per batch: {@code wanted}, or fewer (at least 1) when that many would hold
     * more than {@code budgetBytes}.
     *
     * @param wanted the batch asked for, at least 1
     * @param bytesPerImage what one image's forward pass holds, in bytes (see {@link #measure})
     * @param budgetBytes the budget, in bytes
     * @throws IllegalArgumentException when {@code wanted} is below 1
     */
    public static int cap(int wanted, long bytesPerImage, long budgetBytes) {
        if (wanted < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + wanted);
        }
        if (bytesPerImage <= 0) {
            return wanted;
        }
        return (int) Math.max(1, Math.min(wanted, budgetBytes / bytesPerImage));
    }

    /**
     * Measures what one image's inference holds: runs {@code forward} (which must create its input
     * of one image, and everything it computes, in the manager it gets) in a sub-manager of {@code
     * parent}, and returns the bytes of the arrays attached to it before it closes.
     */
    public static long measure(NDManager parent, Function<NDManager, ?> forward) {
        try (NDManager manager = parent.newSubManager()) {
            forward.apply(manager);
            long bytes = 0;
            for (NDArray array : manager.getManagedArrays()) {
                bytes += array.getShape().size() * array.getDataType().getNumOfBytes();
            }
            return bytes;
        }
    }

    /**
     * {@link #cap} of {@code wanted} against {@link #budgetBytes()}, logging when it lowers the
     * batch; for the first use of a measurement (later ones call {@link #cap}).
     */
    public static int capAndLog(int wanted, long bytesPerImage) {
        long budget = budgetBytes();
        int batch = cap(wanted, bytesPerImage, budget);
        if (batch < wanted) {
            LOG.info(
                    "inference batches of {} images instead of {}: a forward pass holds {} MB an"
                            + " image, and the budget is {} MB",
                    batch,
                    wanted,
                    bytesPerImage / MIB,
                    budget / MIB);
        }
        return batch;
    }
}
