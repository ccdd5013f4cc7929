package dev.classify.api;

/**
 * Hears a training run: its start, every finished training batch, every finished epoch and its end,
 * e.g. to write a file per epoch, stop early or show progress. Engine-neutral: no DJL training type
 * crosses this interface.
 *
 * <p>Every method is called on the training thread, in the order the listeners were bound (the
 * host's built-in listeners first, then the configuration's {@code listeners:} in their order), and
 * must return quickly: a slow listener slows training. An exception thrown by a listener ends the
 * run, naming the listener. Implementations need not be thread safe.
 */
public interface TrainingListener {
    /** The run starts (or resumes), before its first epoch. */
    default void runStarted(RunStart run) {}

    /**
     * A training batch finished. Called after every optimizer step; keep it cheap.
     *
     * @param progress where the epoch stands
     */
    default void batchFinished(BatchProgress progress) {}

    /**
     * An epoch finished: it trained and (with a hold-out) validated. The host has already written
     * what it keeps for the epoch when listeners bound after its built-in ones are called. A
     * listener may ask the run to stop after this epoch with {@link EpochEnd#requestStop}.
     */
    default void epochFinished(EpochEnd epoch) {}

    /**
     * The run ended: its last epoch finished, or a listener stopped it. Not called when the run
     * fails or is interrupted.
     */
    default void runFinished(RunEnd run) {}
}
