package dev.classify.report;

import dev.classify.api.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a run first reached the validation accuracies a practitioner quotes (0.5, 0.8, 0.9, 0.93 and
 * so on up to 0.99): for each milestone within 0.1 below the run's best, the first epoch that
 * reached it and the summed wall time of the epochs until then, then the next milestone it did not
 * reach. For example {@code 0.90 at epoch 4 (3m 20s), 0.93 at epoch 9 (7m 30s), 0.94 not reached}.
 * The time counts the epochs (training and validation), not the process start or the final
 * evaluation.
 */
final class TimeToAccuracy {
    /** The milestones, increasing, as fractions of the hold-out classified correctly. */
    static final double[] MILESTONES = {0.5, 0.8, 0.9, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99};

    /** Milestones further below the best than this are left out. */
    private static final double SPAN = 0.1;

    private TimeToAccuracy() {}

    /** Returns the milestones of {@code run}, or empty without a hold-out. */
    static Optional<String> of(RunFolder run) {
        Optional<EpochMetrics> best = run.bestEpoch();
        if (best.isEmpty()) {
            return Optional.empty();
        }
        double top = best.get().validationAccuracy();
        List<String> parts = new ArrayList<>();
        for (double milestone : MILESTONES) {
            if (milestone < top - SPAN) {
                continue;
            }
            Optional<EpochMetrics> first = run.firstReaching(milestone);
            if (first.isEmpty()) {
                parts.add(String.format(Locale.ROOT, "%.2f not reached", milestone));
                break;
            }
            int epoch = first.get().epoch();
            parts.add(
                    String.format(
                            Locale.ROOT,
                            "%.2f at epoch %d (%s)",
                            milestone,
                            epoch,
                            ComparisonTable.duration(run.secondsThrough(epoch))));
        }
        return Optional.of(String.join(", ", parts));
    }
}
