package dev.classify.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One finished epoch, as every listener sees it, and the way for a listener (early stopping, say)
 * to end the run after it. Shared by the listeners of one epoch, on the training thread.
 */
public final class EpochEnd {
    private final EpochMetrics metrics;
    private final int epochs;
    private final boolean best;
    private String stopReason;

    /**
     * Creates the end of an epoch.
     *
     * @param metrics what the epoch measured
     * @param epochs the last epoch of the run ({@code train.epochs})
     * @param best whether the epoch has the best validation accuracy so far (its model is kept)
     */
    public EpochEnd(EpochMetrics metrics, int epochs, boolean best) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.epochs = epochs;
        this.best = best;
    }

    /** What the epoch measured. */
    public EpochMetrics metrics() {
        return metrics;
    }

    /** The last epoch of the run ({@code train.epochs}). */
    public int epochs() {
        return epochs;
    }

    /** Whether the epoch has the best validation accuracy so far, so that its model is kept. */
    public boolean best() {
        return best;
    }

    /**
     * Asks the run to stop after this epoch; the first reason given is kept and shown to the person
     * running the training. Listeners bound later still hear this epoch.
     *
     * @param reason one line saying why, e.g. {@code "val_accuracy did not improve for 3 epochs"}
     */
    public void requestStop(String reason) {
        requireNonNull(reason, "reason is null");
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** The reason a listener gave for stopping after this epoch, if one did. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }
}
