package dev.classify.engine.train;

import dev.classify.api.EpochMetrics;
import java.util.List;
import java.util.Optional;

/**
 * Where a run's training starts: at epoch 1, or after the last checkpoint of a resumed run (see
 * {@link ResumeGuards}), with its parameters, its metrics history and, unless the optimizer was
 * switched, its optimizer state. Immutable.
 */
public final class StartingPoint {
    private static final StartingPoint FRESH = new StartingPoint(null, false, false);

    private final Checkpoint checkpoint;
    private final boolean restoreOptimizer;
    private final boolean finishOnly;

    private StartingPoint(Checkpoint checkpoint, boolean restoreOptimizer, boolean finishOnly) {
        this.checkpoint = checkpoint;
        this.restoreOptimizer = restoreOptimizer;
        this.finishOnly = finishOnly;
    }

    /** A new run: epoch 1, freshly initialised parameters. */
    public static StartingPoint fresh() {
        return FRESH;
    }

    /** A resumed run after {@code last}; {@code restoreOptimizer} unless the optimizer changed. */
    static StartingPoint after(Checkpoint last, boolean restoreOptimizer) {
        return new StartingPoint(last, restoreOptimizer, false);
    }

    /**
     * A run whose epochs all ended at {@code last} but whose process was killed before it wrote its
     * results: no epoch trains, the results are written (see {@link UnwrittenResults}).
     */
    static StartingPoint finishing(Checkpoint last) {
        return new StartingPoint(last, false, true);
    }

    /** The checkpoint to continue from, empty for a new run. */
    Optional<Checkpoint> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    /** Whether the checkpoint's optimizer state is loaded into the (same kind of) optimizer. */
    boolean restoreOptimizer() {
        return checkpoint != null && restoreOptimizer;
    }

    /** Whether the run trains no epoch and only writes the results of those it trained. */
    boolean finishOnly() {
        return finishOnly;
    }

    /** The metrics of the epochs trained before, in order; empty for a new run. */
    public List<EpochMetrics> history() {
        return checkpoint == null ? List.of() : checkpoint.history();
    }

    /** The epoch whose model the run keeps so far, 0 for a new run. */
    int bestEpoch() {
        return checkpoint == null ? 0 : checkpoint.bestEpoch();
    }

    /** That epoch's validation accuracy, -infinity for a new run or one without a hold-out. */
    double bestAccuracy() {
        return checkpoint == null ? Double.NEGATIVE_INFINITY : checkpoint.bestAccuracy();
    }
}
