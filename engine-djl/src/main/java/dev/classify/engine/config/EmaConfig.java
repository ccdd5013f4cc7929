package dev.classify.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.classify.api.Problems;

/**
 * An exponential moving average of the network's weights (Polyak and Juditsky 1992; timm's {@code
 * --model-ema}, {@code ModelEmaV2}): after every optimizer step each parameter's average becomes
 * {@code average = d * average + (1 - d) * weight}, batch normalization's running mean and variance
 * included. Validation, the kept model ({@code model/}) and prediction use the average.
 *
 * <p>The decay of the t-th optimizer step of the run (t from 1, counted across {@code --resume}) is
 * {@code d_t = decay * min(1, t / warmupSteps)}: a linear warm-up of the decay, so that the average
 * soon forgets the random initial weights (the first step's decay is {@code decay / warmupSteps});
 * with {@code warmupSteps} 0 every step uses {@code decay}, as timm's {@code ModelEmaV2}. The
 * average starts as the initial weights.
 *
 * <p>In YAML a number alone is the decay: {@code ema: 0.999} is {@code ema: {decay: 0.999}}.
 *
 * @param decay the weight of the average so far at each step, in (0, 1) (default 0.999); the
 *     average spans about {@code 1 / (1 - decay)} steps
 * @param warmupSteps optimizer steps over which the decay rises linearly from 0 to {@code decay},
 *     at least 0 (default 0: no warm-up)
 */
public record EmaConfig(Double decay, Integer warmupSteps) {

    /** Fills defaults. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public EmaConfig {
        decay = decay == null ? 0.999 : decay;
        warmupSteps = warmupSteps == null ? 0 : warmupSteps;
    }

    /** The short form {@code ema: 0.999}: that decay, without warm-up. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EmaConfig ofDecay(Double decay) {
        return new EmaConfig(decay, null);
    }

    /**
     * The decay of the {@code step}-th optimizer step (from 1): {@code decay * min(1, step /
     * warmupSteps)}, or {@code decay} without warm-up.
     */
    public double decayAt(long step) {
        if (warmupSteps == 0) {
            return decay;
        }
        return decay * Math.min(1.0, (double) step / warmupSteps);
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        problems.check(
                decay > 0 && decay < 1,
                path + ".decay",
                "must be between 0 and 1 (exclusive), e.g. 0.999, got " + decay);
        problems.check(
                warmupSteps >= 0,
                path + ".warmupSteps",
                "must be at least 0 (0: no warm-up), got " + warmupSteps);
    }
}
