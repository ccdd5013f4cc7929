package dev.classify.engine.train;

import dev.classify.api.EpochMetrics;

/**
 * Hears how a training run goes, e.g. to show it on the console. Called from the training thread.
 */
public interface RunListener {
    /** The run starts; {@code summary} says what trains on what, on which device. */
    default void started(String summary) {}

    /**
     * {@code done} of {@code total} training batches of {@code epoch} are finished, {@code images}
     * images in all so far in this epoch.
     */
    default void batchFinished(int epoch, int done, int total, int images) {}

    /** An epoch ended; {@code best} is whether it is the best so far by validation accuracy. */
    default void epochFinished(EpochMetrics metrics, int epochs, boolean best) {}

    /** A message for the person running the training. */
    default void message(String text) {}

    /**
     * Whether training should stop now, e.g. after Ctrl-C. Asked after every training batch; when
     * true, the epoch is abandoned without writing anything and the run throws {@link
     * RunInterruptedException}. Implementations must be cheap and may be called from the training
     * thread while another thread sets the flag.
     */
    default boolean stopRequested() {
        return false;
    }
}
