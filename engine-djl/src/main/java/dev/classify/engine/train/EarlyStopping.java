package dev.classify.engine.train;

import dev.classify.api.EpochMetrics;
import dev.classify.engine.config.EarlyStoppingConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides after each epoch whether training should stop: when the monitored validation metric has
 * not beaten its best value by more than {@code minDelta} for {@code patience} epochs in a row.
 * Compares with the best epoch, not the previous one (DJL's {@code EarlyStoppingListener} compares
 * with the previous epoch and assumes lower is better). Not thread safe.
 */
public final class EarlyStopping {
    private final EarlyStoppingConfig config;
    private final boolean higherIsBetter;
    private double best;
    private int bestEpoch;
    private int epochsWithoutImprovement;

    /** Creates the rule of {@code config}, before any epoch. */
    public EarlyStopping(EarlyStoppingConfig config) {
        this.config = config;
        this.higherIsBetter = config.monitor().endsWith("accuracy");
        this.best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /**
     * Takes an epoch's metrics.
     *
     * @return why training stops now, or empty to go on
     */
    public Optional<String> endEpoch(EpochMetrics metrics) {
        double value = higherIsBetter ? metrics.validationAccuracy() : metrics.validationLoss();
        boolean improved =
                higherIsBetter
                        ? value > best + config.minDelta()
                        : value < best - config.minDelta();
        if (improved) {
            best = value;
            bestEpoch = metrics.epoch();
            epochsWithoutImprovement = 0;
            return Optional.empty();
        }
        epochsWithoutImprovement++;
        if (epochsWithoutImprovement < config.patience()) {
            return Optional.empty();
        }
        return Optional.of(
                String.format(
                        Locale.ROOT,
                        "early stopping after epoch %d: %s has not improved on %.4f (epoch %d)"
                                + " for %d epochs",
                        metrics.epoch(),
                        config.monitor(),
                        best,
                        bestEpoch,
                        epochsWithoutImprovement));
    }
}
