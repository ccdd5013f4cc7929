package dev.classify.engine.config;

import dev.classify.api.Problems;

/**
 * Stops training when the monitored validation metric has not improved on its best value for {@code
 * patience} epochs in a row. An epoch improves when it beats the best so far by more than {@code
 * minDelta} (higher is better for {@code val_accuracy}, lower for {@code val_loss}). The kept model
 * stays the best epoch's. Unlike DJL's {@code EarlyStoppingListener}, which compares with the
 * previous epoch, this compares with the best.
 *
 * @param monitor {@code val_accuracy} (default) or {@code val_loss}
 * @param patience epochs without improvement before stopping, at least 1 (default 10)
 * @param minDelta the smallest change that counts as an improvement, at least 0 (default 0)
 */
public record EarlyStoppingConfig(String monitor, Integer patience, Double minDelta) {

    /** Fills defaults. */
    public EarlyStoppingConfig {
        monitor = monitor == null ? "val_accuracy" : monitor;
        patience = patience == null ? 10 : patience;
        minDelta = minDelta == null ? 0.0 : minDelta;
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        problems.check(
                SchedulerConfig.MONITORS.contains(monitor),
                path + ".monitor",
                "unknown metric '" + monitor + "'; known: " + SchedulerConfig.MONITORS);
        problems.check(patience >= 1, path + ".patience", "must be at least 1, got " + patience);
        problems.check(
                minDelta >= 0 && Double.isFinite(minDelta),
                path + ".minDelta",
                "must be at least 0, got " + minDelta);
    }
}
