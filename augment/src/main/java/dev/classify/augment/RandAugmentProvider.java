package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code rand-augment}: RandAugment (Cubuk et al. 2019) as torchvision's {@code RandAugment}; see
 * {@link RandAugment}.
 *
 * <p>Options: {@code n}, the ops per image (torchvision's {@code num_ops}), at least 1, default 2;
 * {@code magnitude}, the bin of every op's strength, in [0, bins), default 9; {@code bins}
 * (torchvision's {@code num_magnitude_bins}), at least 2, default 31.
 */
public final class RandAugmentProvider implements AugmenterProvider {

    @Override
    public String name() {
        return "rand-augment";
    }

    @Override
    public String description() {
        return "RandAugment (Cubuk et al. 2019): n random ops per image at one fixed strength,"
                + " as torchvision's RandAugment";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo("n", "2", "ops applied to each image in turn, at least 1"),
                new OptionInfo(
                        "magnitude",
                        "9",
                        "strength of every op: a bin in [0, bins), 0 the weakest"),
                TrivialAugmentProvider.binsOption());
    }

    @Override
    public Augmenter create(Options options) {
        int operations = options.intValue("n", 2);
        options.check(operations >= 1, "n", "must be at least 1, got " + operations);
        int bins = TrivialAugmentProvider.readBins(options);
        int magnitude = options.intValue("magnitude", 9);
        options.check(
                magnitude >= 0 && magnitude < bins,
                "magnitude",
                "must be in [0, " + bins + "), got " + magnitude);
        options.validate();
        return new PolicyAugmenter(
                options.path(), name(), new RandAugment(operations, magnitude, bins));
    }
}
