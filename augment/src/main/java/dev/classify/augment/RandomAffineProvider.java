package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code random-affine}: a random rotation and whole-pixel translation of each image, bilinear,
 * zero fill, as torchvision's {@code RandomAffine} without shear and scale.
 *
 * <p>Options: {@code degrees}, required, in [0, 180]: angles uniform in [-degrees, degrees]; {@code
 * translate}, {@code [tx, ty]} in [0, 1] (default {@code [0, 0]}): shifts uniform in [-tx W, tx W]
 * and [-ty H, ty H], rounded to whole pixels.
 */
public final class RandomAffineProvider implements AugmenterProvider {

    @Override
    public String name() {
        return "random-affine";
    }

    @Override
    public String description() {
        return "rotates and shifts each image by random amounts (bilinear, zero fill)";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo(
                        "degrees",
                        "required",
                        "largest absolute angle in degrees, in [0, 180]; 0 for shifts only"),
                new OptionInfo(
                        "translate",
                        "[0, 0]",
                        "[tx, ty]: largest shift as a fraction of the width and height, in [0, 1]"));
    }

    @Override
    public Augmenter create(Options options) {
        double degrees = RandomRotationProvider.readDegrees(options);
        List<Double> translate = options.doubleList("translate", List.of(0.0, 0.0));
        options.check(
                translate.size() == 2 && translate.stream().allMatch(t -> t >= 0 && t <= 1),
                "translate",
                "expected [tx, ty], each in [0, 1], got " + translate);
        options.validate();
        return new RandomAffine(degrees, translate.get(0), translate.get(1));
    }
}
