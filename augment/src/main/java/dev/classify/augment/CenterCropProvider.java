package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code center-crop}: keeps the central region of every image.
 *
 * <p>Options: {@code size}, required: one positive integer (a square) or {@code [height, width]},
 * no larger than the input.
 */
public final class CenterCropProvider implements AugmenterProvider {

    @Override
    public String name() {
        return "center-crop";
    }

    @Override
    public String description() {
        return "keeps the central region of a fixed size of every image";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo(
                        "size",
                        "required",
                        "crop size in pixels, at most the input's: one integer for a square,"
                                + " or [height, width]"));
    }

    @Override
    public Augmenter create(Options options) {
        var size = ImageSize.read(options, "size");
        options.validate();
        return new CenterCrop(options.pathOf("size"), size.orElseThrow());
    }
}
