package dev.classify.engine.runtime;

import java.lang.management.ManagementFactory;

/**
 * The machine's memory and what training may plan to hold of it, beside the budget of one inference
 * batch ({@link InferenceBatch#budgetBytes()}), and the engines' limit on one tensor. Thread safe.
 */
public final class MemoryBudget {
    private static final long GIB = 1L << 30;

    /**
     * The elements an MXNet tensor holds at most: its CPU build indexes tensors with 32 bits and
     * refuses any of 2^31 - 1 elements or more ("Size of tensor you are trying to allocate is
     * larger than 2^31 elements").
     */
    public static final long MXNET_TENSOR_ELEMENTS = Integer.MAX_VALUE - 1L;

    private MemoryBudget() {}

    /** The machine's physical memory in bytes, or 0 when the JVM does not tell it. */
    public static long physicalBytes() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getTotalMemorySize());
        }
        return 0;
    }

    /**
     * The budget of a training run's parameters, gradients and optimizer state, in bytes: half of
     * the machine's physical memory (8 GiB when the JVM does not tell it). The other half is left
     * to the activations of a batch, the images and the rest of the system. The same with a GPU,
     * whose memory the engines do not report.
     */
    public static long trainingStateBytes() {
        long physical = physicalBytes();
        return physical > 0 ? physical / 2 : 8 * GIB;
    }

    /** How {@link #trainingStateBytes()} is chosen on this machine, for messages. */
    public static String trainingStateRule() {
        return physicalBytes() > 0
                ? "half of the physical memory"
                : "the default when the physical memory is unknown";
    }

    /**
     * The most elements one tensor of engine {@code engine} may hold: {@link
     * #MXNET_TENSOR_ELEMENTS} for MXNet; PyTorch indexes with 64 bits, so only memory limits it.
     */
    public static long tensorElements(String engine) {
        return "MXNet".equals(engine) ? MXNET_TENSOR_ELEMENTS : Long.MAX_VALUE;
    }
}
