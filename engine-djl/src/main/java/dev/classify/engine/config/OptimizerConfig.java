package dev.classify.engine.config;

import dev.classify.api.Problems;
import java.util.List;
import java.util.Map;

/**
 * The optimizer. The learning rate of every type follows {@code train.scheduler} epoch by epoch.
 *
 * <ul>
 *   <li>{@code sgd} (default): stochastic gradient descent with momentum; with {@code nesterov:
 *       true}, Nesterov momentum (PyTorch's {@code SGD(nesterov=True)}). {@code weightDecay} is an
 *       L2 penalty added to the gradient.
 *   <li>{@code adam}: Adam (Kingma and Ba 2014); {@code weightDecay} is an L2 penalty added to the
 *       gradient, like PyTorch's {@code Adam(weight_decay=...)}.
 *   <li>{@code adamw}: Adam with decoupled weight decay (Loshchilov and Hutter 2017): each step
 *       also multiplies the weights by {@code 1 - learningRate * weightDecay}, like PyTorch's
 *       {@code AdamW}.
 * </ul>
 *
 * <p>Defaults depend on the type, and a key the type does not read is an error rather than being
 * ignored: a type's keys are listed in {@link #KEYS}.
 *
 * @param type {@code sgd} (default), {@code adam} or {@code adamw}
 * @param learningRate the initial learning rate, positive (default 0.01 for {@code sgd}, 0.001 for
 *     {@code adam} and {@code adamw})
 * @param momentum for {@code sgd}: the momentum, in [0, 1) (default 0.9)
 * @param weightDecay the weight decay, at least 0 (default 0; 0.01 for {@code adamw})
 * @param nesterov for {@code sgd}: Nesterov momentum, which needs a positive momentum (default
 *     false)
 * @param beta1 for {@code adam} and {@code adamw}: the decay of the gradient mean, in [0, 1)
 *     (default 0.9)
 * @param beta2 for {@code adam} and {@code adamw}: the decay of the squared-gradient mean, in [0,
 *     1) (default 0.999)
 * @param epsilon for {@code adam} and {@code adamw}: added to the denominator, positive (default
 *     1e-8)
 * @param clipGradient for every type, optional: each gradient element is clipped to {@code
 *     [-clipGradient, clipGradient]} before the update (clipping by value, like PyTorch's {@code
 *     clip_grad_value_}, not by norm); positive; absent means no clipping
 */
public record OptimizerConfig(
        String type,
        Double learningRate,
        Double momentum,
        Double weightDecay,
        Boolean nesterov,
        Double beta1,
        Double beta2,
        Double epsilon,
        Double clipGradient) {

    /** The optimizer types this version knows. */
    public static final List<String> TYPES = List.of("sgd", "adam", "adamw");

    /** The keys each type reads, besides {@code type}. */
    public static final Map<String, List<String>> KEYS =
            Map.of(
                    "sgd",
                    List.of("learningRate", "momentum", "nesterov", "weightDecay", "clipGradient"),
                    "adam",
                    List.of(
                            "learningRate",
                            "beta1",
                            "beta2",
                            "epsilon",
                            "weightDecay",
                            "clipGradient"),
                    "adamw",
                    List.of(
                            "learningRate",
                            "beta1",
                            "beta2",
                            "epsilon",
                            "weightDecay",
                            "clipGradient"));

    /** Fills the defaults of the type; keys the type does not read stay {@code null}. */
    public OptimizerConfig {
        type = type == null ? "sgd" : type;
        boolean sgd = type.equals("sgd");
        boolean adam = type.equals("adam") || type.equals("adamw");
        if (learningRate == null && (sgd || adam)) {
            learningRate = sgd ? 0.01 : 0.001;
        }
        if (weightDecay == null && (sgd || adam)) {
            weightDecay = type.equals("adamw") ? 0.01 : 0.0;
        }
        if (sgd) {
            momentum = momentum == null ? 0.9 : momentum;
            nesterov = nesterov == null ? false : nesterov;
        }
        if (adam) {
            beta1 = beta1 == null ? 0.9 : beta1;
            beta2 = beta2 == null ? 0.999 : beta2;
            epsilon = epsilon == null ? 1e-8 : epsilon;
        }
    }

    /** Returns the default optimizer: SGD, learning rate 0.01, momentum 0.9. */
    public static OptimizerConfig defaults() {
        return new OptimizerConfig(null, null, null, null, null, null, null, null, null);
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        problems.check(
                TYPES.contains(type),
                path + ".type",
                "unknown optimizer '" + type + "'; known: " + TYPES);
        if (learningRate != null) {
            problems.check(
                    learningRate > 0 && Double.isFinite(learningRate),
                    path + ".learningRate",
                    "must be positive, got " + learningRate);
        }
        if (momentum != null) {
            problems.check(
                    momentum >= 0 && momentum < 1,
                    path + ".momentum",
                    "must be in [0, 1), got " + momentum);
            problems.check(
                    !Boolean.TRUE.equals(nesterov) || momentum > 0,
                    path + ".nesterov",
                    "Nesterov momentum needs a positive momentum, got momentum " + momentum);
        }
        if (weightDecay != null) {
            problems.check(
                    weightDecay >= 0 && Double.isFinite(weightDecay),
                    path + ".weightDecay",
                    "must be at least 0, got " + weightDecay);
        }
        checkFraction(beta1, path + ".beta1", problems);
        checkFraction(beta2, path + ".beta2", problems);
        if (epsilon != null) {
            problems.check(
                    epsilon > 0 && Double.isFinite(epsilon),
                    path + ".epsilon",
                    "must be positive, got " + epsilon);
        }
        if (clipGradient != null) {
            problems.check(
                    clipGradient > 0 && Double.isFinite(clipGradient),
                    path + ".clipGradient",
                    "must be positive, got " + clipGradient);
        }
        List<String> keys = KEYS.get(type);
        if (keys != null) {
            checkUsed(keys, "momentum", momentum, path, problems);
            checkUsed(keys, "nesterov", nesterov, path, problems);
            checkUsed(keys, "beta1", beta1, path, problems);
            checkUsed(keys, "beta2", beta2, path, problems);
            checkUsed(keys, "epsilon", epsilon, path, problems);
        }
    }

    private static void checkFraction(Double value, String path, Problems problems) {
        if (value != null) {
            problems.check(value >= 0 && value < 1, path, "must be in [0, 1), got " + value);
        }
    }

    private void checkUsed(
            List<String> keys, String key, Object value, String path, Problems problems) {
        problems.check(
                value == null || keys.contains(key),
                path + "." + key,
                "the "
                        + type
                        + " optimizer does not use it; its keys: "
                        + keys
                        + " (to change the type, give the whole optimizer map)");
    }
}
