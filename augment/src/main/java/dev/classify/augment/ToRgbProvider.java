package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.Options;

/**
 * {@code to-rgb}: turns grayscale images into three identical channels, e.g. to feed Fashion-MNIST
 * to a network built for RGB input. Has no options.
 */
public final class ToRgbProvider implements AugmenterProvider {

    @Override
    public String name() {
        return "to-rgb";
    }

    @Override
    public String description() {
        return "repeats a single gray channel three times; RGB input passes unchanged";
    }

    @Override
    public Augmenter create(Options options) {
        options.validate();
        return new ToRgb(options.path());
    }
}
