package dev.classify.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.classify.api.Problems;

/**
 * An exponential moving average of the network's weights (Polyak and Juditsky 1992; timm's {@code
 * --model-ema}, {@code ModelEmaV2}): after every optimizer step each parameter's average becomes
 * {@code average = d * average + (1 - d) * weight}. Validation, the kept model ({@code model/}) and
 * prediction use the average.
 *
 * <p>Batch normalization's running mean and variance are recomputed for the averaged weights at the
 * end of every epoch, before validation: {@code batchNormBatches} training batches (hold-out
 * excluded, the same ones every epoch, through the evaluation augmentation) run through the
 * averaged network in training mode, as SWA's {@code bn_update} (Izmailov et al. 2018). Averaging
 * the statistics like the weights (timm's {@code ModelEmaV2}, {@code batchNormBatches: 0}) gives
 * the average statistics that do not fit its weights when the weights shrink under weight decay:
 * measured on the ResNet-18 fast recipe ({@code configs/fashion-fast-cpu.yaml} before {@code
 * resnet9}) with {@code ema: {decay: 0.999, warmupSteps: 1000}}, the average's hold-out accuracy
 * rose to 0.900 at epoch 8, then fell every epoch to 0.746 at epoch 20 (PyTorch from Python with
 * the same average falls too, later), while the same averaged weights with recomputed statistics
 * reach 0.928, above the trained network's 0.926.
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
 * @param batchNormBatches training batches that recompute the average's batch-normalization
 *     statistics at the end of every epoch, at least 0 (default 16); 0 averages the statistics like
 *     the weights instead
 */
public record EmaConfig(Double decay, Integer warmupSteps, Integer batchNormBatches) {
    /** The default of {@code batchNormBatches}. */
    public static final int BATCH_NORM_BATCHES = 16;

    /** Fills defaults. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public EmaConfig {
        decay = decay == null ? 0.999 : decay;
        warmupSteps = warmupSteps == null ? 0 : warmupSteps;
        batchNormBatches = batchNormBatches == null ? BATCH_NORM_BATCHES : batchNormBatches;
    }

    /** The decay and warm-up given, batch-norm statistics recomputed from the default batches. */
    public EmaConfig(Double decay, Integer warmupSteps) {
        this(decay, warmupSteps, null);
    }

    /** The short form {@code ema: 0.999}: that decay, without warm-up. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EmaConfig ofDecay(Double decay) {
        return new EmaConfig(decay, null, null);
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
        problems.check(
                batchNormBatches >= 0,
                path + ".batchNormBatches",
                "must be at least 0 (0: average the batch-norm statistics like the weights), got "
                        + batchNormBatches);
    }
}
