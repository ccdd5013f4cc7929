package dev.classify.api.config;

import dev.classify.api.Problems;
import java.util.List;

/**
 * The optimizer. Only stochastic gradient descent ({@code sgd}) for now.
 *
 * @param type {@code sgd} (default)
 * @param learningRate the initial learning rate, positive (default 0.01)
 * @param momentum the momentum, in [0, 1) (default 0.9)
 * @param weightDecay the L2 weight decay, at least 0 (default 0)
 */
public record OptimizerConfig(
        String type, Double learningRate, Double momentum, Double weightDecay) {

    /** The optimizer types this version knows. */
    public static final List<String> TYPES = List.of("sgd");

    /** Fills defaults. */
    public OptimizerConfig {
        type = type == null ? "sgd" : type;
        learningRate = learningRate == null ? 0.01 : learningRate;
        momentum = momentum == null ? 0.9 : momentum;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        problems.check(
                TYPES.contains(type),
                path + ".type",
                "unknown optimizer '" + type + "'; known: " + TYPES);
        problems.check(
                learningRate > 0 && Double.isFinite(learningRate),
                path + ".learningRate",
                "must be positive, got " + learningRate);
        problems.check(
                momentum >= 0 && momentum < 1,
                path + ".momentum",
                "must be in [0, 1), got " + momentum);
        problems.check(
                weightDecay >= 0 && Double.isFinite(weightDecay),
                path + ".weightDecay",
                "must be at least 0, got " + weightDecay);
    }
}
