package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code cutmix}: CutMix (Yun et al. 2019): pastes a random box of another image of the training
 * batch into every image, and mixes their labels by the box's share of the area. Training only; the
 * loss then takes soft labels.
 *
 * <p>Options: {@code alpha}, the Beta(alpha, alpha) shape of the kept share, positive (default 1,
 * the paper's: a uniform share); {@code probability} that a batch is mixed, in [0, 1] (default 1).
 */
public final class CutMixProvider implements AugmenterProvider {
    /** The default {@code alpha}. */
    static final double DEFAULT_ALPHA = 1.0;

    @Override
    public String name() {
        return "cutmix";
    }

    @Override
    public String description() {
        return "pastes a random box of another image of a training batch, mixing labels by area"
                + " (CutMix)";
    }

    @Override
    public List<OptionInfo> options() {
        return MixingOptions.describe(DEFAULT_ALPHA);
    }

    @Override
    public Augmenter create(Options options) {
        MixingOptions mixing = MixingOptions.read(options, DEFAULT_ALPHA);
        options.validate();
        return new CutMix(mixing.alpha(), mixing.probability());
    }
}
