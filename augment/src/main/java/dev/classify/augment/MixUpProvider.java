package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code mixup}: MixUp (Zhang et al. 2017): blends every image of a training batch with another
 * image of the batch, and their labels with the same weights. Training only; the loss then takes
 * soft labels.
 *
 * <p>Options: {@code alpha}, the Beta(alpha, alpha) shape of the weight, positive (default 0.2,
 * within the paper's 0.1..0.4 for ImageNet); {@code probability} that a batch is mixed, in [0, 1]
 * (default 1).
 */
public final class MixUpProvider implements AugmenterProvider {
    /** The default {@code alpha}. */
    static final double DEFAULT_ALPHA = 0.2;

    @Override
    public String name() {
        return "mixup";
    }

    @Override
    public String description() {
        return "blends images of a training batch pairwise, and their labels alike (MixUp)";
    }

    @Override
    public List<OptionInfo> options() {
        return MixingOptions.describe(DEFAULT_ALPHA);
    }

    @Override
    public Augmenter create(Options options) {
        MixingOptions mixing = MixingOptions.read(options, DEFAULT_ALPHA);
        options.validate();
        return new MixUp(mixing.alpha(), mixing.probability());
    }
}
