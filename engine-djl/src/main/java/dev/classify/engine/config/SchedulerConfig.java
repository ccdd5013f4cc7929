package dev.classify.engine.config;

import dev.classify.api.Problems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How the learning rate changes after each epoch. Every schedule starts from {@code
 * train.optimizer.learningRate} (the initial rate) and is stepped once per epoch, like a PyTorch
 * scheduler whose {@code step()} is called at the end of each epoch.
 *
 * <ul>
 *   <li>{@code constant} (default): never changes.
 *   <li>{@code step}: multiplied by {@code gamma} every {@code stepEpochs} epochs (PyTorch's {@code
 *       StepLR}).
 *   <li>{@code multistep}: multiplied by {@code gamma} once after each epoch listed in {@code
 *       milestones}: the rate of an epoch is the initial rate times {@code gamma} to the power of
 *       the number of milestones at most the number of epochs done (PyTorch's {@code MultiStepLR}).
 *   <li>{@code cosine}: optional linear warm-up, then cosine annealing from the initial rate
 *       towards {@code minLr}. With E = {@code train.epochs}, W = {@code warmupEpochs} and e the
 *       number of epochs done: for e &lt; W the rate is initial * (e + 1) / (W + 1); after that,
 *       with t = e - W and T = E - W, it is minLr + (initial - minLr) * (1 + cos(pi * t / T)) / 2.
 *       This is PyTorch's {@code SequentialLR} of {@code LinearLR(start_factor=1/(W+1),
 *       total_iters=W)} and {@code CosineAnnealingLR(T_max=E-W, eta_min=minLr)}; without warm-up,
 *       {@code CosineAnnealingLR(T_max=E)} alone. The first epoch after warm-up runs at the initial
 *       rate, and the last epoch at a rate just above {@code minLr}, which is reached when the
 *       training ends.
 *   <li>{@code plateau}: multiplied by {@code factor} when {@code monitor} has not improved on its
 *       best value by more than the relative {@code threshold} for more than {@code patience}
 *       epochs; then waits {@code cooldown} epochs; never below {@code minLr}. The semantics of
 *       PyTorch's {@code ReduceLROnPlateau} in {@code rel} threshold mode.
 * </ul>
 *
 * <p>Defaults depend on the type, and a key the type does not read is an error rather than being
 * ignored: a type's keys are listed in {@link #KEYS}.
 *
 * @param type {@code constant}, {@code step}, {@code multistep}, {@code cosine} or {@code plateau}
 * @param stepEpochs for {@code step}: epochs between decays, at least 1 (default 30)
 * @param gamma for {@code step} and {@code multistep}: the decay factor, in (0, 1) (default 0.1)
 * @param monitor for {@code plateau}: {@code val_accuracy} (higher is better, the default) or
 *     {@code val_loss} (lower is better)
 * @param patience for {@code plateau}: epochs without improvement tolerated, at least 0 (default
 *     10)
 * @param factor for {@code plateau}: the decay factor, in (0, 1) (default 0.1)
 * @param threshold for {@code plateau}: the relative improvement that counts, at least 0 (default
 *     1e-4)
 * @param cooldown for {@code plateau}: epochs to wait after a decay, at least 0 (default 0)
 * @param minLr for {@code plateau} and {@code cosine}: the lowest learning rate, at least 0
 *     (default 0); for {@code cosine} below the initial rate
 * @param milestones for {@code multistep}, required: the epochs after which the rate decays,
 *     strictly increasing, each at least 1
 * @param warmupEpochs for {@code cosine}: epochs of linear warm-up, at least 0 and below {@code
 *     train.epochs} (default 0)
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
        Double minLr,
        List<Integer> milestones,
        Integer warmupEpochs) {

    /** The schedule types this version knows. */
    public static final List<String> TYPES =
            List.of("constant", "step", "multistep", "cosine", "plateau");

    /** The keys each type reads, besides {@code type}. */
    public static final Map<String, List<String>> KEYS =
            Map.of(
                    "constant", List.of(),
                    "step", List.of("stepEpochs", "gamma"),
                    "multistep", List.of("milestones", "gamma"),
                    "cosine", List.of("warmupEpochs", "minLr"),
                    "plateau",
                            List.of(
                                    "monitor",
                                    "patience",
                                    "factor",
                                    "threshold",
                                    "cooldown",
                                    "minLr"));

    /** The metrics a plateau schedule can monitor. */
    public static final List<String> MONITORS = List.of("val_accuracy", "val_loss");

    /** Fills the defaults of the type; keys the type does not read stay {@code null}. */
    public SchedulerConfig {
        type = type == null ? "constant" : type;
        switch (type) {
            case "step" -> {
                stepEpochs = stepEpochs == null ? 30 : stepEpochs;
                gamma = gamma == null ? 0.1 : gamma;
            }
            case "multistep" -> gamma = gamma == null ? 0.1 : gamma;
            case "cosine" -> {
                warmupEpochs = warmupEpochs == null ? 0 : warmupEpochs;
                minLr = minLr == null ? 0.0 : minLr;
            }
            case "plateau" -> {
                monitor = monitor == null ? "val_accuracy" : monitor;
                patience = patience == null ? 10 : patience;
                factor = factor == null ? 0.1 : factor;
                threshold = threshold == null ? 1e-4 : threshold;
                cooldown = cooldown == null ? 0 : cooldown;
                minLr = minLr == null ? 0.0 : minLr;
            }
            default -> {}
        }
        // Not List.copyOf: a null element must reach validate() as a problem, not an exception.
        milestones =
                milestones == null
                        ? null
                        : Collections.unmodifiableList(new ArrayList<>(milestones));
    }

    /** Returns the default schedule: a constant learning rate. */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        problems.check(
                TYPES.contains(type),
                path + ".type",
                "unknown scheduler '" + type + "'; known: " + TYPES);
        checkRanges(path, problems);
        if (type.equals("multistep")) {
            problems.check(
                    milestones != null && !milestones.isEmpty(),
                    path + ".milestones",
                    "is required for multistep: give the epochs after which the rate decays,"
                            + " e.g. [30, 60]");
        }
        if (milestones != null) {
            checkMilestones(path + ".milestones", problems);
        }
        List<String> keys = KEYS.get(type);
        if (keys != null) {
            checkUsedKeys(keys, path, problems);
        }
    }

    /** Records each given number outside its range. */
    private void checkRanges(String path, Problems problems) {
        if (stepEpochs != null) {
            problems.check(
                    stepEpochs >= 1, path + ".stepEpochs", "must be at least 1, got " + stepEpochs);
        }
        if (gamma != null) {
            problems.check(
                    gamma > 0 && gamma < 1, path + ".gamma", "must be in (0, 1), got " + gamma);
        }
        if (monitor != null) {
            problems.check(
                    MONITORS.contains(monitor),
                    path + ".monitor",
                    "unknown metric '" + monitor + "'; known: " + MONITORS);
        }
        if (patience != null) {
            problems.check(
                    patience >= 0, path + ".patience", "must be at least 0, got " + patience);
        }
        if (factor != null) {
            problems.check(
                    factor > 0 && factor < 1, path + ".factor", "must be in (0, 1), got " + factor);
        }
        if (threshold != null) {
            problems.check(
                    threshold >= 0, path + ".threshold", "must be at least 0, got " + threshold);
        }
        if (cooldown != null) {
            problems.check(
                    cooldown >= 0, path + ".cooldown", "must be at least 0, got " + cooldown);
        }
        if (minLr != null) {
            problems.check(
                    minLr >= 0 && Double.isFinite(minLr),
                    path + ".minLr",
                    "must be at least 0, got " + minLr);
        }
        if (warmupEpochs != null) {
            problems.check(
                    warmupEpochs >= 0,
                    path + ".warmupEpochs",
                    "must be at least 0, got " + warmupEpochs);
        }
    }

    /** Records each key given that the type does not read; {@code keys} are those it reads. */
    private void checkUsedKeys(List<String> keys, String path, Problems problems) {
        checkUsed(keys, "stepEpochs", stepEpochs, path, problems);
        checkUsed(keys, "gamma", gamma, path, problems);
        checkUsed(keys, "monitor", monitor, path, problems);
        checkUsed(keys, "patience", patience, path, problems);
        checkUsed(keys, "factor", factor, path, problems);
        checkUsed(keys, "threshold", threshold, path, problems);
        checkUsed(keys, "cooldown", cooldown, path, problems);
        checkUsed(keys, "minLr", minLr, path, problems);
        checkUsed(keys, "milestones", milestones, path, problems);
        checkUsed(keys, "warmupEpochs", warmupEpochs, path, problems);
    }

    private void checkMilestones(String path, Problems problems) {
        for (int i = 0; i < milestones.size(); i++) {
            Integer milestone = milestones.get(i);
            if (milestone == null || milestone < 1) {
                problems.add(
                        path + "[" + i + "]", "must be an epoch of at least 1, got " + milestone);
                return;
            }
            if (i > 0 && milestones.get(i - 1) != null && milestone <= milestones.get(i - 1)) {
                problems.add(
                        path,
                        "must be strictly increasing, got "
                                + milestones.get(i - 1)
                                + " then "
                                + milestone);
                return;
            }
        }
    }

    private void checkUsed(
            List<String> keys, String key, Object value, String path, Problems problems) {
        problems.check(
                value == null || keys.contains(key),
                path + "." + key,
                "the "
                        + type
                        + " scheduler does not use it; its keys: "
                        + keys
                        + " (to change the type, give the whole scheduler map)");
    }
}
