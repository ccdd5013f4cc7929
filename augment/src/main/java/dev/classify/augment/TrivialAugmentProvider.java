package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code trivial-augment}: TrivialAugment (Müller and Hutter 2021) with torchvision's {@code
 * TrivialAugmentWide} ops and ranges; see {@link TrivialAugment}.
 *
 * <p>Options: {@code bins}, the number of magnitude bins (torchvision's {@code
 * num_magnitude_bins}), at least 2, default 31.
 */
public final class TrivialAugmentProvider implements AugmenterProvider {
    static final int DEFAULT_BINS = 31;

    @Override
    public String name() {
        return "trivial-augment";
    }

    @Override
    public String description() {
        return "TrivialAugment (Mueller and Hutter 2021): one random op at a random strength per"
                + " image, torchvision's TrivialAugmentWide";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(binsOption());
    }

    static OptionInfo binsOption() {
        return new OptionInfo(
                "bins",
                String.valueOf(DEFAULT_BINS),
                "magnitude bins, at least 2 (strengths 0..max)");
    }

    static int readBins(Options options) {
        int bins = options.intValue("bins", DEFAULT_BINS);
        options.check(bins >= 2, "bins", "must be at least 2, got " + bins);
        return Math.max(2, bins);
    }

    @Override
    public Augmenter create(Options options) {
        int bins = readBins(options);
        options.validate();
        return new PolicyAugmenter(options.path(), name(), new TrivialAugment(bins));
    }
}
