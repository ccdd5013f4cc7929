package dev.classify.api.config;

import dev.classify.api.Problems;
import java.util.List;

/**
 * How the learning rate changes after each epoch.
 *
 * <ul>
 *   <li>{@code constant} (default): never changes.
 *   <li>{@code step}: multiplied by {@code gamma} every {@code stepEpochs} epochs.
 *   <li>{@code plateau}: multiplied by {@code factor} when {@code monitor} has not improved on its
 *       best value by more than the relative {@code threshold} for more than {@code patience}
 *       epochs; then waits {@code cooldown} epochs; never below {@code minLr}. The semantics of
 *       PyTorch's {@code ReduceLROnPlateau} in {@code rel} threshold mode.
 * </ul>
 *
 * @param type {@code constant}, {@code step} or {@code plateau}
 * @param stepEpochs for {@code step}: epochs between decays, at least 1 (default 30)
 * @param gamma for {@code step}: the decay factor, in (0, 1) (default 0.1)
 * @param monitor for {@code plateau}: {@code val_accuracy} (higher is better, the default) or
 *     {@code val_loss} (lower is better)
 * @param patience for {@code plateau}: epochs without improvement tolerated, at least 0 (default
 *     10)
 * @param factor for {@code plateau}: the decay factor, in (0, 1) (default 0.1)
 * @param threshold for {@code plateau}: the relative improvement that counts, at least 0 (default
 *     1e-4)
 * @param cooldown for {@code plateau}: epochs to wait after a decay, at least 0 (default 0)
 * @param minLr for {@code plateau}: the lowest learning rate, at least 0 (default 0)
 */
public record SchedulerConfig(
        String type,
        Integer stepEpochs,
        Double gamma,
        String monitor,
        Integer patience,
        Double factor,
        Double threshold,
        Integer cooldown,
        Double minLr) {

    /** The schedule types this version knows. */
    public static final List<String> TYPES = List.of("constant", "step", "plateau");

    /** The metrics a plateau schedule can monitor. */
    public static final List<String> MONITORS = List.of("val_accuracy", "val_loss");

    /** Fills defaults. */
    public SchedulerConfig {
        type = type == null ? "constant" : type;
        stepEpochs = stepEpochs == null ? 30 : stepEpochs;
        gamma = gamma == null ? 0.1 : gamma;
        monitor = monitor == null ? "val_accuracy" : monitor;
        patience = patience == null ? 10 : patience;
        factor = factor == null ? 0.1 : factor;
        threshold = threshold == null ? 1e-4 : threshold;
        cooldown = cooldown == null ? 0 : cooldown;
        minLr = minLr == null ? 0.0 : minLr;
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        problems.check(
                TYPES.contains(type),
                path + ".type",
                "unknown scheduler '" + type + "'; known: " + TYPES);
        problems.check(
                stepEpochs >= 1, path + ".stepEpochs", "must be at least 1, got " + stepEpochs);
        problems.check(gamma > 0 && gamma < 1, path + ".gamma", "must be in (0, 1), got " + gamma);
        problems.check(
                MONITORS.contains(monitor),
                path + ".monitor",
                "unknown metric '" + monitor + "'; known: " + MONITORS);
        problems.check(patience >= 0, path + ".patience", "must be at least 0, got " + patience);
        problems.check(
                factor > 0 && factor < 1, path + ".factor", "must be in (0, 1), got " + factor);
        problems.check(threshold >= 0, path + ".threshold", "must be at least 0, got " + threshold);
        problems.check(cooldown >= 0, path + ".cooldown", "must be at least 0, got " + cooldown);
        problems.check(minLr >= 0, path + ".minLr", "must be at least 0, got " + minLr);
    }
}
