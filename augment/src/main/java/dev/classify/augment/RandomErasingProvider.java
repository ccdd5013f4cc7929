package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code random-erasing}: random erasing (Zhong et al. 2017) as torchvision's {@code
 * RandomErasing}: sets a random rectangle of some images to a constant; usually placed after {@code
 * normalize}, so that the default value 0 is the mean.
 *
 * <p>Options: {@code probability} per image, in [0, 1] (default 0.5); {@code scale}, the
 * rectangle's area as a fraction of the image's, {@code [low, high]} in (0, 1) (default {@code
 * [0.02, 0.33]}); {@code ratio}, its height / width, log-uniform in {@code [low, high]} (default
 * {@code [0.3, 3.3]}); {@code value}, the number written into every channel (default 0).
 */
public final class RandomErasingProvider implements AugmenterProvider {
    private static final NumberRange DEFAULT_SCALE = new NumberRange(0.02, 0.33);
    private static final NumberRange DEFAULT_RATIO = new NumberRange(0.3, 3.3);

    @Override
    public String name() {
        return "random-erasing";
    }

    @Override
    public String description() {
        return "sets a random rectangle of some images to a constant (random erasing)";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo("probability", "0.5", "chance that an image is erased, in [0, 1]"),
                new OptionInfo(
                        "scale",
                        "[0.02, 0.33]",
                        "[low, high] of the rectangle's area as a fraction of the image's"),
                new OptionInfo(
                        "ratio",
                        "[0.3, 3.3]",
                        "[low, high] of the rectangle's height / width, drawn log-uniformly"),
                new OptionInfo("value", "0", "the number written into the rectangle"));
    }

    @Override
    public Augmenter create(Options options) {
        double probability = options.doubleValue("probability", 0.5);
        options.check(
                probability >= 0 && probability <= 1,
                "probability",
                "must be in [0, 1], got " + probability);
        var scale = NumberRange.read(options, "scale", DEFAULT_SCALE, 0);
        scale.ifPresent(s -> options.check(s.high() < 1, "scale", "must be below 1, got " + s));
        var ratio = NumberRange.read(options, "ratio", DEFAULT_RATIO, 0);
        double value = options.doubleValue("value", 0);
        options.check(Double.isFinite(value), "value", "must be a finite number, got " + value);
        options.validate();
        return new RandomErasing(
                probability, scale.orElseThrow(), ratio.orElseThrow(), (float) value);
    }
}
