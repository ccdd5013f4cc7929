package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.Options;

/**
 * {@code random-flip}: mirrors each image independently, left-right and/or top-bottom.
 *
 * <p>Options: {@code horizontal} (default true), {@code vertical} (default false), {@code
 * probability} of each enabled flip per image (in [0, 1], default 0.5).
 */
public final class RandomFlipProvider implements AugmenterProvider {

    @Override
    public String name() {
        return "random-flip";
    }

    @Override
    public String description() {
        return "mirrors each image left-right and/or top-bottom with a probability";
    }

    @Override
    public Augmenter create(Options options) {
        boolean horizontal = options.booleanValue("horizontal", true);
        boolean vertical = options.booleanValue("vertical", false);
        double probability = options.doubleValue("probability", 0.5);
        options.check(
                probability >= 0 && probability <= 1,
                "probability",
                "must be in [0, 1], got " + probability);
        options.check(
                horizontal || vertical,
                "horizontal",
                "flips nothing: set horizontal or vertical to true");
        options.validate();
        return new RandomFlip(horizontal, vertical, probability);
    }
}
