package dev.classify.engine.train.schedule;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.classify.engine.config.OptimizerConfig;

/**
 * Builds the DJL optimizer that an {@link OptimizerConfig} describes. The learning rate always
 * comes from {@code learningRate} (the training loop's per-epoch tracker), so that every schedule
 * applies to every optimizer.
 *
 * <p>What DJL 0.36 does underneath, on MXNet (PyTorch runs the same updates, with Nesterov SGD from
 * {@link NesterovSgd}):
 *
 * <ul>
 *   <li>{@code sgd}: DJL's {@code Sgd} has no Nesterov option; Nesterov momentum is DJL's separate
 *       {@code Nag} optimizer (MXNet {@code nag_mom_update}), which requires a non-zero momentum.
 *   <li>{@code adam}: DJL's {@code Adam} (MXNet {@code adam_update}); weight decay is L2, added to
 *       the gradient.
 *   <li>{@code adamw}: DJL's {@code AdamW} (MXNet {@code _adamw_update}); weight decay is decoupled
 *       and scaled by the current learning rate, as in PyTorch. DJL's own default weight decay for
 *       AdamW (0.01) is always overridden by the configuration's.
 *   <li>{@code clipGradient}: DJL's {@code optClipGrad}, clipping each gradient element to {@code
 *       [-c, c]} (MXNet {@code clip_gradient}); without it DJL's -1 turns clipping off.
 * </ul>
 */
public final class ConfiguredOptimizer {
    private ConfiguredOptimizer() {}

    /** Returns the optimizer of {@code config} (validated), its rate read from the tracker. */
    public static Optimizer create(OptimizerConfig config, ParameterTracker learningRate) {
        return create(config, learningRate, "MXNet");
    }

    /**
     * Returns the optimizer of {@code config} for engine {@code engineName}: as {@link
     * #create(OptimizerConfig, ParameterTracker)}, except that Nesterov SGD on engines other than
     * MXNet is {@link NesterovSgd}, since only MXNet implements DJL's fused Nesterov update.
     */
    public static Optimizer create(
            OptimizerConfig config, ParameterTracker learningRate, String engineName) {
        float weightDecay = config.weightDecay().floatValue();
        float clip = config.clipGradient() == null ? -1f : config.clipGradient().floatValue();
        return switch (config.type()) {
            case "sgd" -> {
                if (config.nesterov() && !engineName.equals("MXNet")) {
                    yield new NesterovSgd(
                            learningRate, config.momentum().floatValue(), weightDecay, clip);
                }
                if (config.nesterov()) {
                    yield Optimizer.nag()
                            .setLearningRateTracker(learningRate)
                            .setMomentum(config.momentum().floatValue())
                            .optWeightDecays(weightDecay)
                            .optClipGrad(clip)
                            .build();
                }
                yield Optimizer.sgd()
                        .setLearningRateTracker(learningRate)
                        .optMomentum(config.momentum().floatValue())
                        .optWeightDecays(weightDecay)
                        .optClipGrad(clip)
                        .build();
            }
            case "adam" ->
                    Optimizer.adam()
                            .optLearningRateTracker(learningRate)
                            .optBeta1(config.beta1().floatValue())
                            .optBeta2(config.beta2().floatValue())
                            .optEpsilon(config.epsilon().floatValue())
                            .optWeightDecays(weightDecay)
                            .optClipGrad(clip)
                            .build();
            case "adamw" ->
                    Optimizer.adamW()
                            .optLearningRateTracker(learningRate)
                            .optBeta1(config.beta1().floatValue())
                            .optBeta2(config.beta2().floatValue())
                            .optEpsilon(config.epsilon().floatValue())
                            .optWeightDecays(weightDecay)
                            .optClipGrad(clip)
                            .build();
            default ->
                    throw new IllegalArgumentException("unknown optimizer '" + config.type() + "'");
        };
    }
}
