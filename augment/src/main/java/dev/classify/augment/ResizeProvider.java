package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code resize}: scales every image to a fixed height and width with bilinear interpolation.
 *
 * <p>Options: {@code size}, required: one positive integer (a square) or {@code [height, width]}.
 */
public final class ResizeProvider implements AugmenterProvider {

    @Override
    public String name() {
        return "resize";
    }

    @Override
    public String description() {
        return "scales every image to a fixed size with bilinear interpolation";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo(
                        "size",
                        "required",
                        "output size in pixels: one integer for a square, or [height, width]"));
    }

    @Override
    public Augmenter create(Options options) {
        var size = ImageSize.read(options, "size");
        options.validate();
        return new Resize(size.orElseThrow());
    }
}
