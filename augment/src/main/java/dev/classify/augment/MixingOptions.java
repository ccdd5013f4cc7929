package dev.classify.augment;

import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * The options that {@code mixup} and {@code cutmix} share, read and checked.
 *
 * @param alpha the Beta(alpha, alpha) shape of the mixing weight, positive
 * @param probability the chance that a batch is mixed, in [0, 1]
 */
record MixingOptions(double alpha, double probability) {

    /** Reads {@code alpha} and {@code probability}, recording every problem in {@code options}. */
    static MixingOptions read(Options options, double defaultAlpha) {
        double alpha = options.doubleValue("alpha", defaultAlpha);
        options.check(
                alpha > 0 && Double.isFinite(alpha),
                "alpha",
                "must be a positive number (the Beta(alpha, alpha) shape), got " + alpha);
        double probability = options.doubleValue("probability", 1.0);
        options.check(
                probability >= 0 && probability <= 1,
                "probability",
                "must be in [0, 1], got " + probability);
        return new MixingOptions(alpha, probability);
    }

    /** Describes the options for a person choosing the augmenter. */
    static List<OptionInfo> describe(double defaultAlpha) {
        return List.of(
                new OptionInfo(
                        "alpha",
                        String.valueOf(defaultAlpha),
                        "the mixing weight is drawn from Beta(alpha, alpha); positive (1: uniform,"
                                + " small: mostly one image)"),
                new OptionInfo(
                        "probability",
                        "1.0",
                        "chance that a batch is mixed, in [0, 1]; one draw per batch"));
    }
}
