package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code random-resized-crop}: the Inception crop (Szegedy et al. 2015) of torchvision's {@code
 * RandomResizedCrop}: a random region of random area and aspect ratio, resized to a fixed size.
 *
 * <p>Options: {@code size}, required: one positive integer (a square) or {@code [height, width]};
 * {@code scale}, the crop's area as a fraction of the image's, {@code [low, high]} (default {@code
 * [0.08, 1.0]}); {@code ratio}, the crop's width / height, log-uniform in {@code [low, high]}
 * (default {@code [0.75, 1.3333]}, i.e. 3/4 to 4/3).
 */
public final class RandomResizedCropProvider implements AugmenterProvider {
    private static final NumberRange DEFAULT_SCALE = new NumberRange(0.08, 1.0);
    private static final NumberRange DEFAULT_RATIO = new NumberRange(3.0 / 4, 4.0 / 3);

    @Override
    public String name() {
        return "random-resized-crop";
    }

    @Override
    public String description() {
        return "crops a region of random area and aspect ratio and resizes it (Inception crop)";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo(
                        "size",
                        "required",
                        "output size in pixels: one integer for a square, or [height, width]"),
                new OptionInfo(
                        "scale",
                        "[0.08, 1.0]",
                        "[low, high] of the crop's area as a fraction of the image's, in (0, 1]"),
                new OptionInfo(
                        "ratio",
                        "[0.75, 1.3333]",
                        "[low, high] of the crop's width / height, drawn log-uniformly; positive"));
    }

    @Override
    public Augmenter create(Options options) {
        var size = ImageSize.read(options, "size");
        var scale = NumberRange.read(options, "scale", DEFAULT_SCALE, 0);
        scale.ifPresent(s -> options.check(s.high() <= 1, "scale", "must be at most 1, got " + s));
        var ratio = NumberRange.read(options, "ratio", DEFAULT_RATIO, 0);
        options.validate();
        return new RandomResizedCrop(size.orElseThrow(), scale.orElseThrow(), ratio.orElseThrow());
    }
}
