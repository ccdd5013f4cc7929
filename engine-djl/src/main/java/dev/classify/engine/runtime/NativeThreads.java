package dev.classify.engine.runtime;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Chooses the engines' CPU thread counts on purpose rather than leaving them to the natives: on a
 * small machine MXNet's defaults trained at half the speed of one OpenMP thread per core (89 vs 165
 * images/s, ResNet-20-like net, batch 128, 2 cores).
 *
 * <ul>
 *   <li>MXNet reads {@code OMP_NUM_THREADS} from the environment when its library loads; the {@code
 *       classify} launcher sets it to the number of cores unless it is set already, and {@code
 *       OMP_WAIT_POLICY} to {@code PASSIVE}: spinning threads starve each other on a busy machine.
 *   <li>PyTorch reads the system properties {@code ai.djl.pytorch.num_threads} (intra-op threads)
 *       and {@code ai.djl.pytorch.num_interop_threads} when DJL loads it. Unless they are given,
 *       intra-op follows {@code OMP_NUM_THREADS} (so that one setting rules both engines), else the
 *       number of cores; inter-op is 1: classify runs operators one after another from one Java
 *       thread, so PyTorch's inter-op pool (used by TorchScript forks) would only hold idle
 *       threads.
 * </ul>
 */
public final class NativeThreads {
    static final String PYTORCH_THREADS = "ai.djl.pytorch.num_threads";
    static final String PYTORCH_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private NativeThreads() {}

    /** Sets PyTorch's thread properties if unset; must run before the engine loads to count. */
    static void apply() {
        if (System.getProperty(PYTORCH_THREADS) == null) {
            System.setProperty(PYTORCH_THREADS, String.valueOf(intraOpThreads()));
        }
        if (System.getProperty(PYTORCH_INTEROP_THREADS) == null) {
            System.setProperty(PYTORCH_INTEROP_THREADS, "1");
        }
    }

    /** {@code OMP_NUM_THREADS} when it is a positive number, else the number of cores. */
    static int intraOpThreads() {
        Integer omp = ompThreads();
        return omp != null ? omp : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Describes the thread counts {@code engine} runs with, e.g. {@code 2 (OMP_NUM_THREADS)} for
     * MXNet or {@code 2 intra-op, 1 inter-op} for PyTorch (read back from the loaded library).
     */
    public static String describe(Engine engine) {
        if (engine.getEngineName().equals("PyTorch")) {
            return JniUtils.getNumThreads()
                    + " intra-op, "
                    + JniUtils.getNumInteropThreads()
                    + " inter-op";
        }
        Integer omp = ompThreads();
        String policy = System.getenv("OMP_WAIT_POLICY");
        return omp != null
                ? omp + " (OMP_NUM_THREADS" + (policy == null ? "" : ", " + policy) + ")"
                : "the engine's default (OMP_NUM_THREADS unset; the classify launcher sets it to"
                        + " the number of cores)";
    }

    private static Integer ompThreads() {
        String value = System.getenv("OMP_NUM_THREADS");
        if (value == null) {
            return null;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            return threads > 0 ? threads : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
