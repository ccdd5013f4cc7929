package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code random-rotation}: rotates each image about its centre by a random angle, bilinear, zero
 * fill, as torchvision's {@code RandomRotation}.
 *
 * <p>Options: {@code degrees}, required: the largest absolute angle, in [0, 180]; angles are
 * uniform in [-degrees, degrees], positive counter-clockwise.
 */
public final class RandomRotationProvider implements AugmenterProvider {

    @Override
    public String name() {
        return "random-rotation";
    }

    @Override
    public String description() {
        return "rotates each image about its centre by a random angle (bilinear, zero fill)";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo(
                        "degrees",
                        "required",
                        "largest absolute angle in degrees, in [0, 180]; positive is"
                                + " counter-clockwise"));
    }

    @Override
    public Augmenter create(Options options) {
        double degrees = readDegrees(options);
        options.validate();
        return new RandomAffine(degrees, 0, 0);
    }

    /** Reads the required {@code degrees} option in [0, 180], recording problems. */
    static double readDegrees(Options options) {
        if (!options.has("degrees")) {
            options.problem("degrees", "is required: the largest absolute angle, in [0, 180]");
            return 0;
        }
        double degrees = options.doubleValue("degrees", 0);
        options.check(
                degrees >= 0 && degrees <= 180, "degrees", "must be in [0, 180], got " + degrees);
        return degrees;
    }
}
